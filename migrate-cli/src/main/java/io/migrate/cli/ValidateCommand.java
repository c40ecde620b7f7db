package io.migrate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "validate", sortOptions = false,
        description = "Check the history against the migration files without changing anything; lists every "
                + "problem at once (failed, modified, missing, out of order) and exits 1 if there is one.",
        footerHeading = "%nExamples:%n",
        footer = {"  migrate validate", "  migrate validate --locations db/migrations --table _prisma_migrations"})
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Override
    public Integer call() {
        options.migrator().validate();
        System.out.println(Terminal.green("The history matches the migrations: nothing to settle."));
        return ExitCode.OK;
    }
}
