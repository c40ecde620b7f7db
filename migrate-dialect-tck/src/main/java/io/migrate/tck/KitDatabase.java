package io.migrate.tck;

import io.migrate.api.JdbcUrl;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;

/**
 * A fresh, empty database that a dialect's fixture made for one check. The kit closes it when the
 * check ends, which runs the fixture's clean-up (dropping the database and {@code otherSchema}).
 */
public final class KitDatabase implements AutoCloseable {

    /** Drops what the fixture created. */
    @FunctionalInterface
    public interface Cleanup {
        void run() throws Exception;
    }

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String otherSchema;
    private final Cleanup cleanup;

    /**
     * @param jdbcUrl     where the database is; a child JVM connects to it with {@link DriverManager}
     * @param user        the user, or null when the URL carries it
     * @param password    the password, or null
     * @param otherSchema a schema name, other than the connection's current one, that the kit may
     *                    create and fill (on databases where a schema is a database, a unique name
     *                    that the cleanup also drops)
     * @param cleanup     drops the database and the other schema
     */
    public KitDatabase(String jdbcUrl, String user, String password, String otherSchema, Cleanup cleanup) {
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        this.user = user;
        this.password = password;
        this.otherSchema = Objects.requireNonNull(otherSchema, "otherSchema");
        this.cleanup = Objects.requireNonNull(cleanup, "cleanup");
    }

    /** Where the database is. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The user, or null when the URL carries it. */
    public String user() {
        return user;
    }

    /** The password, or null. */
    public String password() {
        return password;
    }

    /** A schema name other than the current one, for the check of {@code schema(...)}. */
    public String otherSchema() {
        return otherSchema;
    }

    /** A new connection, in auto-commit mode; the caller closes it. */
    public Connection connect() throws SQLException {
        return user == null ? DriverManager.getConnection(jdbcUrl) : DriverManager.getConnection(jdbcUrl, user, password);
    }

    /** A data source that opens a new connection each time, as the engine expects of a pool. */
    public DataSource dataSource() {
        return new PlainDataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                return connect();
            }

            @Override
            public Connection getConnection(String u, String p) throws SQLException {
                return DriverManager.getConnection(jdbcUrl, u, p);
            }
        };
    }

    /** Runs the fixture's clean-up. */
    @Override
    public void close() throws Exception {
        cleanup.run();
    }

    @Override
    public String toString() {
        return JdbcUrl.redacted(jdbcUrl);
    }
}
