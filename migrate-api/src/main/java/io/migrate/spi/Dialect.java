package io.migrate.spi;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Everything migrate needs to know about one kind of database. Implementations are registered in
 * {@code META-INF/services/io.migrate.spi.Dialect} (and {@code provides} in a module descriptor),
 * have a public no-argument constructor and are stateless.
 *
 * <p>The engine calls these methods on a single connection that is in auto-commit mode unless a
 * method says otherwise; a dialect must leave no transaction open behind it.
 */
public interface Dialect {

    /** A short name for messages, e.g. {@code postgresql}. */
    String name();

    /**
     * The provider names in {@code migration_lock.toml} that this dialect accepts
     * (Prisma writes {@code provider = "postgresql"}).
     */
    default Set<String> providerNames() {
        return Set.of(name());
    }

    /** Whether this dialect handles the database behind the metadata. Must not run queries. */
    boolean supports(DatabaseMetaData metaData) throws SQLException;

    /**
     * Splits a migration script into statements.
     *
     * @throws ScriptSyntaxException when the script cannot be split (unterminated quote or comment,
     *                               a client-side meta-command), naming the line
     */
    List<SqlStatement> split(String script);

    /** Quotes an identifier (schema or table name) for use in SQL. */
    String quote(String identifier);

    /** The schema that unqualified names resolve to on this connection. */
    String currentSchema(Connection connection) throws SQLException;

    /**
     * Prepares the session to run migrations as the database's own tools would: makes {@code schema}
     * (when not null) the one unqualified names resolve to, and puts back the database's defaults for
     * settings that the driver chose for the application instead (pgjdbc, for one, sets the session
     * time zone to the JVM's, which changes what {@code timestamp} to {@code timestamptz} conversions
     * write). Closing the result restores the session as it was.
     */
    SessionSettings prepareSession(Connection connection, String schema) throws SQLException;

    /**
     * Limits, for the migration about to run, how long a statement may wait for a lock and how long
     * it may run; null leaves a limit as the server has it. Closing the result restores both. The
     * default supports no limits and refuses any that is asked for.
     */
    default SessionSettings timeouts(Connection connection, Duration lockWait, Duration statement) throws SQLException {
        if (lockWait != null || statement != null) {
            throw new SQLException("The " + name() + " dialect cannot limit lock waits or statement times;"
                    + " remove lockWaitTimeout, statementTimeout and the timeout directives", "0A000");
        }
        return () -> { };
    }

    /** Whether the history table exists. Must not create anything. */
    boolean historyTableExists(Connection connection, String schema, String table) throws SQLException;

    /**
     * Creates the schema (if missing) and the history table (if missing), with the columns of
     * Prisma's {@code _prisma_migrations}: {@code id, checksum, finished_at, migration_name, logs,
     * rolled_back_at, started_at, applied_steps_count}.
     */
    void createHistoryTable(Connection connection, String schema, String table) throws SQLException;

    /**
     * Objects in {@code schema} that a migration could have created, except the table
     * {@code exceptTable} and what belongs to extensions, described for a message (e.g.
     * {@code table public.users}); at most {@code limit} of them. Deploy refuses to start a history
     * in a schema that already holds objects.
     */
    List<String> schemaObjects(Connection connection, String schema, String exceptTable, int limit) throws SQLException;

    /**
     * Drops every object in {@code schema} (tables, views, sequences, types, routines, extensions
     * installed in it, the history table) and keeps the schema itself, for {@code reset()}.
     */
    void dropAll(Connection connection, String schema) throws SQLException;

    /**
     * Takes the exclusive migration lock for {@code schema.table}, waiting at most {@code timeout}.
     * The lock must be tied to the connection's session so that it is released if the connection
     * dies, and taking it must not leave a transaction open.
     *
     * @throws io.migrate.api.LockTimeoutException when the wait times out; the message should say
     *                                             who holds the lock if the database can tell
     */
    DatabaseLock lock(Connection connection, String schema, String table, Duration timeout) throws SQLException;

    /**
     * Executes one statement. The default runs {@link java.sql.Statement#execute(String)};
     * dialects override it for statements that need a driver API, such as {@code COPY ... FROM stdin}.
     */
    default void execute(Connection connection, SqlStatement statement) throws SQLException {
        try (var jdbc = connection.createStatement()) {
            jdbc.execute(statement.sql());
        }
    }

    /**
     * Where in the statement the database says the error is, as a 0-based character offset into
     * {@link SqlStatement#sql()}, or -1 if it does not say.
     */
    default int errorOffset(SQLException error) {
        return -1;
    }

    /**
     * After a non-transactional migration failed: objects it left unusable that the user must deal
     * with, described for a message (PostgreSQL: indexes left INVALID by a failed concurrent build).
     */
    default List<String> leftovers(Connection connection, String schema) throws SQLException {
        return List.of();
    }
}
