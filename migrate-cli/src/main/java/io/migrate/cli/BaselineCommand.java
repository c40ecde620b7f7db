package io.migrate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "baseline", sortOptions = false,
        description = "Adopt an existing database: record every migration up to and including NAME as applied, "
                + "without running them. The next deploy applies the ones after it.",
        footerHeading = "%nExamples:%n",
        footer = {"  migrate baseline 20260105090000_add_role_enum"})
final class BaselineCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Parameters(paramLabel = "NAME", description = "The last migration the database already has")
    String name;

    @Override
    public Integer call() {
        List<String> recorded = options.migrator().baseline(name);
        StringBuilder text = new StringBuilder("Recorded ").append(recorded.size())
                .append(recorded.size() == 1 ? " migration" : " migrations").append(" as applied, up to ").append(name)
                .append(':');
        for (String each : recorded) {
            text.append("\n  ").append(each);
        }
        System.out.println(text);
        return ExitCode.OK;
    }
}
