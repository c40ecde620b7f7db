package io.migrate.it;

import io.migrate.testkit.Database;
import io.migrate.testkit.DatabaseTemplate;
import io.migrate.testkit.MigratedDatabase;
import io.migrate.testkit.PostgresServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An empty database of its own for each test, from the testkit ({@link MigratedDatabase#empty()}:
 * cloned ahead, dropped afterwards, kept when a test fails and {@code migrate.testkit.keep-failed}
 * is set), with shortcuts for the queries the tests make.
 */
final class TestDatabase implements BeforeEachCallback, AfterEachCallback {

    private final MigratedDatabase extension = MigratedDatabase.empty();
    /** The test's database, for the threads a test starts too (the extension's accessors serve the test's thread). */
    private volatile Database database;

    @Override
    public void beforeEach(ExtensionContext context) {
        extension.beforeEach(context);
        database = extension.database();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        database = null;
        extension.afterEach(context);
    }

    String name() {
        return database.name();
    }

    String url() {
        return database.jdbcUrl();
    }

    String user() {
        return database.user();
    }

    /** The password, or null when the server needs none. */
    String password() {
        return database.password();
    }

    PostgresServer server() {
        return database.server();
    }

    DataSource dataSource() {
        return database.dataSource();
    }

    Connection connect() throws SQLException {
        return database.connect();
    }

    /** One more empty database, for the test to close. */
    static Database another() {
        return DatabaseTemplate.empty().prepare().newDatabase();
    }

    void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** Rows of a query, each as column name to value (as strings), in query order. */
    List<Map<String, String>> query(String sql) throws SQLException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, String> row = new TreeMap<>();
                for (int i = 1; i <= columns; i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** The first column of a query's rows. */
    List<String> column(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    boolean tableExists(String table) throws SQLException {
        return !column("SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = '" + table + "'").isEmpty();
    }
}
