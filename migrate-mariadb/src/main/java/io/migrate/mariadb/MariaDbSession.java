package io.migrate.mariadb;

import io.migrate.spi.SessionSettings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The session migrations run in: the server's {@code sql_mode} (the drivers add
 * {@code STRICT_TRANS_TABLES} and more on connect; the {@code mariadb} client and Prisma keep the
 * server's), the server's {@code time_zone} (both drivers set the session's to their
 * {@code connectionTimeZone} when asked to, which would change what {@code NOW()} and
 * {@code TIMESTAMP} columns give a migration) and the configured database as the current one. {@link #reset()} also puts back what scripts commonly
 * change and a later migration would otherwise inherit: {@code foreign_key_checks},
 * {@code unique_checks}, {@code time_zone} and the character sets ({@code SET NAMES}), as dumps do.
 * User variables and temporary tables stay, since only a connection reset clears them, and that
 * would also release the migration lock.
 */
final class MariaDbSession implements SessionSettings {

    private static final String READ = "SELECT DATABASE(), @@SESSION.sql_mode, @@SESSION.foreign_key_checks,"
            + " @@SESSION.unique_checks, @@SESSION.time_zone, @@SESSION.character_set_client,"
            + " @@SESSION.character_set_results, @@SESSION.collation_connection";
    private static final String WRITE = "SET SESSION sql_mode = ?, foreign_key_checks = ?, unique_checks = ?,"
            + " time_zone = ?, character_set_client = ?, character_set_results = ?, collation_connection = ?";

    /** The values of {@link #READ}, in its order. */
    private record State(String database, String sqlMode, int foreignKeyChecks, int uniqueChecks, String timeZone,
                         String charsetClient, String charsetResults, String collation) {
    }

    private final Connection connection;
    private final MariaDbDialect dialect;
    private final State before;
    private final State prepared;

    private MariaDbSession(Connection connection, MariaDbDialect dialect, State before, State prepared) {
        this.connection = connection;
        this.dialect = dialect;
        this.before = before;
        this.prepared = prepared;
    }

    static MariaDbSession prepare(Connection connection, MariaDbDialect dialect, String schema) throws SQLException {
        State before = read(connection);
        try (Statement st = connection.createStatement()) {
            st.execute("SET SESSION sql_mode = @@GLOBAL.sql_mode, time_zone = @@GLOBAL.time_zone");
        }
        if (schema != null) {
            use(connection, dialect, schema);
        }
        return new MariaDbSession(connection, dialect, before, read(connection));
    }

    @Override
    public void reset() throws SQLException {
        restore(prepared);
    }

    @Override
    public void close() throws SQLException {
        restore(before);
    }

    private void restore(State state) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(WRITE)) {
            ps.setString(1, state.sqlMode());
            ps.setInt(2, state.foreignKeyChecks());
            ps.setInt(3, state.uniqueChecks());
            ps.setString(4, state.timeZone());
            ps.setString(5, state.charsetClient());
            ps.setString(6, state.charsetResults());
            ps.setString(7, state.collation());
            ps.execute();
        }
        if (state.database() != null) {
            use(connection, dialect, state.database());
        }
    }

    private static State read(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(READ)) {
            rs.next();
            return new State(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getString(5),
                    rs.getString(6), rs.getString(7), rs.getString(8));
        }
    }

    private static void use(Connection connection, MariaDbDialect dialect, String database) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("USE " + dialect.quote(database));
        }
    }
}
