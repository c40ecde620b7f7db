package io.migrate.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "pull", sortOptions = false,
        description = "Write the database's schema (the history table aside) to FILE as a declared-schema file: pushed "
                + "to an empty database it recreates the schema, and pushed back to this one it changes nothing.",
        footerHeading = "%nExamples:%n",
        footer = {"  migrate pull schema.sql", "  migrate pull src/main/resources/media.sql --scope-schema media"})
final class PullCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @ArgGroup(exclusive = true, order = 5)
    ScopeOptions scope;

    @Parameters(paramLabel = "FILE", description = "The file to write (replaced if it exists)")
    Path file;

    @Override
    public Integer call() {
        Path written = ScopeOptions.apply(scope, options.migrator()).pull(file);
        System.out.println(Terminal.green("Wrote " + NewCommand.shown(written)));
        return ExitCode.OK;
    }
}
