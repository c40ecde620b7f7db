package io.migrate.internal.shadow;

import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationState;
import io.migrate.api.MigrationStatus;
import io.migrate.api.StatusReport;
import io.migrate.api.ValidationException;
import io.migrate.schema.SchemaChange;
import io.migrate.schema.SchemaDiff;

import java.util.List;
import java.util.Set;

/** Drift: how the database differs from what its applied migrations create. */
public final class Drift {

    private static final Set<MigrationState> APPLIED = Set.of(MigrationState.APPLIED, MigrationState.MODIFIED);

    private Drift() {
    }

    /** The report with the drift found by replaying its applied migrations. */
    public static StatusReport check(StatusReport report, SchemaSources sources) {
        String lastApplied = report.migrations().stream().filter(m -> APPLIED.contains(m.state()))
                .map(MigrationStatus::name).reduce((a, b) -> b).orElse(null);
        return report.withDrift(sources.drift(lastApplied));
    }

    /** @throws ValidationException {@link ErrorCode#DRIFT_DETECTED} with one problem per difference */
    public static void require(StatusReport report, SchemaSources sources) {
        SchemaDiff drift = check(report, sources).drift().orElseThrow();
        if (drift.isEmpty()) {
            return;
        }
        List<ValidationException.Problem> problems = drift.changes().stream().map(Drift::problem).toList();
        throw new ValidationException(problems, "The database schema is not in sync with the migration history (drift):\n"
                + ValidationException.describe(problems) + "\nPut the changes in a new migration, or remove them with the"
                + " SQL of status().drift().get().reverse().script() (detectDrift(true) on)");
    }

    private static ValidationException.Problem problem(SchemaChange change) {
        String object = change.table().map(t -> t.qualifiedName()).orElse(change.subject());
        return new ValidationException.Problem(ErrorCode.DRIFT_DETECTED, object, change.summary());
    }
}
