package io.migrate.cli;

import io.migrate.api.DeployPlan;
import io.migrate.api.PlannedMigration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "plan", sortOptions = false,
        description = "Show what a deploy would apply now: each pending migration, its statement count, whether "
                + "it runs in a transaction, and what lint finds in it (as migrate lint). Writes nothing, not even the "
                + "history table.",
        footerHeading = "%nExamples:%n",
        footer = {"  migrate plan", "  migrate plan --sql", "  migrate plan --json > plan.json"})
final class PlanCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Option(names = "--json", order = 5, description = "Print the plan as JSON on standard output, SQL and lint findings included")
    boolean json;

    @Option(names = "--sql", order = 6, description = "Print each pending migration's SQL too")
    boolean sql;

    @Override
    public Integer call() {
        DeployPlan plan = options.migrator().plan();
        if (json) {
            System.out.println(json(plan));
            return ExitCode.OK;
        }
        System.out.println(plan);
        if (sql) {
            for (PlannedMigration m : plan.pending()) {
                System.out.println();
                System.out.println(Terminal.bold("-- " + m.name() + " (" + m.source() + ")"));
                System.out.println(m.sql().stripTrailing());
            }
        }
        return ExitCode.OK;
    }

    static String json(DeployPlan plan) {
        List<String> pending = new ArrayList<>();
        for (PlannedMigration m : plan.pending()) {
            pending.add(new Json().field("name", m.name()).field("source", m.source()).field("statements", m.statements())
                    .field("transactional", m.transactional()).field("withoutTransaction", m.withoutTransaction())
                    .field("sql", m.sql()).toString());
        }
        return new Json().field("alreadyApplied", plan.alreadyApplied()).raw("pending", Json.array(pending))
                .raw("lint", plan.lint().toJson()).toString();
    }
}
