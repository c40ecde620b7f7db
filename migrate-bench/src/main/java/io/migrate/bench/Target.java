package io.migrate.bench;

import io.migrate.testkit.PostgresServer;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL server every tool runs against, and the databases made on it. A URL from
 * {@value #URL_PROPERTY} or {@value #URL_ENV} selects an existing server; without one an embedded
 * PostgreSQL starts (through migrate-testkit).
 */
final class Target implements AutoCloseable {

    static final String URL_PROPERTY = "bench.url";
    static final String URL_ENV = "MIGRATE_BENCH_URL";

    private final PostgresServer server;
    /** A database of our own to issue CREATE DATABASE from, so that the server's others are left alone. */
    private final String admin;
    private final List<String> created = new ArrayList<>();
    private boolean closed;

    private Target(PostgresServer server) {
        this.server = server;
        this.admin = server.createDatabase("bench_admin");
    }

    /** The server named by {@value #URL_PROPERTY} or {@value #URL_ENV}; empty when neither is set. */
    static String url() {
        String url = System.getProperty(URL_PROPERTY);
        if (url == null || url.isBlank()) {
            url = System.getenv(URL_ENV);
        }
        return url == null ? "" : url.strip();
    }

    /** {@link #url()} for the benchmarks that need a server of their own: an error when none is named. */
    static String requiredUrl() {
        String url = url();
        if (url.isEmpty()) {
            throw new IllegalArgumentException("Set -D" + URL_PROPERTY + " or " + URL_ENV + " to a PostgreSQL server's JDBC URL");
        }
        return url;
    }

    static Target connect() {
        String url = url();
        if (!url.isEmpty()) {
            System.setProperty(PostgresServer.URL_PROPERTY, url);
        }
        Target target = new Target(PostgresServer.shared());
        // A run stopped with Ctrl-C or kill still drops the databases it made.
        Runtime.getRuntime().addShutdownHook(new Thread(target::close, "bench-cleanup"));
        return target;
    }

    /** A new, empty database, connected to once. */
    synchronized String create() throws SQLException {
        String name = server.createDatabase("bench");
        created.add(name);
        prime(name);
        return name;
    }

    /** A new database that is a copy of {@code template} (CREATE DATABASE ... TEMPLATE), connected to once. */
    synchronized String copyOf(String template) throws SQLException {
        String name = "bench_" + Long.toHexString(System.nanoTime());
        admin("CREATE DATABASE " + name + " TEMPLATE " + template);
        created.add(name);
        prime(name);
        return name;
    }

    /**
     * The first session in a new database builds the server's catalog caches for it, which costs
     * every tool the same tens of milliseconds. An application boots against a database that has
     * seen sessions before, so one throwaway session pays that before the clock starts.
     */
    private void prime(String database) throws SQLException {
        try (Connection c = server.connect(database); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_catalog.pg_class")) {
            rs.next();
        }
    }

    synchronized void drop(String database) {
        server.dropDatabase(database);
        created.remove(database);
    }

    DataSource dataSource(String database) {
        return server.dataSource(database);
    }

    Connection connect(String database) throws SQLException {
        return server.connect(database);
    }

    String jdbcUrl(String database) {
        return server.jdbcUrl(database);
    }

    String user() {
        return server.user();
    }

    String password() {
        return server.password();
    }

    /** The server's version and durability settings, for the report. */
    String describe() throws SQLException {
        try (Connection c = server.connect(admin); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT split_part(version(), ' on ', 1), current_setting('fsync'),"
                     + " current_setting('synchronous_commit'), current_setting('shared_buffers')")) {
            rs.next();
            String address = server.jdbcUrl(admin).replaceFirst("^jdbc:postgresql://", "").replaceFirst("/[^/]*$", "");
            return rs.getString(1) + " at " + address + " (fsync=" + rs.getString(2) + ", synchronous_commit="
                    + rs.getString(3) + ", shared_buffers=" + rs.getString(4) + ")";
        }
    }

    private void admin(String sql) throws SQLException {
        try (Connection c = server.connect(admin); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** Drops every database this run made and still has; once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (String name : List.copyOf(created)) {
            server.dropDatabase(name);
        }
        server.dropDatabase(admin);
    }
}
