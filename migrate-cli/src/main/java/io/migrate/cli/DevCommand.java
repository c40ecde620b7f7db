package io.migrate.cli;

import io.migrate.Migrator;
import io.migrate.api.CreatedMigration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "dev", sortOptions = false,
        description = {"For development: compare the migrations with the declared schema (--schema-file), write the "
                + "migration that turns one into the other, <UTC yyyyMMddHHmmss>_<NAME>/migration.sql in the first "
                + "filesystem location, and deploy it. The migrations are replayed on a temporary shadow database on the "
                + "server of --url; a database that drifted from its migrations stops it.",
                "Nothing to change: prints 'Already in sync', writes nothing and exits 0. A change that loses data "
                        + "(a dropped table or column, a narrowed type) asks on a terminal; without one it stops "
                        + "unless --accept-data-loss is given."},
        footerHeading = "%nExamples:%n",
        footer = {"  migrate dev --name add_user_email --schema-file schema.sql",
                "  migrate dev --name drop_legacy --create-only   # edit it, then deploy",
                "  MIGRATE_SCHEMA_FILE=src/main/resources/schema.sql migrate dev --name add_posts --json"})
final class DevCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Option(names = "--name", required = true, paramLabel = "NAME", order = 5,
            description = "What the migration does; other characters than letters, digits and '_' become '_'")
    String name;

    @Option(names = "--create-only", order = 6, description = "Write the migration without applying it, to edit it first")
    boolean createOnly;

    @Option(names = "--accept-data-loss", order = 7,
            description = "Write (and apply) a migration that drops tables or columns or narrows a type, without asking")
    boolean acceptDataLoss;

    @Option(names = "--json", order = 8, description = "Print the outcome, file, changes and warnings as JSON")
    boolean json;

    @Override
    public Integer call() {
        String slug = NewCommand.slug(name);
        Migrator migrator = options.migrator().listener(new ProgressReporter()).createOnly(createOnly)
                .acceptDataLoss(acceptDataLoss);
        CreatedMigration created = DataLoss.decide(() -> migrator.createMigration(slug),
                () -> migrator.acceptDataLoss(true).createMigration(slug), "create the migration");
        if (json) {
            System.out.println(new Json().field("outcome", created.outcome().name())
                    .field("name", created.name().orElse(null))
                    .field("file", created.folder().map(f -> NewCommand.shown(f.resolve("migration.sql"))).orElse(null))
                    .raw("changes", PushCommand.strings(created.changes()))
                    .raw("warnings", PushCommand.strings(created.warnings())));
            return ExitCode.OK;
        }
        if (created.alreadyInSync()) {
            System.out.println(Terminal.green("Already in sync: the migrations create the declared schema, "
                    + "no migration written."));
            return ExitCode.OK;
        }
        String file = NewCommand.shown(created.folder().orElseThrow().resolve("migration.sql"));
        System.out.println(Terminal.green(created.outcome() == CreatedMigration.Outcome.CREATED
                ? "Created " + file + " (not applied: review it, then run migrate deploy)"
                : "Created and applied " + file));
        print(created.changes(), created.warnings(), "Review before committing:");
        return ExitCode.OK;
    }

    /** The changes, then what to review; lines of a change summary stay indented under it. */
    static void print(List<String> changes, List<String> warnings, String warningsHeading) {
        for (String change : changes) {
            System.out.println("  " + change.replace("\n", "\n  "));
        }
        if (!warnings.isEmpty()) {
            System.out.println(Terminal.yellow(warningsHeading));
            for (String warning : warnings) {
                System.out.println("  - " + warning.replace("\n", "\n    "));
            }
        }
    }
}
