package io.migrate.cli;

import io.migrate.Migrator;
import io.migrate.api.MigrationException;
import io.migrate.api.PushResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "push", sortOptions = false,
        description = {"For development: bring the database to the declared schema (--schema-file) in one "
                + "transaction, without writing a migration or touching the history. Pushing the same file again "
                + "changes nothing.",
                "Without a scope it changes exactly the objects the schema file declares; the history table and "
                        + "objects created by recorded migrations are never changed. A change that loses data asks on "
                        + "a terminal; without one it stops unless --accept-data-loss is given. A database named "
                        + "*prod* or *production*, or with migrate.environment = 'production', needs --force."},
        footerHeading = "%nExamples:%n",
        footer = {"  migrate push --schema-file schema.sql",
                "  migrate push --dry-run --json",
                "  migrate push --scope-schema media --rename videos.title=videos.name",
                "  migrate push --scope-tables videos,clips --accept-data-loss"})
final class PushCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Option(names = "--accept-data-loss", order = 5,
            description = "Drop tables or columns and narrow types without asking")
    boolean acceptDataLoss;

    @Option(names = "--force", order = 6, description = "Push to a database that says it is production")
    boolean force;

    @Option(names = "--dry-run", order = 7, description = "Print what would run, checked the same way, and change nothing")
    boolean dryRun;

    @ArgGroup(exclusive = true, order = 8)
    ScopeOptions scope;

    @Option(names = "--rename", paramLabel = "OLD=NEW", order = 9,
            description = "Rename instead of a drop and an add, keeping the data: table.old=table.new for a column, "
                    + "old=new for a table; repeatable. Renames are never guessed")
    Map<String, String> renames = new LinkedHashMap<>();

    @Option(names = "--json", order = 10, description = "Print the statements, changes and warnings as JSON")
    boolean json;

    @Override
    public Integer call() {
        Migrator migrator = ScopeOptions.apply(scope, options.migrator()).acceptDataLoss(acceptDataLoss)
                .allowPushToProduction(force);
        if (!renames.isEmpty()) {
            try {
                migrator.renames(renames);
            } catch (MigrationException refused) {
                throw new Configuration.SettingException(refused, "the flag --rename");
            }
        }
        PushResult result = dryRun
                ? migrator.planPush()
                : DataLoss.decide(migrator::push, () -> migrator.acceptDataLoss(true).push(), "push");
        if (json) {
            System.out.println(json(result));
            return ExitCode.OK;
        }
        System.out.println(result.inSync() ? Terminal.green(result.toString())
                : Terminal.green((result.applied() ? "Pushed " : "Would push ") + result.statements().size()
                + (result.statements().size() == 1 ? " statement:" : " statements:")));
        if (!result.inSync()) {
            DevCommand.print(result.changes(), result.warnings(), "Warnings:");
            if (dryRun) {
                System.out.println("SQL:");
                result.statements().forEach(s -> System.out.println(s + ";"));
            }
        }
        return ExitCode.OK;
    }

    static String json(PushResult result) {
        return new Json().field("applied", result.applied()).field("inSync", result.inSync())
                .raw("changes", strings(result.changes())).raw("warnings", strings(result.warnings()))
                .raw("statements", strings(result.statements())).toString();
    }

    static String strings(List<String> values) {
        List<String> quoted = new ArrayList<>();
        values.forEach(v -> quoted.add(Json.quote(v)));
        return Json.array(quoted);
    }
}
