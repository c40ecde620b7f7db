package io.migrate.cli;

import io.migrate.Migrator;
import io.migrate.api.LintReport;
import io.migrate.api.MigrationException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "lint", sortOptions = false,
        description = {"Say what the pending migrations (or those chosen with --since or --latest) will lock, rewrite "
                + "or break, and how to do the same safely. They run on a shadow database on the server of --url; "
                + "the database itself is only read.",
                "Exits 0 when lint finds no error (warnings and notes are printed), 4 when it finds one."},
        footerHeading = "%nExamples:%n",
        footer = {"  migrate lint",
                "  migrate lint --since 20260301000000_last_on_main     # CI: what a branch adds",
                "  migrate lint --latest 2 --json"})
final class LintCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @ArgGroup(exclusive = true, order = 5)
    Selection selection;

    @Option(names = "--json", order = 7, description = "Print the migrations and findings as JSON")
    boolean json;

    static final class Selection {
        @Option(names = "--since", required = true, paramLabel = "NAME",
                description = "The migrations that sort after NAME, instead of the pending ones")
        String since;
        @Option(names = "--latest", required = true, paramLabel = "N", description = "The last N migrations")
        Integer latest;
    }

    @Override
    public Integer call() {
        Migrator migrator = options.migrator();
        if (selection != null) {
            try {
                if (selection.since != null) {
                    migrator.lintSince(selection.since);
                } else {
                    migrator.lintLatest(selection.latest);
                }
            } catch (MigrationException refused) {
                throw new Configuration.SettingException(refused, "the flag " + (selection.since != null ? "--since" : "--latest"));
            }
        }
        LintReport report = migrator.lint();
        if (json) {
            System.out.println(report.toJson());
        } else {
            String text = report.toString();
            System.out.println(report.hasErrors() ? Terminal.red(text) : report.findings().isEmpty() ? Terminal.green(text) : text);
        }
        return report.hasErrors() ? ExitCode.PROBLEMS : ExitCode.OK;
    }
}
