package io.migrate.it;

import io.migrate.Migrator;
import io.migrate.api.DeployResult;
import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationFailedException;
import io.migrate.api.ValidationException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The database server restarts: between two deploys, and in the middle of one. The class runs a
 * PostgreSQL of its own (embedded, on a data directory it keeps across restarts), never the shared
 * test server, and each test works in a database of its own there.
 */
class ServerRestartIT {

    private static final String HISTORY = "SELECT id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at,"
            + " applied_steps_count FROM _migrations ORDER BY started_at, migration_name";

    /** One server for the class, on a data directory that outlives its restarts. */
    @TempDir
    static Path data;

    private static EmbeddedPostgres server;
    private static int port;

    @TempDir
    Path dir;

    private String database;

    @BeforeEach
    void startServerAndCreateDatabase() throws Exception {
        if (server == null) {
            start();
        }
        database = "restart_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = dataSource("postgres").getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        }
    }

    @AfterEach
    void dropDatabase() throws Exception {
        if (server == null) {
            start();
        }
        try (Connection c = dataSource("postgres").getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Test
    void aRestartBetweenTwoDeploysLeavesNothingPendingAndTheHistoryIntact() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_init", "CREATE TABLE account (id bigserial PRIMARY KEY, email text NOT NULL);\n"
                        + "INSERT INTO account (email) VALUES ('a@example.com');\n")
                .add("20260102000000_index", "CREATE INDEX CONCURRENTLY account_email_idx ON account (email);\n")
                .add("20260103000000_column", "ALTER TABLE account ADD COLUMN name text;\n");
        DeployResult first = migrator(migrations).deploy();
        assertThat(first.applied()).hasSize(3);
        List<List<String>> history = rows(HISTORY);
        List<List<String>> accounts = rows("SELECT * FROM account");

        restart();

        assertThat(rows(HISTORY)).as("the history after the restart, row for row").isEqualTo(history);
        DeployResult second = migrator(migrations).deploy();
        assertThat(second.applied()).as("pending after the restart").isEmpty();
        assertThat(second.alreadyApplied()).isEqualTo(3);
        assertThat(rows(HISTORY)).isEqualTo(history);
        assertThat(rows("SELECT * FROM account")).isEqualTo(accounts);

        migrations.add("20260104000000_more", "ALTER TABLE account ADD COLUMN active boolean NOT NULL DEFAULT true;\n");
        assertThat(migrator(migrations).deploy().applied()).extracting(a -> a.name()).containsExactly("20260104000000_more");
        restart();
        assertThat(migrator(migrations).deploy().upToDate()).isTrue();
        assertThat(rows(HISTORY)).hasSize(4);
    }

    @Test
    void aServerStoppedDuringATransactionalMigrationIsAConnectionLossAndAfterTheRestartADeployAppliesItCleanly()
            throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_first", "CREATE TABLE control (hold boolean);\nINSERT INTO control VALUES (true);\n")
                .add("20260102000000_slow", "CREATE TABLE slow (id int);\n"
                        + "SELECT pg_sleep(CASE WHEN (SELECT hold FROM control) THEN 300 ELSE 0 END);\n")
                .add("20260103000000_after", "CREATE TABLE after_slow (id int);\n");
        MigrationFailedException e = stopDuringSlowStatement(migrations);

        assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_LOST);
        assertThat(e.migration()).isEqualTo("20260102000000_slow");
        assertThat(e.transactional()).isTrue();
        assertThat(e.getMessage())
                .startsWith("[CONNECTION_LOST] Migration 20260102000000_slow lost its connection at line 2 of ")
                .contains("SQLSTATE 57P01")
                .contains("nothing of it was applied")
                .contains("deploy again");

        start();
        assertThat(tableExists("slow")).as("the interrupted migration's table").isFalse();
        execute("UPDATE control SET hold = false");
        DeployResult retry = migrator(migrations).deploy();
        assertThat(retry.applied()).extracting(a -> a.name()).containsExactly("20260102000000_slow", "20260103000000_after");
        assertThat(rows("SELECT migration_name, finished_at IS NOT NULL, rolled_back_at IS NULL FROM _migrations"
                + " ORDER BY started_at, migration_name")).containsExactly(
                List.of("20260101000000_first", "t", "t"),
                List.of("20260102000000_slow", "t", "t"),
                List.of("20260103000000_after", "t", "t"));
    }

    @Test
    void aServerStoppedDuringANonTransactionalMigrationLeavesItFailedUntilResolved() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_first", "CREATE TABLE control (hold boolean);\nINSERT INTO control VALUES (true);\n")
                .add("20260102000000_slow", "-- migrate:no-transaction\n"
                        + "CREATE TABLE slow (id int);\n"
                        + "SELECT pg_sleep(CASE WHEN (SELECT hold FROM control) THEN 300 ELSE 0 END);\n"
                        + "CREATE TABLE slow_done (id int);\n");
        MigrationFailedException e = stopDuringSlowStatement(migrations);

        assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_LOST);
        assertThat(e.transactional()).isFalse();
        assertThat(e.getMessage())
                .startsWith("[CONNECTION_LOST] Migration 20260102000000_slow lost its connection at line 3 of ")
                .contains("It runs without a transaction: 1 of 3 statements were applied and remain. It is recorded as failed")
                .contains("resolveRolledBack(\"20260102000000_slow\")");

        start();
        Migrator migrator = migrator(migrations);
        ValidationException refused = catchThrowableOfType(ValidationException.class, migrator::deploy);
        assertThat(refused.code()).isEqualTo(ErrorCode.FAILED_MIGRATION_PRESENT);
        assertThat(refused.problems()).extracting(ValidationException.Problem::migration).containsExactly("20260102000000_slow");
        assertThat(tableExists("slow")).as("the statement before the stop stays applied").isTrue();

        execute("DROP TABLE slow");
        execute("UPDATE control SET hold = false");
        migrator.resolveRolledBack("20260102000000_slow");
        assertThat(migrator.deploy().applied()).extracting(a -> a.name()).containsExactly("20260102000000_slow");
        assertThat(tableExists("slow_done")).isTrue();
    }

    /**
     * Deploys on another thread, stops the server (a fast shutdown, which ends every session) while
     * the deploy sleeps in 20260102000000_slow, and returns what the deploy threw.
     */
    private MigrationFailedException stopDuringSlowStatement(MigrationDir migrations) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<DeployResult> deploy = pool.submit(() -> migrator(migrations).deploy());
            boolean sleeping = false;
            for (int i = 0; i < 600 && !sleeping && !deploy.isDone(); i++) {
                sleeping = !rows("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND query LIKE 'SELECT pg_sleep(%' AND state = 'active'").isEmpty();
                if (!sleeping) {
                    Thread.sleep(50);
                }
            }
            assertThat(sleeping).as("the deploy reached the slow statement").isTrue();
            server.close();
            server = null;
            return catchThrowableOfType(MigrationFailedException.class, () -> {
                try {
                    deploy.get(1, TimeUnit.MINUTES);
                } catch (ExecutionException x) {
                    throw x.getCause();
                }
            });
        } finally {
            pool.shutdownNow();
        }
    }

    /** Starts the server on the data directory, creating it on the first start, on the same port after that. */
    private static void start() throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false);
        if (port != 0) {
            builder.setPort(port);
        }
        server = builder.start();
        port = server.getPort();
    }

    /** Stops the server (a fast shutdown, as at a host's reboot) and starts it again on the same data. */
    private void restart() throws IOException {
        server.close();
        server = null;
        start();
    }

    private Migrator migrator(MigrationDir migrations) {
        return Migrator.configure(dataSource()).locations(migrations.location());
    }

    private DataSource dataSource() {
        return dataSource(database);
    }

    private static DataSource dataSource(String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL("jdbc:postgresql://localhost:" + port + "/" + database);
        ds.setUser("postgres");
        return ds;
    }

    private List<List<String>> rows(String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private boolean tableExists(String table) throws SQLException {
        return !rows("SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = '" + table + "'").isEmpty();
    }
}
