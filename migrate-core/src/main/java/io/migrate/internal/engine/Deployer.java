package io.migrate.internal.engine;

import io.migrate.api.AppliedMigration;
import io.migrate.api.DeployResult;
import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;
import io.migrate.api.ValidationException;
import io.migrate.internal.history.HistoryRow;
import io.migrate.internal.history.HistoryState;
import io.migrate.internal.source.Migration;
import io.migrate.internal.source.IntegrityFile;
import io.migrate.internal.source.MigrationReader;
import io.migrate.spi.SessionSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Brings a database up to date with the migrations in the configured locations. */
public final class Deployer {

    private static final Logger log = LoggerFactory.getLogger(Deployer.class);
    private static final int OBJECTS_SHOWN = 5;

    private final Settings settings;
    private final Listeners listeners;
    private final Operation operation;

    public Deployer(Settings settings) {
        this.settings = settings;
        this.listeners = new Listeners(settings.listeners());
        this.operation = new Operation(settings);
    }

    public DeployResult deploy() {
        long start = System.nanoTime();
        return operation.changing(this::read, db -> "reading or creating the history table " + db.history.qualifiedName(),
                (db, contents) -> withoutLock(db, contents, start), (db, contents) -> deployLocked(db, contents, start));
    }

    /** What deploy does while it connects: read and check the locations, and find the dialects. */
    private MigrationReader.Contents read() {
        MigrationReader.Contents contents = operation.read();
        IntegrityFile.check(settings.locations(), settings.classLoader());
        Dialects.preload(settings.dialect(), settings.classLoader());
        return contents;
    }

    /**
     * Most boots find nothing to do: that is decided without taking the lock, from the states of the
     * history's rows alone, and only a history those do not settle is read in full.
     */
    private Optional<DeployResult> withoutLock(Database db, MigrationReader.Contents contents, long start) {
        Optional<List<HistoryState>> states = db.statesIfPresent(settings.lockTimeout());
        if (states.isEmpty()) {
            return Optional.empty();
        }
        Plan.Glance glance = Plan.glance(contents.migrations(), states.get(), settings.target());
        if (glance == Plan.Glance.UP_TO_DATE) {
            return Optional.of(upToDate(contents.migrations().size(), start));
        }
        if (glance == Plan.Glance.WORK) {
            return Optional.empty();
        }
        Optional<List<HistoryRow>> rows = db.readIfPresent(settings.lockTimeout());
        if (rows.isPresent()) {
            Plan plan = plan(contents, rows.get());
            if (plan.nothingToDo(settings.target())) {
                return Optional.of(upToDate(plan.applied(), start));
            }
        }
        return Optional.empty();
    }

    /** The deploy itself, on a connection that holds the migration lock. */
    DeployResult deployLocked(Database db, MigrationReader.Contents contents, long start) throws SQLException {
        List<HistoryRow> rows = db.rows();
        Plan plan = plan(contents, rows);
        if (!plan.problems().isEmpty()) {
            throw invalid(plan, db);
        }
        // Every pending script is split before anything is written, the history table included.
        List<Script> scripts = plan.pendingUpTo(settings.target()).stream()
                .map(m -> Script.prepare(m, db.dialect, settings.placeholders())).toList();
        if (rows.isEmpty() && !scripts.isEmpty()) {
            requireEmptySchema(db, scripts.get(0).migration());
        }
        db.createHistoryIfMissing();
        if (scripts.isEmpty()) {
            return upToDate(plan.applied(), start);
        }
        if (scripts.size() == 1) {
            log.info("{} applied, 1 pending: {}", plan.applied(), scripts.get(0).migration().name());
        } else {
            log.info("{} applied, {} pending: {} .. {}", plan.applied(), scripts.size(),
                    scripts.get(0).migration().name(), scripts.get(scripts.size() - 1).migration().name());
        }
        listeners.beforeDeploy(scripts.size());
        List<AppliedMigration> applied = new ArrayList<>();
        SessionSettings session = db.dialect.prepareSession(db.connection, settings.schema() != null ? db.schema : null);
        MigrationException failure = null;
        try (Progress progress = new Progress(settings.progressInterval())) {
            MigrationRunner runner = new MigrationRunner(db, settings, progress, listeners);
            for (int i = 0; i < scripts.size(); i++) {
                Script script = scripts.get(i);
                if (!applied.isEmpty()) {
                    resetSession(db, session, script);
                }
                applied.add(runner.apply(script, i == scripts.size() - 1));
            }
        } catch (MigrationException e) {
            failure = e;
            throw e;
        } finally {
            Failures.quietly(failure, session::close);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        log.info("Applied {} {} in {} ms", applied.size(), applied.size() == 1 ? "migration" : "migrations", took.toMillis());
        DeployResult result = new DeployResult(applied, plan.applied(), took);
        listeners.afterDeploy(result);
        return result;
    }

    /** What one migration changed in the session must not reach the next: each starts as if deployed alone. */
    private static void resetSession(Database db, SessionSettings session, Script next) {
        try {
            session.reset();
        } catch (SQLException e) {
            throw db.failures.bookkeeping("resetting the session before " + next.migration().name(), e);
        }
    }

    /**
     * A schema that already holds tables but has no history was built some other way: running the
     * first migration there would fail half-way or, worse, succeed on top of it.
     */
    private void requireEmptySchema(Database db, Migration first) throws SQLException {
        List<String> objects = db.dialect.schemaObjects(db.connection, db.schema, settings.table(), OBJECTS_SHOWN + 1);
        if (objects.isEmpty()) {
            return;
        }
        String shown = String.join(", ", objects.subList(0, Math.min(objects.size(), OBJECTS_SHOWN)))
                + (objects.size() > OBJECTS_SHOWN ? ", …" : "");
        throw new MigrationException(ErrorCode.SCHEMA_NOT_EMPTY, "Deploy stopped before applying anything: schema "
                + db.schema + " already holds objects (" + shown + ") but " + db.history.qualifiedName()
                + " records no migration, so nothing says which migrations built them. If this database already has"
                + " the schema some migrations would create, baseline it: baseline(\"<newest migration already"
                + " reflected in the database>\") marks every migration up to it as applied without running it, and"
                + " the next deploy applies the rest (the first one here is " + first.name() + "). If this is not"
                + " the database or schema you meant, check the data source and schema(...)");
    }

    private Plan plan(MigrationReader.Contents contents, List<HistoryRow> rows) {
        Plan plan = Plan.of(contents.migrations(), rows, settings.validateApplied(), settings.outOfOrder());
        for (ValidationException.Problem warning : plan.warnings()) {
            log.warn("{} (validateApplied is off)", warning);
        }
        return plan;
    }

    private DeployResult upToDate(int applied, long start) {
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        log.info("Schema is up to date: {} {} applied, nothing pending{} ({} ms)", applied,
                applied == 1 ? "migration" : "migrations",
                settings.target() == null ? "" : " up to " + settings.target(), took.toMillis());
        DeployResult result = new DeployResult(List.of(), applied, took);
        listeners.afterDeploy(result);
        return result;
    }

    private ValidationException invalid(Plan plan, Database db) {
        StringBuilder text = new StringBuilder("Deploy stopped before applying anything: the history in ")
                .append(db.history.qualifiedName()).append(" and the migrations on disk disagree.\n")
                .append(ValidationException.describe(plan.problems()));
        if (!plan.failed().isEmpty()) {
            try {
                for (String leftover : db.dialect.leftovers(db.connection, db.schema)) {
                    text.append("\n  Left behind: ").append(leftover);
                }
            } catch (SQLException e) {
                log.debug("Could not look for objects left behind by failed migrations", e);
            }
            for (HistoryRow row : plan.failed()) {
                text.append("\nFailed migration ").append(row.migrationName())
                        .append(": repair the database by hand (undo or complete what it applied), then mark the attempt: ")
                        .append(Failures.resolution(db.history, row.migrationName()));
            }
        }
        plan.advise(text);
        return new ValidationException(plan.problems(), text.toString());
    }
}
