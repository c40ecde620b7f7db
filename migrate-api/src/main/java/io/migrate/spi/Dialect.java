package io.migrate.spi;

import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything migrate needs to know about one kind of database. Implementations are registered in
 * {@code META-INF/services/io.migrate.spi.Dialect} (and {@code provides} in a module descriptor),
 * have a public no-argument constructor and are stateless.
 *
 * <p>The engine calls these methods on a single connection that is in auto-commit mode unless a
 * method says otherwise; a dialect must leave no transaction open behind it.
 *
 * <h2>The history table</h2>
 * {@link #createHistoryTable} creates it with Prisma's columns, in the database's nearest types:
 * <pre>
 * id                  VARCHAR(36)  PRIMARY KEY     a random UUID, written as text
 * checksum            VARCHAR(64)  NOT NULL        SHA-256 of the file, lowercase hex
 * finished_at         timestamp with time zone     null until the migration finished
 * migration_name      VARCHAR(255) NOT NULL        the folder name, as is
 * logs                text (unbounded)             the failure message, or why a row was added by hand
 * rolled_back_at      timestamp with time zone     set when an attempt no longer counts
 * started_at          timestamp with time zone     NOT NULL, defaults to the current time
 * applied_steps_count INTEGER      NOT NULL        defaults to 0
 * </pre>
 * The engine reads and writes the rows itself with plain JDBC and bind parameters only: it binds
 * {@code id}, {@code checksum}, {@code migration_name} and {@code logs} with
 * {@link java.sql.PreparedStatement#setString}, the count with {@code setInt}, and every timestamp,
 * in UTC, through {@link #setTimestamp}; it reads them back through {@link #getTimestamp}. The
 * defaults bind and read an {@code OffsetDateTime}, right for a type with a zone; a dialect whose
 * timestamp type keeps no zone, or whose driver converts to the JVM's zone, overrides both so that
 * the column holds UTC (as Prisma writes it) and a row written and read back is the same instant
 * from any JVM.
 *
 * <h2>Transactions</h2>
 * By default the engine runs a migration and the insert of its history row in one transaction, and
 * trusts a rollback to undo all of it. A database that commits DDL implicitly (MySQL and MariaDB do)
 * breaks that trust: a migration that failed after a {@code CREATE TABLE} would be recorded as rolled
 * back while the table stays. Such a dialect must tell the engine to run those migrations statement by
 * statement, either by giving each such statement the kind {@link SqlStatement.Kind#NON_TRANSACTIONAL}
 * in {@link #split} or by giving a reason from {@link #needsNoTransaction}. The engine then records
 * the migration as started before its first statement and finished after its last, so a failure
 * leaves it visibly failed for a person to settle, as Prisma does on those databases.
 *
 * <h2>Errors</h2>
 * The engine never looks at a database's error codes itself: {@link #classify} says what a failure
 * means, {@link #errorOffset} where it is, and {@link #maskSecrets} keeps passwords out of every
 * message, log line and history row.
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

    /**
     * Splits a script read from {@code script} into the same statements as {@link #split(String)},
     * handed out one at a time and in order, so that a dialect can read no further ahead than the
     * statement it hands out needs: memory is then bounded by the largest statement rather than by
     * the script. The caller closes the reader.
     *
     * <p>The default reads the whole script and iterates over {@link #split(String)}'s list.
     * {@link ScriptSyntaxException} is thrown by the iterator's {@code hasNext()} or {@code next()}
     * when the statement it would return cannot be split; a read failure by them as an
     * {@link java.io.UncheckedIOException}.
     *
     * @throws IOException when reading the script fails before the first statement
     */
    default Iterator<SqlStatement> split(Reader script) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] chunk = new char[8192];
        for (int count = script.read(chunk); count >= 0; count = script.read(chunk)) {
            text.append(chunk, 0, count);
        }
        return split(text.toString()).iterator();
    }

    /** Quotes an identifier (schema or table name) for use in SQL. */
    String quote(String identifier);

    /**
     * The schema that unqualified names resolve to on this connection, or null when it has none
     * (MySQL and MariaDB without a selected database): the engine then refuses to run and asks for
     * {@code schema(...)} to be configured.
     */
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

    /**
     * One statement that, sent in the same execution just before a query, makes that query wait at
     * most {@code lockWait} for a lock, and whose effect ends with the query: reading the history
     * without the migration lock then takes one round trip, where {@link #timeouts} and closing it
     * take two more. Its result, if any, is skipped. The default is null, for a dialect that cannot:
     * the engine then brackets the query with {@link #timeouts}.
     */
    default String lockWaitPrefix(Duration lockWait) {
        return null;
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
     * Called in the transaction of a migration that is not the last one of a deploy, after its
     * statements and before its history row is written and it commits: lets that commit return
     * without waiting until it is durable, where the database makes a later durable commit durable
     * for every earlier one too (PostgreSQL writes its log in order). The deploy's last migration
     * commits normally, so when a deploy returns everything it applied is durable; if the server
     * crashes in between, a tail of whole migrations is lost together with their history rows, and
     * the next deploy applies them again. It must affect the current transaction only. Not called
     * where {@link #insertAndCommit} gives SQL, which then does the same. The default does nothing:
     * every commit waits.
     */
    default void deferDurability(Connection connection) throws SQLException {
    }

    /**
     * One SQL text that runs {@code insert} (the INSERT of a migration's history row, with its bind
     * parameters) and then commits the migration's transaction, sent in one execution: one round
     * trip where the insert and the commit take two. With {@code deferDurability}, it first does what
     * {@link #deferDurability} does. The insert must keep its parameters; nothing else may have any,
     * and the text must still fail as a whole, committing nothing, when the insert fails. The default
     * is null, for a driver that cannot run several statements at once: the engine then calls
     * {@link #deferDurability}, runs the insert and commits through JDBC.
     */
    default String insertAndCommit(String insert, boolean deferDurability) {
        return null;
    }

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
     * What a failure means to the engine: whether the session is gone, a lock was not granted in
     * time, or the statement can only run outside a transaction. Called for failures of migration
     * statements and of the engine's own SQL. The default is {@link ErrorKind#standard}: SQLSTATE
     * class {@code 08} is a lost connection, class {@code 2D} needs no transaction. Dialects add the
     * codes their database uses beyond the standard (PostgreSQL: {@code 57P01} when an administrator
     * ends the session, {@code 55P03} when a lock wait times out).
     */
    default ErrorKind classify(SQLException error) {
        return ErrorKind.standard(error);
    }

    /**
     * {@code text} with every secret it may hold replaced by {@code '***'}: a statement, or a message
     * from the database that may quote one. The engine passes every statement and database message
     * through this before it reaches a log line, an exception message or the history table. The
     * default masks a standard string literal after {@code PASSWORD}
     * ({@link #maskPasswordLiterals}); a dialect adds its own literal forms and any other place its SQL
     * carries secrets (connection strings, for one).
     */
    default String maskSecrets(String text) {
        return maskPasswordLiterals(text);
    }

    /**
     * {@code text} with each standard SQL string literal that follows the word {@code PASSWORD}
     * (any case, across line breaks, quotes doubled inside) replaced by {@code '***'}: the default of
     * {@link #maskSecrets}, for dialects to build on.
     */
    static String maskPasswordLiterals(String text) {
        return text == null ? null : StandardSecrets.PASSWORD_LITERAL.matcher(text).replaceAll("$1'***'");
    }

    /**
     * Why a whole script, beyond the kinds of its single statements, must run without a transaction,
     * statement by statement; empty when it may run in one. The engine asks only about scripts that
     * neither hold a {@link SqlStatement.Kind#NON_TRANSACTIONAL} statement nor commit and go on, and
     * puts the reason in its log line. PostgreSQL, for one, answers for a script that is a single
     * {@code CALL}, since the procedure may commit, which only works outside a transaction block.
     * The default: empty.
     */
    default Optional<String> needsNoTransaction(List<SqlStatement> statements) {
        return Optional.empty();
    }

    /**
     * Abandons a transaction block that a script opened with its own {@link SqlStatement.Kind#BEGIN}
     * statement while the connection was in auto-commit mode, after a later statement of it failed,
     * so that the session is left clean for what follows. Must succeed (or fail
     * harmlessly) when no block is open. The default executes the standard {@code ROLLBACK}.
     */
    default void rollbackScriptTransaction(Connection connection) throws SQLException {
        try (var jdbc = connection.createStatement()) {
            jdbc.execute("ROLLBACK");
        }
    }

    /**
     * Whether {@code statement}, run alone in auto-commit, leaves nothing behind when it fails, apart
     * from what {@link #leftovers} reports. A single statement is undone as a whole unless it commits
     * part of its work itself (PostgreSQL: a procedure or a {@code DO} block may). When the first
     * statement of a non-transactional migration fails, this answer and an empty {@link #leftovers}
     * let the engine record the attempt as rolled back, so that the next deploy retries it, instead
     * of blocking later deploys until someone resolves it. The default answers {@code false}.
     */
    default boolean leavesNothingWhenFailed(SqlStatement statement) {
        return false;
    }

    /**
     * After a non-transactional migration failed: objects it left unusable that the user must deal
     * with, described for a message (PostgreSQL: indexes left INVALID by a failed concurrent build).
     */
    default List<String> leftovers(Connection connection, String schema) throws SQLException {
        return List.of();
    }

    /**
     * Binds a timestamp of the history table ({@code started_at}, {@code finished_at},
     * {@code rolled_back_at}); {@code value} is in UTC, or null. Whatever the JVM's time zone, a
     * value bound here and read back with {@link #getTimestamp} must be the same instant, and a
     * column type without a zone must hold it in UTC, as Prisma writes it. The default binds an
     * {@link OffsetDateTime} (null as {@link Types#TIMESTAMP_WITH_TIMEZONE}), for a type with a zone.
     */
    default void setTimestamp(PreparedStatement statement, int index, OffsetDateTime value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, value);
        }
    }

    /** Reads a history timestamp that {@link #setTimestamp} wrote (or Prisma did); null stays null. */
    default OffsetDateTime getTimestamp(ResultSet rows, int index) throws SQLException {
        return rows.getObject(index, OffsetDateTime.class);
    }

    /**
     * Support for schema snapshots, diffs, drift detection and shadow databases, if this dialect has
     * it. Deploy never needs it (default: empty; diff operations then fail with
     * {@link io.migrate.api.ErrorCode#SCHEMA_DIFF_UNSUPPORTED}).
     */
    default Optional<SchemaSupport> schemaSupport() {
        return Optional.empty();
    }

    /**
     * The catalog reads that let {@code lint()} measure what a statement locks and rewrites. Needs
     * {@link #schemaSupport()} too (default: empty; lint then fails with
     * {@link io.migrate.api.ErrorCode#LINT_UNSUPPORTED}).
     */
    default Optional<LintSupport> lintSupport() {
        return Optional.empty();
    }
}
