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
 * Each test gets databases of its own, named {@code kit_<random>}, dropped afterwards.
 */
final class MariaDbServer {

    static final String PROPERTY = "migrate.mariadb.url";
    static final String ENV = "MIGRATE_MARIADB_URL";
    private static final String DEFAULT_URL = "jdbc:mariadb://127.0.0.1:3306/?user=root";

    private MariaDbServer() {
    }

    static String url() {
        String url = System.getProperty(PROPERTY);
        if (url == null || url.isBlank()) {
            url = System.getenv(ENV);
        }
        return url == null || url.isBlank() ? DEFAULT_URL : url;
    }

    /** The server's URL with {@code database} as the path; parameters (user, password) kept. */
    static String url(String database) {
        String url = url();
        int slash = url.indexOf('/', "jdbc:mariadb://".length());
        int query = url.indexOf('?');
        String base = slash < 0 ? (query < 0 ? url : url.substring(0, query)) : url.substring(0, slash);
        return base + "/" + database + (query < 0 ? "" : url.substring(query));
    }

    static Connection connect() {
        try {
            return DriverManager.getConnection(url());
        } catch (SQLException e) {
            throw new IllegalStateException("The MariaDB tests need a MariaDB 10.6+ or MySQL 8+ server, and none answers at "
                    + url().replaceAll("[?].*", "") + " (" + e.getMessage() + "). Start one, or point the tests at one with -D"
                    + PROPERTY + "=jdbc:mariadb://host:3306/?user=...&password=... or the environment variable " + ENV
                    + "; the user must be allowed to create and drop databases.", e);
        }
    }

    static void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** A new empty database and a second one for the kit's other schema; closing drops both. */
    static KitDatabase newDatabase() throws SQLException {
        String name = "kit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        String other = name + "_other";
        execute("CREATE DATABASE `" + name + "`");
        return new KitDatabase(url(name), null, null, other, () -> {
            execute("DROP DATABASE IF EXISTS `" + name + "`");
            execute("DROP DATABASE IF EXISTS `" + other + "`");
        });
    }
}
