package io.migrate.testkit;

import io.migrate.api.ErrorCode;
import io.migrate.api.LockTimeoutException;
import io.migrate.api.MigrationException;
import io.migrate.spi.DatabaseLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Makes sure a template database exists: reuses it when a database of its name is already a
 * template, else builds it under a temporary name (migrations, then the seed), closes it to
 * connections, marks it a template and renames it. The rename is the commit point, so a name that
 * exists is a finished template; a run killed half-way leaves a {@code mtk_build_} database that
 * {@link Leftovers} sweeps. Runs on the same server serialise on the dialect's lock, keyed by the
 * template's hash, so parallel JVMs build it once and the others wait, then reuse it.
 */
final class TemplateBuilder {

    private static final Logger log = LoggerFactory.getLogger(TemplateBuilder.class);
    /** How long to wait for another run that is building the same template. */
    private static final Duration LOCK_WAIT = Duration.ofMinutes(10);

    private TemplateBuilder() {
    }

    /**
     * @param name    the template's name, carrying the hash
     * @param hash    the hash, lowercase hex
     * @param migrate applies the migrations and the seed to a data source for the database being built
     * @return true when this call built the template, false when it reused an existing one
     */
    static boolean ensure(PostgresServer server, String name, String hash, Consumer<DataSource> migrate) {
        Leftovers run = server.leftovers();
        try (Connection lock = server.connect(server.adminDatabase());
             DatabaseLock ignored = buildLock(lock, name, hash)) {
            Boolean template = isTemplate(lock, name);
            if (Boolean.TRUE.equals(template)) {
                log.info("Reusing template database {}", name);
                return false;
            }
            if (template != null) {
                // A database of that name that is no template was not made by a finished build.
                server.dropDatabase(name);
            }
            build(server, name, run.buildName(hash), migrate);
            return true;
        } catch (SQLException e) {
            throw new MigrationException(ErrorCode.DATABASE_ERROR, "Cannot prepare template database " + name + " on "
                    + server + ": " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")", e);
        }
    }

    private static void build(PostgresServer server, String name, String building, Consumer<DataSource> migrate) {
        long start = System.nanoTime();
        String quoted = PostgresServer.quote(building);
        server.dropDatabase(building);
        // template0 holds nothing a server's administrator may have added to template1.
        server.execute("CREATE DATABASE " + quoted + " TEMPLATE template0");
        try {
            migrate.accept(server.dataSource(building));
            server.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + building
                    + "' AND pid <> pg_backend_pid()");
            server.execute("ALTER DATABASE " + quoted + " WITH ALLOW_CONNECTIONS false IS_TEMPLATE true");
            server.execute("ALTER DATABASE " + quoted + " RENAME TO " + PostgresServer.quote(name));
        } catch (RuntimeException e) {
            try {
                server.execute("ALTER DATABASE " + quoted + " WITH IS_TEMPLATE false");
                server.dropDatabase(building);
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        log.info("Built template database {} in {} ms", name, (System.nanoTime() - start) / 1_000_000);
    }

    /** Null when no database has that name, else whether it is a template. */
    static Boolean isTemplate(Connection connection, String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT datistemplate FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBoolean(1) : null;
            }
        }
    }

    private static DatabaseLock buildLock(Connection connection, String name, String hash) throws SQLException {
        try {
            return PostgresServer.lock(connection, Leftovers.TEMPLATE_LOCKS, hash, LOCK_WAIT);
        } catch (LockTimeoutException e) {
            throw new LockTimeoutException("Waited " + LOCK_WAIT.toMinutes() + " minutes for another test run to build"
                    + " template database " + name + ": " + e.getMessage(), e);
        }
    }
}
