package io.migrate.mariadb;

import io.migrate.tck.KitDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The MariaDB or MySQL server the tests run against: {@code -Dmigrate.mariadb.url=...} or the
 * environment's {@code MIGRATE_MARIADB_URL}, else {@code jdbc:mariadb://127.0.0.1:3306/?user=root}.
 * Each test gets databases of its own, named {@code kit_<random>}, dropped afterwards. The tests reach
 * the server through either driver: the URL's {@code jdbc:mariadb:} or {@code jdbc:mysql:} prefix is
 * swapped for the driver's, the rest (host, port, user, password) is kept.
 */
final class MariaDbServer {

    static final String PROPERTY = "migrate.mariadb.url";
    static final String ENV = "MIGRATE_MARIADB_URL";
    private static final String DEFAULT_URL = "jdbc:mariadb://127.0.0.1:3306/?user=root";

    /** The JDBC drivers the dialect is tested through. */
    enum Driver {
        /** The MariaDB driver, {@code org.mariadb.jdbc:mariadb-java-client}. */
        MARIADB("jdbc:mariadb:"),
        /** MySQL Connector/J, {@code com.mysql:mysql-connector-j}, which calls a MariaDB server "MySQL". */
        CONNECTOR_J("jdbc:mysql:");

        final String prefix;

        Driver(String prefix) {
            this.prefix = prefix;
        }
    }

    private MariaDbServer() {
    }

    /** The configured server URL, through the MariaDB driver. */
    static String url() {
        return url(Driver.MARIADB);
    }

    /** The configured server URL, through {@code driver}. */
    static String url(Driver driver) {
        String url = System.getProperty(PROPERTY);
        if (url == null || url.isBlank()) {
            url = System.getenv(ENV);
        }
        url = url == null || url.isBlank() ? DEFAULT_URL : url;
        for (Driver other : Driver.values()) {
            if (url.startsWith(other.prefix)) {
                return driver.prefix + url.substring(other.prefix.length());
            }
        }
        throw new IllegalStateException(PROPERTY + " must start with jdbc:mariadb: or jdbc:mysql:, not "
                + url.replaceAll("[?].*", ""));
    }

    /** The server's URL through {@code driver} with {@code database} as the path; parameters (user, password) kept. */
    static String url(Driver driver, String database) {
        String url = url(driver);
        int authority = url.indexOf("//") + 2;
        int query = url.indexOf('?');
        int slash = url.indexOf('/', authority);
        int end = slash >= 0 && (query < 0 || slash < query) ? slash : (query < 0 ? url.length() : query);
        return url.substring(0, end) + "/" + database + (query < 0 ? "" : url.substring(query));
    }

    static Connection connect() {
        return connect(Driver.MARIADB);
    }

    static Connection connect(Driver driver) {
        try {
            return DriverManager.getConnection(url(driver));
        } catch (SQLException e) {
            throw new IllegalStateException("The MariaDB tests need a MariaDB 10.6+ or MySQL 8+ server, and none answers at "
                    + url(driver).replaceAll("[?].*", "") + " (" + e.getMessage() + "). Start one, or point the tests at one"
                    + " with -D" + PROPERTY + "=jdbc:mariadb://host:3306/?user=...&password=... or the environment variable "
                    + ENV + "; the user must be allowed to create and drop databases.", e);
        }
    }

    static void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** A new empty database, reached through the MariaDB driver, and a second one for the kit's other schema. */
    static KitDatabase newDatabase() throws SQLException {
        return newDatabase(Driver.MARIADB);
    }

    /** A new empty database reached through {@code driver}, and a second one for the kit's other schema; closing drops both. */
    static KitDatabase newDatabase(Driver driver) throws SQLException {
        String name = "kit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        String other = name + "_other";
        execute("CREATE DATABASE `" + name + "`");
        return new KitDatabase(url(driver, name), null, null, other, () -> {
            execute("DROP DATABASE IF EXISTS `" + name + "`");
            execute("DROP DATABASE IF EXISTS `" + other + "`");
        });
    }
}
