package io.migrate.internal.engine;

import io.migrate.api.ErrorCode;
import io.migrate.api.JdbcUrl;
import io.migrate.api.LockTimeoutException;
import io.migrate.api.MigrationException;
import io.migrate.internal.history.HistoryRow;
import io.migrate.internal.history.HistoryState;
import io.migrate.internal.history.HistoryTable;
import io.migrate.internal.source.MigrationReader;
import io.migrate.spi.DatabaseLock;
import io.migrate.spi.Dialect;
import io.migrate.spi.ErrorKind;
import io.migrate.spi.SessionSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The one connection an operation works on, with the dialect, schema and history table found for
 * it. Kept in auto-commit between pieces of work; this class is the only one that changes that
 * ({@link #inTransaction}, {@link #endOpenWork}), and closing puts back the connection's own setting.
 */
final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    final Connection connection;
    final Dialect dialect;
    final String schema;
    final HistoryTable history;
    final Failures failures;
    private final Settings settings;
    private final boolean autoCommit;
    /** Which database and history table, for the log line of an operation that changes something. */
    final String description;
    /** A second connection for the history of migrations that run without a transaction, once asked for. */
    private Connection bookkeepingConnection;
    private HistoryTable bookkeeping;

    private Database(Connection connection, boolean autoCommit, Dialect dialect, String schema, Settings settings,
                     String description) {
        this.connection = connection;
        this.autoCommit = autoCommit;
        this.dialect = dialect;
        this.schema = schema;
        this.settings = settings;
        this.failures = Failures.of(dialect);
        this.history = new HistoryTable(connection, dialect, schema, settings.table());
        this.description = description + history.qualifiedName();
    }

    /** Connects, finds the dialect and the schema. */
    static Database open(Settings settings, MigrationReader.Contents contents) {
        return open(settings, contents, connect(settings));
    }

    /** A connection from the configured data source. */
    static Connection connect(Settings settings) {
        try {
            return settings.dataSource().getConnection();
        } catch (SQLException e) {
            throw new MigrationException(ErrorCode.CONNECTION_FAILED, "Cannot connect to the database ("
                    + Failures.standard().describe(Failures.root(e)) + "). Check that it is running and that the data source's URL and"
                    + " credentials are right", e);
        }
    }

    /** Finds the dialect and the schema of a connection made by {@link #connect}; closes it when that fails. */
    static Database open(Settings settings, MigrationReader.Contents contents, Connection connection) {
        try {
            boolean autoCommit = connection.getAutoCommit();
            if (!autoCommit) {
                connection.setAutoCommit(true);
            }
            DatabaseMetaData metaData = connection.getMetaData();
            Dialect dialect = Dialects.resolve(settings.dialect(), settings.classLoader(), metaData);
            if (contents.provider().isPresent()) {
                checkProvider(contents.provider().get(), dialect);
            }
            String schema = settings.schema() != null ? settings.schema() : currentSchema(connection, dialect);
            Database database = new Database(connection, autoCommit, dialect, schema, settings,
                    "Database: " + JdbcUrl.redacted(metaData.getURL()) + " (" + metaData.getDatabaseProductName() + " "
                            + metaData.getDatabaseProductVersion() + "), history table ");
            log.debug("{}", database.description);
            return database;
        } catch (SQLException | RuntimeException e) {
            MigrationException failure = e instanceof MigrationException m ? m : e instanceof SQLException s
                    ? Failures.standard().bookkeeping("reading the connection's metadata", s) : null;
            Failures.quietly(failure != null ? failure : e, connection::close);
            if (failure != null) {
                throw failure;
            }
            throw (RuntimeException) e;
        }
    }

    /** A connection may have no current schema (no database selected): then it must be configured. */
    private static String currentSchema(Connection connection, Dialect dialect) throws SQLException {
        String schema = dialect.currentSchema(connection);
        if (schema == null || schema.isEmpty()) {
            throw new MigrationException(ErrorCode.INVALID_CONFIGURATION, "The connection has no current schema (the "
                    + dialect.name() + " dialect found none), so there is no place for the history table. Set one with"
                    + " schema(\"<name>\") on the builder, or choose a default schema or database in the data source");
        }
        return schema;
    }

    private static void checkProvider(MigrationReader.Provider provider, Dialect dialect) {
        if (!dialect.providerNames().contains(provider.name())) {
            throw new MigrationException(ErrorCode.PROVIDER_MISMATCH, provider.source() + " says provider = \""
                    + provider.name() + "\", but the database is handled by the " + dialect.name() + " dialect. These"
                    + " migrations were written for another database; point the locations at the right folder");
        }
    }

    boolean historyExists() throws SQLException {
        return dialect.historyTableExists(connection, schema, settings.table());
    }

    /** The history, or nothing when the table does not exist (it is not created here). */
    List<HistoryRow> rows() throws SQLException {
        return historyExists() ? history.read() : List.of();
    }

    /** One way of reading the history table, with {@code prefix} sent before the query when not null. */
    @FunctionalInterface
    private interface HistoryRead<T> {
        T read(HistoryTable history, String prefix) throws SQLException;
    }

    /**
     * The history, read without the migration lock and waiting at most {@code limit} for a lock on the
     * table: another deployer may hold it for a whole migration, and the lock timeout promises a
     * bounded wait. Where the dialect has a {@link Dialect#lockWaitPrefix}, that is one round trip.
     */
    private <T> T readWithin(Duration limit, HistoryRead<T> read) throws SQLException {
        String prefix = dialect.lockWaitPrefix(limit);
        SessionSettings bounded = null;
        if (prefix == null) {
            try {
                bounded = dialect.timeouts(connection, limit, null);
            } catch (SQLException e) {
                log.debug("The dialect cannot bound lock waits; reading the history without a bound", e);
                return read.read(history, null);
            }
        }
        MigrationException failure = null;
        try {
            return read.read(history, prefix);
        } catch (SQLException e) {
            if (failures.kind(e) == ErrorKind.LOCK_NOT_AVAILABLE) {
                failure = new LockTimeoutException("Could not read the history table " + history.qualifiedName()
                        + " within " + limit.toMillis() + " ms: another session holds a lock on it ("
                        + failures.describe(e) + "). Another deploy is probably applying a migration; wait for it,"
                        + " or raise lockTimeout", e);
                throw failure;
            }
            throw e;
        } finally {
            if (bounded != null) {
                Failures.quietly(failure, bounded::close);
            }
        }
    }

    /**
     * The history as {@link #readWithin} reads it, or empty when it cannot be read without the lock.
     * The table is read straight away, since it is there on every boot but the first: one round trip
     * fewer than asking first whether it exists. A read that fails (no table yet, or one that another
     * deployer is creating right now) sends the deploy down the locked path, which looks again.
     */
    Optional<List<HistoryRow>> readIfPresent(Duration limit) {
        return ifPresent(limit, HistoryTable::read);
    }

    /** As {@link #readIfPresent}, each row's state only: what tells a deploy that has nothing to do. */
    Optional<List<HistoryState>> statesIfPresent(Duration limit) {
        return ifPresent(limit, HistoryTable::readStates);
    }

    private <T> Optional<T> ifPresent(Duration limit, HistoryRead<T> read) {
        try {
            return Optional.of(readWithin(limit, read));
        } catch (SQLException e) {
            log.debug("The history could not be read before taking the lock; deploying under the lock", e);
            return Optional.empty();
        }
    }

    void createHistoryIfMissing() throws SQLException {
        if (!historyExists()) {
            dialect.createHistoryTable(connection, schema, settings.table());
        }
    }

    /** Work on the connection. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction: commits when it returns (unless the work's last statement
     * committed already, which leaves the driver nothing to send), rolls back when it throws (a
     * failure to roll back is attached to the original error). Auto-commit is back on either way.
     */
    <T> T inTransaction(Work<T> work) throws SQLException {
        connection.setAutoCommit(false);
        T result;
        try {
            result = work.run();
            connection.commit();
        } catch (Throwable e) {
            Failures.quietly(e, connection::rollback);
            Failures.quietly(e, () -> connection.setAutoCommit(true));
            throw e;
        }
        connection.setAutoCommit(true);
        return result;
    }

    /**
     * After code that may have turned auto-commit off (a Java migration): keeps its open work
     * ({@code keep}, committed by turning auto-commit back on) or rolls it back, and puts the
     * connection back in auto-commit.
     */
    void endOpenWork(boolean keep) throws SQLException {
        if (!connection.getAutoCommit()) {
            if (!keep) {
                connection.rollback();
            }
            connection.setAutoCommit(true);
        }
    }

    /**
     * Runs {@code work} holding the migration lock that deploy takes, and releases it after, also
     * when the work fails. A failure of the library's own SQL becomes a coded exception saying what
     * it was {@code doing}.
     */
    <T> T locked(String doing, Work<T> work) {
        DatabaseLock lock = lock();
        MigrationException failure = null;
        try {
            return work.run();
        } catch (MigrationException e) {
            failure = e;
            throw e;
        } catch (SQLException e) {
            failure = failures.bookkeeping(doing, e);
            throw failure;
        } finally {
            Failures.quietly(failure, lock::close);
        }
    }

    private DatabaseLock lock() {
        long waitStart = System.nanoTime();
        try {
            DatabaseLock lock = dialect.lock(connection, schema, settings.table(), settings.lockTimeout());
            long waited = (System.nanoTime() - waitStart) / 1_000_000;
            if (waited > 1000) {
                log.info("Took the migration lock after waiting {} ms", waited);
            }
            return lock;
        } catch (SQLException e) {
            throw failures.bookkeeping("taking the migration lock", e);
        }
    }

    /**
     * The history table on a connection of its own, opened on first use and closed with this one, so
     * that what a migration does to its session (an open transaction block, a read-only default, a
     * role) cannot reach its history row. When the data source has no second connection to give,
     * the history is written on the main connection, as a warning says.
     */
    HistoryTable bookkeeping() {
        if (bookkeeping == null) {
            try {
                bookkeepingConnection = settings.dataSource().getConnection();
                if (!bookkeepingConnection.getAutoCommit()) {
                    bookkeepingConnection.setAutoCommit(true);
                }
                bookkeeping = new HistoryTable(bookkeepingConnection, dialect, schema, settings.table());
            } catch (SQLException e) {
                log.warn("Could not open a second connection to record migrations that run without a transaction ({});"
                        + " recording them on the migration's own connection", failures.describe(Failures.root(e)));
                if (bookkeepingConnection != null) {
                    Failures.quietly(null, bookkeepingConnection::close);
                    bookkeepingConnection = null;
                }
                bookkeeping = history;
            }
        }
        return bookkeeping;
    }

    /** Puts the connection back as it came and closes it; a failure here is only logged. */
    @Override
    public void close() {
        if (bookkeepingConnection != null) {
            Failures.quietly(null, bookkeepingConnection::close);
        }
        try {
            if (!autoCommit) {
                connection.setAutoCommit(false);
            }
            connection.close();
        } catch (SQLException e) {
            log.debug("Closing the connection failed", e);
        }
    }
}
