package io.migrate.cli;

import io.migrate.Migrator;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "resolve", sortOptions = false,
        description = "Settle a failed migration after repairing the database by hand. History rows are never "
                + "overwritten: a row is added, or the failed attempt is marked rolled back.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  # undone by hand: the next deploy runs it again",
                "  migrate resolve --rolled-back 20260110090000_index_posts",
                "  # completed by hand: count it as applied",
                "  migrate resolve --applied 20260110090000_index_posts"})
final class ResolveCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @ArgGroup(exclusive = true, multiplicity = "1", order = 5)
    Choice choice;

    static final class Choice {
        @Option(names = "--applied", paramLabel = "NAME", required = true,
                description = "Record the failed migration NAME as applied, without running it")
        String applied;

        @Option(names = "--rolled-back", paramLabel = "NAME", required = true,
                description = "Record the failed attempt of NAME as rolled back; the next deploy runs it again")
        String rolledBack;
    }

    @Override
    public Integer call() {
        Migrator migrator = options.migrator();
        if (choice.applied != null) {
            migrator.resolveApplied(choice.applied);
            System.out.println("Recorded " + choice.applied + " as applied.");
        } else {
            migrator.resolveRolledBack(choice.rolledBack);
            System.out.println("Recorded the failed attempt of " + choice.rolledBack
                    + " as rolled back; the next deploy runs it again.");
        }
        return ExitCode.OK;
    }
}
