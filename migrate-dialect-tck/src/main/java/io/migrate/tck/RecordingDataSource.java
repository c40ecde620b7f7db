package io.migrate.tck;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Hands out connections and notes each one's session id, so that a check can end them from outside. */
final class RecordingDataSource extends PlainDataSource {

    private final Kit kit;
    private final List<Long> sessions;

    RecordingDataSource(Kit kit, List<Long> sessions) {
        this.kit = kit;
        this.sessions = sessions;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = kit.db.connect();
        sessions.add(kit.sessionId(connection));
        return connection;
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return getConnection();
    }
}
