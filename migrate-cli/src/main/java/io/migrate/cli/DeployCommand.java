package io.migrate.cli;

import io.migrate.Migrator;
import io.migrate.api.AppliedMigration;
import io.migrate.api.DeployResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "deploy", sortOptions = false,
        description = "Apply every pending migration, in name order, under a lock. Validates first: failed, "
                + "modified, missing and out-of-order migrations stop it before anything runs.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  DATABASE_URL=postgresql://app:pw@db:5432/app migrate deploy",
                "  migrate deploy --url jdbc:postgresql://localhost/app --locations sql",
                "  migrate deploy --target 20260102090000_create_posts --json"})
final class DeployCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Option(names = "--json", order = 5, description = "Print the result as JSON on standard output")
    boolean json;

    @Override
    public Integer call() {
        Migrator migrator = options.migrator().listener(new ProgressReporter());
        DeployResult result = migrator.deploy();
        System.out.println(json ? json(result) : Terminal.green(result.toString()));
        return ExitCode.OK;
    }

    static String json(DeployResult result) {
        List<String> applied = new ArrayList<>();
        for (AppliedMigration m : result.applied()) {
            applied.add(new Json().field("name", m.name()).field("durationMillis", m.duration().toMillis())
                    .field("statements", m.statements()).field("transactional", m.transactional()).toString());
        }
        return new Json().field("upToDate", result.upToDate()).field("alreadyApplied", result.alreadyApplied())
                .field("durationMillis", result.duration().toMillis()).raw("applied", Json.array(applied)).toString();
    }
}
