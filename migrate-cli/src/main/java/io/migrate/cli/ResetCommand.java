package io.migrate.cli;

import io.migrate.Migrator;
import io.migrate.api.DeployResult;
import io.migrate.cli.Configuration.Setting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "reset", sortOptions = false,
        description = {"For development: drop every object in the schema (the history table included), deploy every "
                + "migration and run the seed.",
                "Asks first on a terminal; without one (CI, containers) it refuses unless --force is given."},
        footerHeading = "%nExamples:%n",
        footer = {"  migrate reset", "  migrate reset --force --url postgresql://dev@localhost:5432/dev"})
final class ResetCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Option(names = "--force", order = 5, description = "Reset without asking")
    boolean force;

    @Override
    public Integer call() {
        Configuration configuration = options.configuration();
        Migrator migrator = CommonOptions.migrator(configuration);
        if (!force) {
            if (!Terminal.interactive()) {
                throw new UsageException("reset drops every object in the schema and needs a decision: no terminal "
                        + "to ask on, so nothing was done. Pass --force to reset without asking.");
            }
            DatabaseUrl url = DatabaseUrl.parse(configuration.get(Setting.URL));
            String schema = configuration.get(Setting.SCHEMA) != null ? configuration.get(Setting.SCHEMA) : url.schema();
            String where = (schema == null ? "the schema" : "schema \"" + schema + "\"") + " of "
                    + DatabaseUrl.masked(url.jdbcUrl());
            if (!Terminal.confirm("Drop every object in " + where + " and migrate it from scratch?")) {
                System.out.println("Reset cancelled: nothing was changed.");
                return ExitCode.FAILED;
            }
        }
        DeployResult result = migrator.allowReset(true).reset();
        System.out.println(Terminal.green("Reset the schema. " + result));
        return ExitCode.OK;
    }
}
