package io.migrate.postgres;

import io.migrate.spi.SessionSettings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The session migrations run in: what the application had set on the connection, with ours on top.
 * A migration may change anything a session holds ({@code SET search_path}, {@code RESET ALL},
 * {@code SET ROLE}, {@code SET default_transaction_read_only}); {@link #reset()} undoes it with
 * {@code RESET ALL} and sets again what was there, and {@link #close()} does the same with the
 * application's values alone. Not {@code DISCARD ALL}: that would also release the migration lock.
 */
final class PostgresSession implements SessionSettings {

    /**
     * Who the session acts as comes first (setting the session authorization resets the role), then
     * every setting the session itself set; {@code RESET ALL} leaves the first two alone, and the
     * transaction's own characteristics are not session state.
     */
    private static final String CAPTURE = """
            SELECT 'session_authorization', current_setting('session_authorization')
            UNION ALL SELECT 'role', current_setting('role')
            UNION ALL (SELECT name, current_setting(name) FROM pg_catalog.pg_settings
                        WHERE source = 'session'
                          AND name NOT IN ('transaction_isolation', 'transaction_read_only', 'transaction_deferrable')
                        ORDER BY name)""";
    /** One round trip for any number of settings, in order, skipping those that already hold the value. */
    private static final String APPLY = "SELECT pg_catalog.set_config(n, v, false)"
            + " FROM unnest(?::text[], ?::text[]) AS s(n, v) WHERE pg_catalog.current_setting(n) IS DISTINCT FROM v";

    private final Connection connection;
    private final Map<String, String> application;
    private final Map<String, String> prepared;

    private PostgresSession(Connection connection, Map<String, String> application, Map<String, String> prepared) {
        this.connection = connection;
        this.application = application;
        this.prepared = prepared;
    }

    /** Reads what the application set, then makes {@code ours} (setting name to value) the session's. */
    static PostgresSession start(Connection connection, Map<String, String> ours) throws SQLException {
        Map<String, String> application = new LinkedHashMap<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(CAPTURE)) {
            while (rs.next()) {
                application.put(rs.getString(1), rs.getString(2));
            }
        }
        Map<String, String> prepared = new LinkedHashMap<>(application);
        prepared.putAll(ours);
        PostgresSession session = new PostgresSession(connection, application, prepared);
        apply(connection, ours);
        return session;
    }

    @Override
    public void reset() throws SQLException {
        restore(prepared);
    }

    @Override
    public void close() throws SQLException {
        restore(application);
    }

    /** {@code RESET ALL} and the values, sent in one execution: one round trip between two migrations. */
    private void restore(Map<String, String> values) throws SQLException {
        if (values.isEmpty()) {
            try (Statement st = connection.createStatement()) {
                st.execute("RESET ALL");
            }
            return;
        }
        run(connection, "RESET ALL;\n" + APPLY, values);
    }

    /** Sets each setting that does not hold its value yet, in order. */
    static void apply(Connection connection, Map<String, String> values) throws SQLException {
        if (!values.isEmpty()) {
            run(connection, APPLY, values);
        }
    }

    private static void run(Connection connection, String sql, Map<String, String> values) throws SQLException {
        List<String> names = new ArrayList<>(values.keySet());
        List<String> settings = new ArrayList<>(values.values());
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setArray(1, connection.createArrayOf("text", names.toArray()));
            ps.setArray(2, connection.createArrayOf("text", settings.toArray()));
            ps.execute();
        }
    }
}
