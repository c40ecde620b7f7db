package io.migrate.internal.engine;

import io.migrate.api.AppliedMigration;
import io.migrate.api.DeployResult;
import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;
import io.migrate.api.ValidationException;
import io.migrate.internal.history.HistoryRow;
import io.migrate.internal.history.HistoryTable;
import io.migrate.internal.source.MigrationReader;
import io.migrate.spi.DatabaseLock;
import io.migrate.spi.Dialect;
import io.migrate.spi.SessionSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Brings a database up to date with the migrations in the configured locations. */
public final class Deployer {

    private static final Logger log = LoggerFactory.getLogger(Deployer.class);

    private final Settings settings;

    public Deployer(Settings settings) {
        this.settings = settings;
    }

    public DeployResult deploy() {
        long start = System.nanoTime();
        MigrationReader.Contents contents = MigrationReader.read(settings.locations(), settings.classLoader());
        Connection connection;
        try {
            connection = settings.dataSource().getConnection();
        } catch (SQLException e) {
            throw new MigrationException(ErrorCode.CONNECTION_FAILED, "Cannot connect to the database ("
                    + Failures.describe(e) + "). Check that it is running and that the data source's URL and"
                    + " credentials are right", e);
        }
        MigrationException failure = null;
        boolean autoCommit = true;
        try {
            autoCommit = connection.getAutoCommit();
            if (!autoCommit) {
                connection.setAutoCommit(true);
            }
            return deploy(connection, contents, start);
        } catch (SQLException e) {
            failure = Failures.bookkeeping("preparing the deploy", e);
            throw failure;
        } catch (MigrationException e) {
            failure = e;
            throw e;
        } finally {
            if (!autoCommit) {
                Failures.quietly(failure, () -> connection.setAutoCommit(false));
            }
            Failures.quietly(failure, connection::close);
        }
    }

    private DeployResult deploy(Connection connection, MigrationReader.Contents contents, long start) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        Dialect dialect = Dialects.resolve(settings.dialect(), settings.classLoader(), metaData);
        contents.provider().ifPresent(p -> checkProvider(p, dialect));
        String schema = settings.schema() != null ? settings.schema() : dialect.currentSchema(connection);
        HistoryTable history = new HistoryTable(connection, dialect, schema, settings.table());
        log.info("Database: {} ({} {}), history table {}", Redaction.url(metaData.getURL()),
                metaData.getDatabaseProductName(), metaData.getDatabaseProductVersion(), history.qualifiedName());

        if (dialect.historyTableExists(connection, schema, settings.table())) {
            // Most boots find nothing to do: decide that without taking the lock.
            Plan plan = plan(contents, history.read());
            if (plan.nothingToDo()) {
                return upToDate(plan, start);
            }
        }
        List<AppliedMigration> applied = new ArrayList<>();
        Plan plan;
        MigrationException failure = null;
        DatabaseLock lock = lock(connection, dialect, schema);
        SessionSettings session = null;
        try {
            // Checked again under the lock: another deployer may have created it meanwhile.
            boolean exists = dialect.historyTableExists(connection, schema, settings.table());
            plan = plan(contents, exists ? history.read() : List.of());
            if (!plan.problems().isEmpty()) {
                throw invalid(plan, connection, dialect, schema, history);
            }
            // Every pending script is split before anything is written, the history table included.
            List<Script> scripts = plan.pending().stream().map(m -> Script.prepare(m, dialect)).toList();
            if (!exists) {
                dialect.createHistoryTable(connection, schema, settings.table());
            }
            if (scripts.isEmpty()) {
                return upToDate(plan, start);
            }
            log.info("{} applied, {} pending: {} .. {}", plan.applied(), scripts.size(),
                    scripts.get(0).migration().name(), scripts.get(scripts.size() - 1).migration().name());
            session = dialect.prepareSession(connection, settings.schema() != null ? schema : null);
            MigrationRunner runner = new MigrationRunner(connection, dialect, history, schema);
            for (Script script : scripts) {
                applied.add(runner.apply(script));
            }
        } catch (MigrationException e) {
            failure = e;
            throw e;
        } catch (SQLException e) {
            failure = Failures.bookkeeping("reading or creating the history table " + history.qualifiedName(), e);
            throw failure;
        } finally {
            if (session != null) {
                Failures.quietly(failure, session::close);
            }
            Failures.quietly(failure, lock::close);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        log.info("Applied {} {} in {} ms", applied.size(), applied.size() == 1 ? "migration" : "migrations", took.toMillis());
        return new DeployResult(applied, plan.applied(), took);
    }

    private Plan plan(MigrationReader.Contents contents, List<HistoryRow> rows) {
        Plan plan = Plan.of(contents.migrations(), rows, settings.validateApplied(), settings.outOfOrder());
        for (ValidationException.Problem warning : plan.warnings()) {
            log.warn("{} (validateApplied is off)", warning);
        }
        return plan;
    }

    private DatabaseLock lock(Connection connection, Dialect dialect, String schema) {
        long waitStart = System.nanoTime();
        try {
            DatabaseLock lock = dialect.lock(connection, schema, settings.table(), settings.lockTimeout());
            long waited = (System.nanoTime() - waitStart) / 1_000_000;
            if (waited > 1000) {
                log.info("Took the migration lock after waiting {} ms", waited);
            }
            return lock;
        } catch (SQLException e) {
            throw Failures.bookkeeping("taking the migration lock", e);
        }
    }

    private DeployResult upToDate(Plan plan, long start) {
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        log.info("Schema is up to date: {} {} applied, nothing pending ({} ms)", plan.applied(),
                plan.applied() == 1 ? "migration" : "migrations", took.toMillis());
        return new DeployResult(List.of(), plan.applied(), took);
    }

    private static void checkProvider(MigrationReader.Provider provider, Dialect dialect) {
        if (!dialect.providerNames().contains(provider.name())) {
            throw new MigrationException(ErrorCode.PROVIDER_MISMATCH, provider.source() + " says provider = \""
                    + provider.name() + "\", but the database is handled by the " + dialect.name() + " dialect. These"
                    + " migrations were written for another database; point the locations at the right folder");
        }
    }

    private ValidationException invalid(Plan plan, Connection connection, Dialect dialect, String schema,
                                        HistoryTable history) {
        StringBuilder text = new StringBuilder("Deploy stopped before applying anything: the history in ")
                .append(history.qualifiedName()).append(" and the migrations on disk disagree.\n")
                .append(ValidationException.describe(plan.problems()));
        if (!plan.failed().isEmpty()) {
            try {
                for (String leftover : dialect.leftovers(connection, schema)) {
                    text.append("\n  Left behind: ").append(leftover);
                }
            } catch (SQLException e) {
                log.debug("Could not look for objects left behind by failed migrations", e);
            }
            for (HistoryRow row : plan.failed()) {
                text.append("\nFailed migration ").append(row.migrationName())
                        .append(": repair the database by hand (undo or complete what it applied), then mark the attempt: ")
                        .append(resolution(history, row.migrationName()));
            }
        }
        if (plan.problems().stream().anyMatch(p -> p.code() == ErrorCode.CHECKSUM_MISMATCH || p.code() == ErrorCode.MIGRATION_MISSING)) {
            text.append("\nAn applied migration must not be edited or deleted: restore the file as it was and put the"
                    + " change in a new migration (or deploy with validateApplied(false) to only warn).");
        }
        if (plan.problems().stream().anyMatch(p -> p.code() == ErrorCode.OUT_OF_ORDER)) {
            text.append("\nRename the out-of-order migration to sort after the newest applied one, or deploy with"
                    + " outOfOrder(true) if it is independent of the ones after it.");
        }
        return new ValidationException(plan.problems(), text.toString());
    }

    /** How to settle a failed attempt by hand, in SQL that works for this tool and for Prisma alike. */
    static String resolution(HistoryTable history, String name) {
        String row = " WHERE migration_name = '" + name + "' AND finished_at IS NULL AND rolled_back_at IS NULL;";
        return "to run it again on the next deploy, UPDATE " + history.qualifiedName() + " SET rolled_back_at = now()" + row
                + " If instead you completed it by hand, UPDATE " + history.qualifiedName() + " SET finished_at = now()" + row;
    }
}
