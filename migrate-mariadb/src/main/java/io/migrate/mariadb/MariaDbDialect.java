package io.migrate.mariadb;

import io.migrate.api.LockTimeoutException;
import io.migrate.spi.DatabaseLock;
import io.migrate.spi.Dialect;
import io.migrate.spi.ErrorKind;
import io.migrate.spi.SessionSettings;
import io.migrate.spi.SqlStatement;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Calendar;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.regex.Pattern;

/**
 * MariaDB 10.6 and later, and MySQL 8 and later.
 *
 * <p>A schema here is a database ({@code CREATE SCHEMA} is {@code CREATE DATABASE}): the history
 * table lives in the connection's current database, or in the one named with {@code schema(...)},
 * which is created if missing and made current (as {@code USE}) while migrations run.
 *
 * <p>The server commits before and after every DDL statement, so the splitter marks DDL as unable
 * to run in a transaction: a migration holding any runs statement by statement, recorded as
 * started before its first statement and finished after its last, while a migration of data
 * changes alone runs in one transaction with its history row.
 *
 * <p>The lock is a named lock ({@code GET_LOCK}), which belongs to the session: the server releases
 * it when the connection ends. For Prisma's table it is Prisma's own lock, {@code prisma_migrate}.
 *
 * <p>It works through the MariaDB driver and through MySQL Connector/J alike. What differs between
 * the servers is asked of the server ({@code VERSION()}), never read from the driver's
 * product name, which Connector/J gives as "MySQL" for a MariaDB server; its own SQL is what both
 * servers accept.
 */
public final class MariaDbDialect implements Dialect {

    private static final String PRISMA_TABLE = "_prisma_migrations";
    private static final String PRISMA_LOCK = "prisma_migrate";
    /** The longest name GET_LOCK accepts. */
    private static final int LOCK_NAME_LIMIT = 64;
    private static final long MAX_POLL_MILLIS = 500;
    /** The server's own error numbers for a lock wait that timed out, a deadlock and a NOWAIT lock. */
    private static final Set<Integer> LOCK_NOT_AVAILABLE = Set.of(1205, 1213, 3572);
    /** Connection killed (MariaDB), server gone or lost (client codes), disconnected for inactivity (MySQL). */
    private static final Set<Integer> SESSION_ENDED = Set.of(1927, 2006, 2013, 4031);
    /**
     * A string literal ('...' or "...", backslash escapes) after what introduces a secret in MariaDB
     * and MySQL: IDENTIFIED [WITH plugin] BY [PASSWORD], USING [PASSWORD(], [MASTER_]PASSWORD =,
     * PASSWORD(, SET PASSWORD [FOR user] =, and PASSWORD as a server option.
     */
    private static final DateTimeFormatter DATETIME_3 = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS", Locale.ROOT);
    private static final Pattern SECRET_LITERAL = Pattern.compile("(?is)(\\b(?:identified\\s+(?:with\\s+\\S+\\s+)?by"
            + "(?:\\s+password)?|using(?:\\s+password\\s*\\()?|(?:master_)?password(?:\\s+for\\s+\\S+)?\\s*"
            + "(?:=\\s*(?:password\\s*\\(\\s*)?|\\(\\s*)?)\\s*)('(?:[^'\\\\]|''|\\\\.)*'|\"(?:[^\"\\\\]|\"\"|\\\\.)*\")");

    @Override
    public String name() {
        return "mysql";
    }

    /** Prisma writes {@code provider = "mysql"} for MariaDB and MySQL alike. */
    @Override
    public Set<String> providerNames() {
        return Set.of("mysql", "mariadb");
    }

    @Override
    public boolean supports(DatabaseMetaData metaData) throws SQLException {
        String product = metaData.getDatabaseProductName();
        return "MariaDB".equalsIgnoreCase(product) || "MySQL".equalsIgnoreCase(product);
    }

    @Override
    public List<SqlStatement> split(String script) {
        return MariaDbSplitter.split(script);
    }

    @Override
    public String quote(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }

    /** The current database, or null on a connection that selected none. */
    @Override
    public String currentSchema(Connection connection) throws SQLException {
        return query(connection, "SELECT DATABASE()");
    }

    /** See {@link MariaDbSession}: the server's {@code sql_mode}, {@code schema} current, and a reset between migrations. */
    @Override
    public SessionSettings prepareSession(Connection connection, String schema) throws SQLException {
        return MariaDbSession.prepare(connection, this, schema);
    }

    /**
     * The lock wait goes to {@code lock_wait_timeout} (metadata locks, which DDL waits for) and
     * {@code innodb_lock_wait_timeout} (row locks), both in whole seconds, at least 1. The statement
     * limit goes to {@code max_statement_time} on MariaDB (seconds, every statement) and to
     * {@code max_execution_time} on MySQL (milliseconds, read-only {@code SELECT} statements only).
     * Which server it is comes from the server's {@code VERSION()}, read with the values to be put
     * back: MySQL Connector/J calls a MariaDB server "MySQL".
     */
    @Override
    public SessionSettings timeouts(Connection connection, Duration lockWait, Duration statement) throws SQLException {
        if (lockWait == null && statement == null) {
            return () -> { };
        }
        Map<String, String> current = new LinkedHashMap<>();
        boolean mariaDb;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT VERSION(),"
                + " @@SESSION.lock_wait_timeout, @@SESSION.innodb_lock_wait_timeout")) {
            rs.next();
            mariaDb = isMariaDb(rs.getString(1));
            current.put("lock_wait_timeout", rs.getString(2));
            current.put("innodb_lock_wait_timeout", rs.getString(3));
        }
        Map<String, String> values = new LinkedHashMap<>();
        if (lockWait != null) {
            long seconds = Math.max(1, (lockWait.toMillis() + 999) / 1000);
            values.put("lock_wait_timeout", Long.toString(seconds));
            values.put("innodb_lock_wait_timeout", Long.toString(seconds));
        }
        if (statement != null) {
            String variable = mariaDb ? "max_statement_time" : "max_execution_time";
            current.put(variable, query(connection, "SELECT @@SESSION." + variable));
            values.put(variable, mariaDb ? String.format(Locale.ROOT, "%.3f", statement.toMillis() / 1000.0)
                    : Long.toString(statement.toMillis()));
        }
        Map<String, String> previous = new LinkedHashMap<>();
        for (Map.Entry<String, String> setting : values.entrySet()) {
            previous.put(setting.getKey(), number(setting.getKey(), current.get(setting.getKey())));
            set(connection, setting.getKey(), setting.getValue());
        }
        return () -> {
            for (Map.Entry<String, String> setting : previous.entrySet()) {
                set(connection, setting.getKey(), setting.getValue());
            }
        };
    }

    /** A variable's value as the server showed it, checked to be a number before it goes into SQL text. */
    private static String number(String variable, String value) throws SQLException {
        if (value == null || !value.matches("\\d+(\\.\\d+)?")) {
            throw new SQLException("The server shows " + variable + " as '" + value + "', not a number", "HY000");
        }
        return value;
    }

    private static void set(Connection connection, String variable, String number) throws SQLException {
        // Only our own variable names and numbers reach the text; both are fixed above.
        try (Statement st = connection.createStatement()) {
            st.execute("SET SESSION " + variable + " = " + number);
        }
    }

    @Override
    public boolean historyTableExists(Connection connection, String schema, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND TABLE_TYPE = 'BASE TABLE'")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The table as Prisma creates {@code _prisma_migrations} on MySQL, column for column. */
    @Override
    public void createHistoryTable(Connection connection, String schema, String table) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE DATABASE IF NOT EXISTS " + quote(schema));
            st.execute("CREATE TABLE IF NOT EXISTS " + quote(schema) + "." + quote(table) + " ("
                    + "`id` VARCHAR(36) NOT NULL, "
                    + "`checksum` VARCHAR(64) NOT NULL, "
                    + "`finished_at` DATETIME(3) NULL, "
                    + "`migration_name` VARCHAR(255) NOT NULL, "
                    + "`logs` TEXT NULL, "
                    + "`rolled_back_at` DATETIME(3) NULL, "
                    + "`started_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), "
                    + "`applied_steps_count` INTEGER UNSIGNED NOT NULL DEFAULT 0, "
                    + "PRIMARY KEY (`id`)"
                    + ") DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
    }

    /** Tables, views, sequences, routines and events of a database; triggers go with their tables. */
    private static final String SCHEMA_OBJECTS = """
            SELECT kind, name FROM (
              SELECT CASE TABLE_TYPE WHEN 'VIEW' THEN 'view' WHEN 'SEQUENCE' THEN 'sequence' ELSE 'table' END AS kind,
                     TABLE_NAME AS name, 1 AS rank_
                FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME <> ?
              UNION ALL
              SELECT LOWER(ROUTINE_TYPE), ROUTINE_NAME, 2 FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?
              UNION ALL
              SELECT 'event', EVENT_NAME, 3 FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ?
            ) o ORDER BY rank_, name""";

    @Override
    public List<String> schemaObjects(Connection connection, String schema, String exceptTable, int limit)
            throws SQLException {
        return objects(connection, schema, exceptTable, limit).stream().map(o -> o[0] + " " + schema + "." + o[1]).toList();
    }

    private List<String[]> objects(Connection connection, String schema, String exceptTable, int limit) throws SQLException {
        List<String[]> objects = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(SCHEMA_OBJECTS + " LIMIT " + Math.max(limit, 0))) {
            ps.setString(1, schema);
            ps.setString(2, exceptTable);
            ps.setString(3, schema);
            ps.setString(4, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    objects.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        return objects;
    }

    /**
     * Drops everything in the database and keeps the database. DDL cannot be rolled back here, so a
     * reset that fails half-way leaves part of it dropped; foreign keys are not checked meanwhile,
     * so that tables can go in any order.
     */
    @Override
    public void dropAll(Connection connection, String schema) throws SQLException {
        String checks = query(connection, "SELECT @@SESSION.foreign_key_checks");
        set(connection, "foreign_key_checks", "0");
        try (Statement st = connection.createStatement()) {
            for (String[] object : objects(connection, schema, "", Integer.MAX_VALUE)) {
                String keyword = object[0].toUpperCase(Locale.ROOT);
                st.execute("DROP " + keyword + " IF EXISTS " + quote(schema) + "." + quote(object[1]));
            }
        } finally {
            set(connection, "foreign_key_checks", checks);
        }
    }

    @Override
    public DatabaseLock lock(Connection connection, String schema, String table, Duration timeout) throws SQLException {
        String name = lockName(schema, table);
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 10;
        while (!tryLock(connection, name)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new LockTimeoutException("Could not take the migration lock for " + schema + "." + table
                        + " (GET_LOCK('" + name + "')) within " + timeout.toMillis() + " ms: "
                        + describeHolder(connection, name) + ". Another deploy is probably running; wait for it, or"
                        + " raise lockTimeout. If the holder is stuck, end its connection with KILL <id>; the lock is"
                        + " released with it.");
            }
            sleep(Math.min(pause, Duration.ofNanos(left).toMillis() + 1));
            pause = Math.min(pause * 2, MAX_POLL_MILLIS);
        }
        return () -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
                ps.setString(1, name);
                ps.execute();
            }
        };
    }

    /**
     * The lock's name. Named locks are server-wide, so the name carries the database; Prisma's table
     * takes Prisma's lock, so that both tools serialise; a name over 64 characters is hashed.
     */
    public static String lockName(String schema, String table) {
        if (PRISMA_TABLE.equals(table)) {
            return PRISMA_LOCK;
        }
        String name = "migrate:" + schema + "." + table;
        if (name.length() <= LOCK_NAME_LIMIT) {
            return name;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return "migrate:" + HexFormat.of().formatHex(hash).substring(0, LOCK_NAME_LIMIT - 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static boolean tryLock(Connection connection, String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT GET_LOCK(?, 0)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }

    /**
     * Who holds the lock: its connection id ({@code IS_USED_LOCK}, which needs no privilege) and what
     * the process list shows of it: MariaDB's is {@code information_schema.PROCESSLIST}; MySQL's is
     * {@code performance_schema.processlist} (from 8.0.22; the other is deprecated there), with the
     * older one as a fallback where the Performance Schema is off or older.
     */
    private static String describeHolder(Connection connection, String name) throws SQLException {
        long holder;
        try (PreparedStatement ps = connection.prepareStatement("SELECT IS_USED_LOCK(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                holder = rs.getLong(1);
                if (rs.wasNull()) {
                    return "the server shows no holder now (it may have just been released)";
                }
            }
        }
        List<String> processLists = isMariaDb(query(connection, "SELECT VERSION()"))
                ? List.of("information_schema.PROCESSLIST")
                : List.of("performance_schema.processlist", "information_schema.PROCESSLIST");
        for (String processList : processLists) {
            try (PreparedStatement ps = connection.prepareStatement("SELECT USER, HOST, DB, COMMAND, TIME FROM "
                    + processList + " WHERE ID = ?")) {
                ps.setLong(1, holder);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        String database = rs.getString(3);
                        return "it is held by connection id " + holder + " (user " + rs.getString(1) + ", host "
                                + rs.getString(2) + (database == null ? "" : ", database " + database) + ", "
                                + rs.getString(4) + " for " + rs.getLong(5) + " s)";
                    }
                }
            } catch (SQLException unreadable) {
                // Not there on this server, or not readable by this user: the id alone must do.
            }
        }
        return "it is held by connection id " + holder + " (the process list shows no more of it to this user; seeing"
                + " other users' connections takes the PROCESS privilege)";
    }

    /**
     * Whether the server is MariaDB, by its own {@code VERSION()}: the product name in the driver's
     * metadata says "MySQL" for a MariaDB server when the driver is MySQL Connector/J.
     */
    private static boolean isMariaDb(String version) {
        return version != null && version.contains("MariaDB");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LockTimeoutException("Interrupted while waiting for the migration lock");
        }
    }

    /**
     * The server's error numbers beyond the SQLSTATE classes: 1205 (lock wait timeout), 1213
     * (deadlock; the transaction was rolled back) and 3572 (NOWAIT) are a lock not available; 1927
     * (connection killed), 2006, 2013 (server gone, connection lost) and 4031 (disconnected for
     * inactivity) a lost connection. 1317, a query interrupted, leaves the session usable.
     */
    @Override
    public ErrorKind classify(SQLException error) {
        if (LOCK_NOT_AVAILABLE.contains(error.getErrorCode())) {
            return ErrorKind.LOCK_NOT_AVAILABLE;
        }
        if (SESSION_ENDED.contains(error.getErrorCode())) {
            return ErrorKind.CONNECTION_LOST;
        }
        return ErrorKind.standard(error);
    }

    /** Passwords in account, replication and server statements, in either quote and with backslash escapes. */
    @Override
    public String maskSecrets(String text) {
        return text == null ? null : SECRET_LITERAL.matcher(text).replaceAll("$1'***'");
    }

    /**
     * A single DDL statement that fails is undone by the server (MySQL 8's atomic DDL, MariaDB's
     * InnoDB), so a non-transactional migration whose first such statement failed can be retried.
     */
    @Override
    public boolean leavesNothingWhenFailed(SqlStatement statement) {
        return MariaDbSplitter.undoneWhenFailed(statement.sql());
    }

    /**
     * As UTC wall-clock time to the millisecond, the way Prisma writes {@code DATETIME(3)}, bound as
     * text that the server converts: the drivers would otherwise convert an {@link OffsetDateTime} to
     * the JVM's time zone, and MySQL Connector/J drops the fraction of a second for a MariaDB server
     * (it reads MariaDB's version as 5.5.5, older than fractional seconds).
     */
    @Override
    public void setTimestamp(PreparedStatement statement, int index, OffsetDateTime value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP);
        } else {
            statement.setString(index, DATETIME_3.format(value.withOffsetSameInstant(ZoneOffset.UTC)));
        }
    }

    /**
     * Read in a UTC calendar, which both drivers honour whatever their time-zone settings (with
     * {@code preserveInstants} the MariaDB driver would otherwise shift a {@code DATETIME} read as a
     * {@code LocalDateTime}, or even as text, from {@code connectionTimeZone} to the JVM's zone).
     */
    @Override
    public OffsetDateTime getTimestamp(ResultSet rows, int index) throws SQLException {
        Timestamp value = rows.getTimestamp(index, Calendar.getInstance(TimeZone.getTimeZone(ZoneOffset.UTC)));
        return value == null ? null : value.toInstant().atOffset(ZoneOffset.UTC);
    }

    /**
     * Runs the statement as written, as the {@code mariadb} and {@code mysql} clients send it: JDBC
     * escape processing is off, since MySQL Connector/J would rewrite text between braces that it
     * takes for an escape, even inside a backtick identifier that holds an apostrophe. The servers
     * read the ODBC forms ({@code {d '…'}}, {@code {ts '…'}}) themselves.
     */
    @Override
    public void execute(Connection connection, SqlStatement statement) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.setEscapeProcessing(false);
            st.execute(statement.sql());
        }
    }

    private static String query(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
