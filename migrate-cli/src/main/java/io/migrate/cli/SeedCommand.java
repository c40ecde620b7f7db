package io.migrate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "seed", sortOptions = false,
        description = "Run the seed script (seed.sql in the first location, or --seed-location) in one transaction, "
                + "under the migration lock. Seeds are not recorded: write them to be run again.",
        footerHeading = "%nExamples:%n",
        footer = {"  migrate seed", "  migrate seed --seed-location db/dev-seed.sql"})
final class SeedCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Override
    public Integer call() {
        options.migrator().seed();
        System.out.println("Seeded the database.");
        return ExitCode.OK;
    }
}
