package io.migrate.internal.engine;

import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;
import io.migrate.internal.history.HistoryRow;
import io.migrate.internal.source.Migration;
import io.migrate.internal.source.MigrationNames;
import io.migrate.internal.source.MigrationReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Settles the history by hand: resolve, accept a checksum, baseline. Each takes the migration lock
 * and adds rows; a row is only ever changed to set {@code rolled_back_at} on a failed attempt.
 */
public final class Resolver {

    private static final Logger log = LoggerFactory.getLogger(Resolver.class);

    private final Operation operation;

    public Resolver(Settings settings) {
        this.operation = new Operation(settings);
    }

    public void resolveApplied(String name) {
        MigrationReader.Contents contents = operation.read();
        Migration migration = operation.find(contents, name, "migration");
        inLockedHistory(contents, "recording " + name + " as applied", db -> {
            List<HistoryRow> rows = rowsOf(db, name);
            if (any(rows, HistoryRow::applied)) {
                throw new MigrationException(ErrorCode.ALREADY_APPLIED, "Migration " + name
                        + " is already recorded as applied in " + db.history.qualifiedName() + "; nothing to resolve");
            }
            for (HistoryRow failed : select(rows, HistoryRow::failed)) {
                db.history.markRolledBack(failed.id());
            }
            db.history.insertResolvedApplied(name, migration.checksum(), "Marked as applied by resolveApplied, without running it");
            log.info("Recorded {} as applied without running it", name);
        });
    }

    public void resolveRolledBack(String name) {
        inLockedHistory(operation.read(), "recording " + name + " as rolled back", db -> {
            List<HistoryRow> rows = rowsOf(db, name);
            if (rows.isEmpty()) {
                throw new MigrationException(ErrorCode.NOT_FAILED, "Migration " + name + " cannot be rolled back"
                        + " because it was never applied to the database (no row in " + db.history.qualifiedName() + ")");
            }
            List<HistoryRow> failed = select(rows, HistoryRow::failed);
            if (failed.isEmpty()) {
                throw new MigrationException(ErrorCode.NOT_FAILED, "Migration " + name + " cannot be rolled back"
                        + " because it is not in a failed state (it is " + (any(rows, HistoryRow::applied)
                        ? "applied" : "already rolled back") + "). Only a failed migration can be resolved as rolled back");
            }
            for (HistoryRow row : failed) {
                db.history.markRolledBack(row.id());
            }
            log.info("Recorded {} as rolled back: the next deploy runs it again", name);
        });
    }

    public void acceptChecksum(String name) {
        MigrationReader.Contents contents = operation.read();
        Migration migration = operation.find(contents, name, "migration");
        inLockedHistory(contents, "accepting the checksum of " + name, db -> {
            List<HistoryRow> applied = select(rowsOf(db, name), HistoryRow::applied);
            if (applied.isEmpty()) {
                throw new MigrationException(ErrorCode.NOT_APPLIED, "Migration " + name + " was never applied, so there"
                        + " is no checksum to accept; deploy applies it as it is now");
            }
            HistoryRow current = applied.get(applied.size() - 1);
            if (migration.matches(current.checksum())) {
                log.info("Migration {} already has the checksum of its file; nothing to accept", name);
                return;
            }
            // A new row, the old one kept as it was: the latest applied row is the one compared with the file.
            db.history.insertResolvedApplied(name, migration.checksum(), "Checksum accepted by acceptChecksum without"
                    + " running it again: applied " + current.finishedAt() + " with checksum " + current.checksum());
            log.info("Accepted the new checksum {} of {} (was {})", migration.checksum(), name, current.checksum());
        });
    }

    public List<String> baseline(String name) {
        MigrationReader.Contents contents = operation.read();
        operation.find(contents, name, "baseline");
        return inLockedHistory(contents, "baselining up to " + name, db -> {
            List<HistoryRow> rows = db.history.read();
            List<String> marked = new ArrayList<>();
            for (Migration m : contents.migrations()) {
                if (MigrationNames.ORDER.compare(m.name(), name) > 0) {
                    break;
                }
                List<HistoryRow> own = select(rows, r -> r.migrationName().equals(m.name()));
                if (any(own, HistoryRow::failed)) {
                    throw new MigrationException(ErrorCode.FAILED_MIGRATION_PRESENT, "Cannot baseline over " + m.name()
                            + ", which failed: resolve it first with resolveApplied or resolveRolledBack");
                }
                if (!any(own, HistoryRow::applied)) {
                    db.history.insertResolvedApplied(m.name(), m.checksum(), "Baselined: marked as applied without running it");
                    marked.add(m.name());
                }
            }
            if (marked.isEmpty()) {
                throw new MigrationException(ErrorCode.ALREADY_APPLIED, "Nothing to baseline: every migration up to "
                        + name + " is already applied");
            }
            log.info("Baselined {} {} up to {}: recorded as applied without running", marked.size(),
                    marked.size() == 1 ? "migration" : "migrations", name);
            return marked;
        });
    }

    @FunctionalInterface
    private interface HistoryWork<T> {
        T run(Database db) throws SQLException;
    }

    @FunctionalInterface
    private interface HistoryAction {
        void run(Database db) throws SQLException;
    }

    private void inLockedHistory(MigrationReader.Contents contents, String doing, HistoryAction action) {
        inLockedHistory(contents, doing, db -> {
            action.run(db);
            return null;
        });
    }

    /** Runs with the lock held and the history table created, all of it in one transaction. */
    private <T> T inLockedHistory(MigrationReader.Contents contents, String doing, HistoryWork<T> work) {
        return operation.changing(contents, db -> doing, db -> {
            db.createHistoryIfMissing();
            return db.inTransaction(() -> work.run(db));
        });
    }

    private static List<HistoryRow> rowsOf(Database db, String name) throws SQLException {
        return select(db.history.read(), r -> r.migrationName().equals(name));
    }

    private static List<HistoryRow> select(List<HistoryRow> rows, Predicate<HistoryRow> filter) {
        return rows.stream().filter(filter).toList();
    }

    private static boolean any(List<HistoryRow> rows, Predicate<HistoryRow> filter) {
        return rows.stream().anyMatch(filter);
    }
}
