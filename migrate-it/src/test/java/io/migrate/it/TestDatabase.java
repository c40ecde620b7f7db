package io.migrate.it;

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

/** An empty database of its own for each test, dropped afterwards. */
final class TestDatabase implements BeforeEachCallback, AfterEachCallback {

    private final PostgresServer server = PostgresServer.shared();
    private String name;

    @Override
    public void beforeEach(ExtensionContext context) {
        name = server.createDatabase("it");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        server.dropDatabase(name);
    }

    String name() {
        return name;
    }

    String url() {
        return server.jdbcUrl(name);
    }

    PostgresServer server() {
        return server;
    }

    DataSource dataSource() {
        return server.dataSource(name);
    }

    Connection connect() throws SQLException {
        return server.connect(name);
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
