package io.migrate.postgres;

import io.migrate.api.Checksum;
import io.migrate.api.LockTimeoutException;
import io.migrate.spi.DatabaseLock;
import io.migrate.spi.Dialect;
import io.migrate.spi.ErrorKind;
import io.migrate.spi.LintSupport;
import io.migrate.spi.SchemaSupport;
import io.migrate.spi.SessionSettings;
import io.migrate.spi.SqlStatement;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * PostgreSQL 13 and later. Locks with a session-level advisory lock, polled with
 * {@code pg_try_advisory_lock} so that no statement of ours ever blocks on the server.
 */
public final class PostgresDialect implements Dialect {

    /** The advisory lock key Prisma Migrate uses; shared when the history table is Prisma's, so both tools serialise. */
    static final long PRISMA_LOCK_KEY = 72707369L;
    private static final String PRISMA_TABLE = "_prisma_migrations";
    private static final long MAX_POLL_MILLIS = 500;
    /** Admin shutdown, crash shutdown, cannot connect now: the server ended the session. */
    private static final Set<String> SESSION_ENDED = Set.of("57P01", "57P02", "57P03");
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public Set<String> providerNames() {
        return Set.of("postgresql", "postgres");
    }

    @Override
    public boolean supports(DatabaseMetaData metaData) throws SQLException {
        return "PostgreSQL".equals(metaData.getDatabaseProductName());
    }

    @Override
    public List<SqlStatement> split(String script) {
        return PostgresSplitter.split(script);
    }

    /**
     * {@code SET LOCAL synchronous_commit = off}: the commit returns before its WAL is flushed, and
     * the deploy's last commit, which waits, flushes everything before it, since WAL is flushed in
     * order. Only this transaction is affected.
     */
    @Override
    public void deferDurability(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SET LOCAL synchronous_commit = off");
        }
    }

    /**
     * pgjdbc sends the statements of one text together and waits once. After a failed insert the
     * server skips the rest up to the end of the execution, so the COMMIT never runs and the
     * transaction stays to be rolled back.
     */
    @Override
    public String insertAndCommit(String insert, boolean deferDurability) {
        return (deferDurability ? "SELECT pg_catalog.set_config('synchronous_commit', 'off', true);\n" : "")
                + insert + ";\nCOMMIT";
    }

    /** Reads the script in chunks: what is held at a time is one statement and one chunk. */
    @Override
    public Iterator<SqlStatement> split(Reader script) {
        return new PostgresStatementStream(script, PostgresStatementStream.CHUNK);
    }

    @Override
    public String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public String currentSchema(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT current_schema()")) {
            rs.next();
            String schema = rs.getString(1);
            return schema != null ? schema : "public";
        }
    }

    @Override
    public SessionSettings prepareSession(Connection connection, String schema) throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        if (schema != null) {
            values.put("search_path", quote(schema));
        }
        String serverZone = serverTimeZone(connection);
        if (serverZone != null) {
            values.put("TimeZone", serverZone);
        }
        return PostgresSession.start(connection, values);
    }

    @Override
    public SessionSettings timeouts(Connection connection, Duration lockWait, Duration statement) throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        if (lockWait != null) {
            values.put("lock_timeout", lockWait.toMillis() + "ms");
        }
        if (statement != null) {
            values.put("statement_timeout", statement.toMillis() + "ms");
        }
        return change(connection, values);
    }

    /**
     * A transaction-local setting: a statement sent with another in one execution shares its implicit
     * transaction, which ends with the second one. {@code set_config} rather than {@code SET LOCAL},
     * which warns outside an explicit transaction block.
     */
    @Override
    public String lockWaitPrefix(Duration lockWait) {
        return "SELECT pg_catalog.set_config('lock_timeout', '" + lockWait.toMillis() + "ms', true);\n";
    }

    /** Sets session settings and returns what puts back the values they had: one round trip each way. */
    private static SessionSettings change(Connection connection, Map<String, String> values) throws SQLException {
        if (values.isEmpty()) {
            return () -> { };
        }
        Map<String, String> previous = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT n, old, pg_catalog.set_config(n, v, false)"
                + " FROM (SELECT n, v, pg_catalog.current_setting(n) AS old FROM unnest(?::text[], ?::text[]) AS s(n, v)"
                + " OFFSET 0) AS settings")) {
            ps.setArray(1, connection.createArrayOf("text", values.keySet().toArray()));
            ps.setArray(2, connection.createArrayOf("text", values.values().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    previous.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return () -> PostgresSession.apply(connection, previous);
    }

    /**
     * The time zone a session gets when its client asks for none, as with psql or Prisma; null when
     * the current one was not chosen by the client. The client's choice outranks every server-side
     * setting, so they are read from the catalogs in the server's order: database and role, role,
     * database, configuration file. The file can only be read with the right privilege; without it,
     * log_timezone stands in, which initdb writes with the same value as timezone.
     */
    private static String serverTimeZone(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("""
                     SELECT source = 'client',
                            (SELECT split_part(c, '=', 2)
                               FROM pg_catalog.pg_db_role_setting s, unnest(s.setconfig) c
                              WHERE s.setdatabase IN (0, (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database()))
                                AND s.setrole IN (0, (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = current_user))
                                AND lower(split_part(c, '=', 1)) = 'timezone'
                              ORDER BY s.setrole <> 0 DESC, s.setdatabase <> 0 DESC LIMIT 1),
                            CASE WHEN has_function_privilege('pg_catalog.pg_show_all_file_settings()', 'EXECUTE')
                                 THEN (SELECT f.setting FROM pg_catalog.pg_file_settings f
                                        WHERE lower(f.name) = 'timezone' AND f.applied ORDER BY f.seqno DESC LIMIT 1) END,
                            current_setting('log_timezone')
                       FROM pg_catalog.pg_settings WHERE name = 'TimeZone'""")) {
            if (!rs.next() || !rs.getBoolean(1)) {
                return null;
            }
            for (int column = 2; column <= 4; column++) {
                String zone = rs.getString(column);
                if (zone != null && !zone.isBlank()) {
                    return zone;
                }
            }
            return null;
        }
    }

    /**
     * User objects of a schema, each as kind and name, leaving out what extensions own, what the
     * server made along with another object (a range type's constructors), and serial sequences.
     */
    private static final String SCHEMA_OBJECTS = """
            SELECT kind, name FROM (
              SELECT CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
                                    WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'foreign table' ELSE 'table' END AS kind,
                     c.relname AS name, c.oid AS oid, 'pg_class'::regclass AS catalog, 1 AS rank
                FROM pg_catalog.pg_class c
               WHERE c.relnamespace = to_regnamespace(?) AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                 AND c.relname <> ? AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                     WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i')))
              UNION ALL
              SELECT CASE t.typtype WHEN 'e' THEN 'enum' WHEN 'd' THEN 'domain' WHEN 'r' THEN 'range type'
                                    ELSE 'type' END,
                     t.typname, t.oid, 'pg_type'::regclass, 2
                FROM pg_catalog.pg_type t
               WHERE t.typnamespace = to_regnamespace(?)
                 AND (t.typtype IN ('e', 'd', 'r')
                      OR t.typtype = 'c' AND (SELECT relkind FROM pg_catalog.pg_class WHERE oid = t.typrelid) = 'c')
              UNION ALL
              SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END,
                     p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')',
                     p.oid, 'pg_proc'::regclass, 3
                FROM pg_catalog.pg_proc p
               WHERE p.pronamespace = to_regnamespace(?)
            ) o
            WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                               WHERE d.classid = o.catalog AND d.objid = o.oid AND d.deptype IN ('e', 'i'))
            ORDER BY rank, name""";

    @Override
    public List<String> schemaObjects(Connection connection, String schema, String exceptTable, int limit)
            throws SQLException {
        return objects(connection, schema, exceptTable, limit).stream().map(o -> o[0] + " " + schema + "." + o[1]).toList();
    }

    /** Kind and name of each user object in the schema; a routine's name carries its argument types. */
    private List<String[]> objects(Connection connection, String schema, String exceptTable, int limit) throws SQLException {
        List<String[]> objects = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(SCHEMA_OBJECTS + " LIMIT " + Math.max(limit, 0))) {
            ps.setString(1, quote(schema));
            ps.setString(2, exceptTable);
            ps.setString(3, quote(schema));
            ps.setString(4, quote(schema));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    objects.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        return objects;
    }

    @Override
    public void dropAll(Connection connection, String schema) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        // One transaction: a reset that fails half-way leaves the schema as it was.
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT extname FROM pg_catalog.pg_extension WHERE extnamespace = to_regnamespace(?)")) {
                ps.setString(1, quote(schema));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        st.addBatch("DROP EXTENSION IF EXISTS " + quote(rs.getString(1)) + " CASCADE");
                    }
                }
            }
            st.executeBatch();
            // CASCADE takes dependants along, so the list is read again after each drop.
            String previous = null;
            List<String[]> next;
            while (!(next = objects(connection, schema, "", 1)).isEmpty()) {
                String drop = dropStatement(next.get(0)[0], schema, next.get(0)[1]);
                if (drop.equals(previous)) {
                    throw new SQLException("Cannot drop " + next.get(0)[0] + " " + schema + "." + next.get(0)[1]
                            + ": it is still there after " + drop, "55000");
                }
                st.execute(drop);
                previous = drop;
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private String dropStatement(String kind, String schema, String name) {
        String keyword = switch (kind) {
            case "enum", "range type", "type" -> "TYPE";
            default -> kind.toUpperCase(Locale.ROOT);
        };
        int paren = name.indexOf('(');
        String object = paren < 0 ? quote(name) : quote(name.substring(0, paren)) + name.substring(paren);
        return "DROP " + keyword + " IF EXISTS " + quote(schema) + "." + object + " CASCADE";
    }

    @Override
    public boolean historyTableExists(Connection connection, String schema, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = ? AND tablename = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public void createHistoryTable(Connection connection, String schema, String table) throws SQLException {
        try (Statement st = connection.createStatement()) {
            if (!schemaExists(connection, schema)) {
                st.execute("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
            }
            st.execute("CREATE TABLE IF NOT EXISTS " + quote(schema) + "." + quote(table) + " ("
                    + "id VARCHAR(36) PRIMARY KEY NOT NULL, "
                    + "checksum VARCHAR(64) NOT NULL, "
                    + "finished_at TIMESTAMPTZ, "
                    + "migration_name VARCHAR(255) NOT NULL, "
                    + "logs TEXT, "
                    + "rolled_back_at TIMESTAMPTZ, "
                    + "started_at TIMESTAMPTZ NOT NULL DEFAULT now(), "
                    + "applied_steps_count INTEGER NOT NULL DEFAULT 0)");
        }
    }

    private static boolean schemaExists(Connection connection, String schema) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public DatabaseLock lock(Connection connection, String schema, String table, Duration timeout) throws SQLException {
        long key = lockKey(schema, table);
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 10;
        while (!tryLock(connection, key)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new LockTimeoutException("Could not take the migration lock for " + schema + "." + table
                        + " within " + timeout.toMillis() + " ms: " + describeHolder(connection, key)
                        + ". Another deploy is probably running; wait for it, or raise lockTimeout. If the holder is"
                        + " stuck, end its session with SELECT pg_terminate_backend(<pid>); the lock is released with it.");
            }
            sleep(Math.min(pause, Duration.ofNanos(left).toMillis() + 1));
            pause = Math.min(pause * 2, MAX_POLL_MILLIS);
        }
        return () -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                ps.setLong(1, key);
                ps.execute();
            }
        };
    }

    /**
     * The advisory lock key for a history table: Prisma's own key for {@code _prisma_migrations},
     * else the first 8 bytes of SHA-256 over "schema.table".
     */
    public static long lockKey(String schema, String table) {
        if (PRISMA_TABLE.equals(table)) {
            return PRISMA_LOCK_KEY;
        }
        String hash = Checksum.sha256(("migrate:" + schema + "." + table).getBytes(StandardCharsets.UTF_8));
        return Long.parseUnsignedLong(hash.substring(0, 16), 16);
    }

    private static boolean tryLock(Connection connection, long key) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static String describeHolder(Connection connection, long key) throws SQLException {
        // A bigint advisory key is stored as classid (high half), objid (low half), objsubid 1. Advisory
        // locks belong to a database: the same key held in another database of the server is not ours.
        String sql = "SELECT a.pid, a.usename, a.application_name, a.client_addr, a.backend_start, a.state, a.query"
                + " FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
                + " AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())"
                + " AND l.classid::bigint = ? AND l.objid::bigint = ?";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setLong(1, key >>> 32);
            ps.setLong(2, key & 0xffffffffL);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return "the server does not show who holds it (it may have just been released, or this user may not see other sessions)";
                }
                String app = rs.getString("application_name");
                String client = rs.getString("client_addr");
                return "it is held by backend pid " + rs.getInt("pid")
                        + " (user " + rs.getString("usename")
                        + (app == null || app.isEmpty() ? "" : ", application '" + app + "'")
                        + (client == null ? "" : ", client " + client)
                        + ", connected since " + rs.getObject("backend_start")
                        + ", state " + rs.getString("state") + ")";
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LockTimeoutException("Interrupted while waiting for the migration lock");
        }
    }

    @Override
    public void execute(Connection connection, SqlStatement statement) throws SQLException {
        if (statement.kind() != SqlStatement.Kind.COPY_IN) {
            String refused = DriverSettings.refusal(statement.sql());
            if (refused != null) {
                throw new SQLException(refused, "0A000");
            }
            Dialect.super.execute(connection, statement);
            return;
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn(statement.sql(), new StringReader(statement.copyData()));
        } catch (java.io.IOException e) {
            throw new SQLException("COPY data could not be sent: " + e.getMessage(), "08006", e);
        }
    }

    @Override
    public int errorOffset(SQLException error) {
        if (error instanceof PSQLException psql) {
            ServerErrorMessage message = psql.getServerErrorMessage();
            if (message != null && message.getPosition() > 0) {
                return message.getPosition() - 1;
            }
        }
        return -1;
    }

    @Override
    public String maskSecrets(String text) {
        return PostgresSecrets.mask(text);
    }

    /** A procedure or a DO block may COMMIT part of its work, which stays when it then fails. */
    @Override
    public boolean leavesNothingWhenFailed(SqlStatement statement) {
        String word = PostgresSplitter.firstWord(statement.sql());
        return !word.equals("call") && !word.equals("do");
    }

    @Override
    public ErrorKind classify(SQLException error) {
        String state = error.getSQLState();
        if (state == null) {
            return ErrorKind.OTHER;
        }
        if (SESSION_ENDED.contains(state)) {
            return ErrorKind.CONNECTION_LOST;
        }
        if (LOCK_NOT_AVAILABLE.equals(state)) {
            return ErrorKind.LOCK_NOT_AVAILABLE;
        }
        return ErrorKind.standard(error);
    }

    /** Compiled when first needed: a deploy with nothing pending never looks at a statement. */
    private static final class Call {
        static final Pattern PATTERN = Pattern.compile("(?is)^(?:\\s+|--[^\\n]*\\n?|/\\*.*?\\*/)*CALL\\b.*");
    }

    /** A lone CALL may commit inside its procedure, which only works outside a transaction block. */
    @Override
    public Optional<String> needsNoTransaction(List<SqlStatement> statements) {
        if (statements.size() == 1 && Call.PATTERN.matcher(statements.get(0).sql()).matches()) {
            return Optional.of("a procedure called alone may commit");
        }
        return Optional.empty();
    }

    @Override
    public List<String> leftovers(Connection connection, String schema) throws SQLException {
        List<String> invalid = new ArrayList<>();
        String sql = "SELECT n.nspname, c.relname, t.relname AS table_name FROM pg_catalog.pg_index i"
                + " JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid"
                + " JOIN pg_catalog.pg_class t ON t.oid = i.indrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE NOT i.indisvalid AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
                + " ORDER BY 1, 2";
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String index = quote(rs.getString(1)) + "." + quote(rs.getString(2));
                invalid.add("index " + index + " on " + rs.getString(3)
                        + " is INVALID (left by a failed concurrent build): DROP INDEX CONCURRENTLY " + index);
            }
        }
        return invalid;
    }

    /** Schema snapshots, diffs and shadow databases: see {@link SchemaSupport}. */
    @Override
    public Optional<SchemaSupport> schemaSupport() {
        return Optional.of(new PostgresSchemaSupport(this));
    }

    @Override
    public Optional<LintSupport> lintSupport() {
        return Optional.of(new PostgresLintSupport());
    }
}
