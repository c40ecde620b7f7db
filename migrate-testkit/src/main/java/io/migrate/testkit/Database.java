package io.migrate.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A test's own database, cloned from a migrated template and dropped by {@link #close()}.
 *
 * <pre>{@code
 * try (Database db = template.newDatabase()) {
 *     repository = new UserRepository(db.dataSource());
 *     ...
 * }
 * }</pre>
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final PostgresServer server;
    private final String name;
    private final DataSource dataSource;
    private boolean kept;
    private boolean closed;

    Database(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
        this.dataSource = server.dataSource(name);
    }

    /** The database's name on the server. */
    public String name() {
        return name;
    }

    /** Its JDBC URL, without credentials: combine it with {@link #user()} and {@link #password()}. */
    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    /**
     * Its JDBC URL with the user and, when the server needs one, the password as URL parameters, so
     * that {@code DriverManager.getConnection(url)} and tools that take only a URL connect with it;
     * what {@link JdbcUrl @JdbcUrl} parameters receive. It holds the password: keep it out of logs.
     */
    public String connectionUrl() {
        String url = jdbcUrl() + "?user=" + URLEncoder.encode(user(), StandardCharsets.UTF_8);
        return password() == null ? url : url + "&password=" + URLEncoder.encode(password(), StandardCharsets.UTF_8);
    }

    /** The user to connect as. */
    public String user() {
        return server.user();
    }

    /** The password to connect with, or null when the server needs none. */
    public String password() {
        return server.password();
    }

    /** A data source that opens a new connection to this database, as {@link #user()}, on each call. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Opens a connection to this database. */
    public Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    /** The server it lives on. */
    public PostgresServer server() {
        return server;
    }

    /**
     * Keeps the database after {@link #close()}, for a look at what a failed test left, and logs its
     * URL. A later run's sweep drops it once it is more than a day old. With an embedded server it
     * lasts only as long as the JVM.
     *
     * @param label what it is kept for, e.g. the failed test's name
     */
    public synchronized void keep(String label) {
        if (kept || closed) {
            return;
        }
        server.leftovers().markKept(name, label);
        kept = true;
        log.warn("Kept the database of {}: {} (user {}){}", label, jdbcUrl(), user(),
                server.disposable() ? "; it goes away with this JVM's " + server.provider().key() + " server" : "");
    }

    /** Whether {@link #keep(String)} was called. */
    public synchronized boolean kept() {
        return kept;
    }

    /** Drops the database, in the background and ending any session still connected, unless it is {@link #kept()}. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!kept) {
            server.dropLater(name);
        }
    }

    @Override
    public String toString() {
        return name + " (" + jdbcUrl() + ")";
    }
}
