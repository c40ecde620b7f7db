package io.migrate.testkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A few idle connections to the server's maintenance database, for the statements the testkit runs
 * there itself (CREATE and DROP DATABASE, catalog reads): opening one per statement would cost more
 * than most of those statements.
 */
final class AdminPool implements AutoCloseable {

    private static final int IDLE_CONNECTIONS = 4;
    private static final org.postgresql.Driver DRIVER = new org.postgresql.Driver();

    private final Endpoint endpoint;
    private final Properties credentials;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();

    AdminPool(Endpoint endpoint, Properties credentials) {
        this.endpoint = endpoint;
        this.credentials = credentials;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + endpoint.host() + ":" + endpoint.port() + "/" + database;
    }

    Connection connect(String database) throws SQLException {
        Connection connection = DRIVER.connect(jdbcUrl(database), credentials);
        if (connection == null) {
            throw new SQLException("The PostgreSQL driver does not accept " + jdbcUrl(database));
        }
        return connection;
    }

    /** Runs {@code work} on a pooled connection to the maintenance database, in autocommit. */
    <T> T apply(PostgresServer.AdminWork<T> work) throws SQLException {
        Connection connection = idle.pollFirst();
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
            if (reusable && healthy(connection) && idle.size() < IDLE_CONNECTIONS) {
                idle.addFirst(connection);
            } else {
                PostgresServer.closeQuietly(connection);
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

    @Override
    public void close() {
        for (Connection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
            PostgresServer.closeQuietly(c);
        }
    }
}
