package io.migrate.internal.engine;

import io.migrate.api.DeployPlan;
import io.migrate.api.PlannedMigration;
import io.migrate.api.StatusReport;
import io.migrate.internal.source.Location;
import io.migrate.internal.source.Migration;
import io.migrate.internal.source.IntegrityFile;
import io.migrate.internal.source.MigrationReader;

import java.sql.SQLException;
import java.util.List;

/** The operations that only read: status, validate and plan. None of them writes, not even the history table. */
public final class Inspector {

    private final Settings settings;
    private final Operation operation;

    public Inspector(Settings settings) {
        this.settings = settings;
        this.operation = new Operation(settings);
    }

    public StatusReport status() {
        MigrationReader.Contents contents = operation.read();
        return operation.reading(contents, db -> {
            boolean exists = db.historyExists();
            Plan plan = Plan.of(contents.migrations(), exists ? db.history.read() : List.of(), true, settings.outOfOrder());
            return new StatusReport(db.history.qualifiedName(), exists,
                    settings.locations().stream().map(Location::toString).toList(), plan.statuses(),
                    Operation.warnings(contents));
        });
    }

    public void validate() {
        MigrationReader.Contents contents = operation.read();
        IntegrityFile.check(settings.locations(), settings.classLoader());
        operation.reading(contents, db -> {
            plan(contents, db).requireAgreement("The history and the migrations on disk disagree:\n");
            return null;
        });
    }

    public DeployPlan plan() {
        MigrationReader.Contents contents = operation.read();
        return operation.reading(contents, db -> {
            Plan plan = plan(contents, db);
            plan.requireAgreement("A deploy would stop before applying anything: the history and the migrations on disk disagree.\n");
            return new DeployPlan(plan.pendingUpTo(settings.target()).stream().map(m -> planned(m, db)).toList(),
                    plan.applied());
        });
    }

    private Plan plan(MigrationReader.Contents contents, Database db) throws SQLException {
        return Plan.of(contents.migrations(), db.rows(), settings.validateApplied(), settings.outOfOrder());
    }

    private PlannedMigration planned(Migration migration, Database db) {
        Script script = Script.prepare(migration, db.dialect, settings.placeholders());
        return new PlannedMigration(migration.name(), migration.source(), migration.script(), script.countRunnable(),
                script.transactional(), script.withoutTransaction());
    }
}
