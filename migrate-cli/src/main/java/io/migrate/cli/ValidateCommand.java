package io.migrate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "validate", sortOptions = false,
        description = {"Check the history against the migration files without changing anything; lists every "
                + "problem at once (failed, modified, missing, out of order) and exits 1 if there is one.",
                "With --detect-drift it also replays the applied migrations on a shadow database and lists each "
                        + "way the database differs ([DRIFT_DETECTED])."},
        footerHeading = "%nExamples:%n",
        footer = {"  migrate validate", "  migrate validate --locations db/migrations --table _prisma_migrations",
                "  migrate validate --detect-drift --json"})
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Option(names = "--json", order = 5,
            description = "Print {\"valid\":true}, or the error with each problem, as JSON on standard output")
    boolean json;

    @Override
    public Integer call() {
        options.migrator().validate();
        System.out.println(json ? new Json().field("valid", true)
                : Terminal.green("The history matches the migrations: nothing to settle."));
        return ExitCode.OK;
    }
}
