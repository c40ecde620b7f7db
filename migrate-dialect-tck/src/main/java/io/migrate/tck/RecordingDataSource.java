package io.migrate.tck;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.logging.Logger;

/** Hands out connections and notes each one's session id, so that a check can end them from outside. */
final class RecordingDataSource implements DataSource {

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

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }
}
