package io.migrate.it;

import io.migrate.Migrator;
import io.migrate.api.DeployResult;
import io.migrate.postgres.PostgresDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The deployer that holds the migration lock dies while a second one waits for it: the second one
 * takes the lock once the dead one's server session has ended, and applies what the dead one left.
 *
 * <p>The holder is a JVM of its own, stopped in its second migration by a lock the test holds (the
 * gate), so that both the moment of death and the second deployer's wait are certain, not timed.
 */
class LockHolderDeathIT {

    private static final long GATE = 4_242_002L;
    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    private static final int KILLED = 137;

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    @Test
    void aDeployerKilledWhileHoldingTheLockLetsTheWaitingDeployerProceedAndComplete() throws Exception {
        MigrationDir migrations = migrations();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection gate = db.connect()) {
            execute(gate, "SELECT pg_advisory_lock(" + GATE + ")");
            Future<DeployResult> waiter;
            try (ChildJvm holder = startDeployer(migrations)) {
                String holderPid = await("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND wait_event_type = 'Lock' AND wait_event = 'advisory' AND pid <> pg_backend_pid()", holder);
                assertThat(migrationLockHolders()).as("the JVM stopped in its second migration holds the migration lock")
                        .containsExactly(holderPid);

                waiter = pool.submit(() -> Migrator.configure(db.dataSource()).locations(migrations.location())
                        .lockTimeout(Duration.ofMinutes(2)).deploy());
                await("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND query LIKE 'SELECT pg_try_advisory_lock(%' AND pid <> " + holderPid, holder);

                holder.close();
                assertThat(holder.waitFor(Duration.ZERO)).as("the holder was killed with SIGKILL:%n%s", holder.tail(20))
                        .isEqualTo(KILLED);
            }
            // Its server session lives on until the statement it was given ends, and keeps the lock till then.
            assertThat(waiter.isDone()).as("the second deployer still waits while the dead one's statement runs").isFalse();
            execute(gate, "SELECT pg_advisory_unlock(" + GATE + ")");

            DeployResult result = waiter.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(result.applied()).extracting(a -> a.name())
                    .containsExactly("20260102000000_held", "20260103000000_third");
            assertThat(result.alreadyApplied()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertAppliedOnceAndUnlocked();
    }

    @Test
    void aDeployerWhoseSessionIsTerminatedWhileHoldingTheLockLetsTheWaitingDeployerProceedAndComplete() throws Exception {
        MigrationDir migrations = migrations();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection gate = db.connect()) {
            execute(gate, "SELECT pg_advisory_lock(" + GATE + ")");
            Future<DeployResult> waiter;
            try (ChildJvm holder = startDeployer(migrations)) {
                String holderPid = await("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND wait_event_type = 'Lock' AND wait_event = 'advisory' AND pid <> pg_backend_pid()", holder);
                waiter = pool.submit(() -> Migrator.configure(db.dataSource()).locations(migrations.location())
                        .lockTimeout(Duration.ofMinutes(2)).deploy());
                String waiterPid = await("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND query LIKE 'SELECT pg_try_advisory_lock(%' AND pid <> " + holderPid, holder);

                execute(gate, "SELECT pg_terminate_backend(" + holderPid + ")");

                assertThat(holder.waitFor(TIMEOUT)).as("the holder's exit code:%n%s", holder.tail(30)).isEqualTo(1);
                assertThat(holder.output()).contains("[CONNECTION_LOST] Migration 20260102000000_held lost its connection"
                        + " at line 2 of ").contains("nothing of it was applied");
                // The second deployer took the lock and now runs the same migration, up to the gate.
                await("SELECT pid FROM pg_stat_activity WHERE pid = " + waiterPid
                        + " AND wait_event_type = 'Lock' AND wait_event = 'advisory'", holder);
                assertThat(migrationLockHolders()).containsExactly(waiterPid);
            }
            execute(gate, "SELECT pg_advisory_unlock(" + GATE + ")");

            DeployResult result = waiter.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(result.applied()).extracting(a -> a.name())
                    .containsExactly("20260102000000_held", "20260103000000_third");
        } finally {
            pool.shutdownNow();
        }
        assertAppliedOnceAndUnlocked();
    }

    private MigrationDir migrations() {
        return new MigrationDir(dir)
                .add("20260101000000_first", "CREATE TABLE first (id int);\n")
                .add("20260102000000_held", "CREATE TABLE held (id int);\nSELECT pg_advisory_xact_lock(" + GATE + ");\n")
                .add("20260103000000_third", "CREATE TABLE third (id int);\n");
    }

    private void assertAppliedOnceAndUnlocked() throws Exception {
        assertThat(db.column("SELECT migration_name FROM _migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL"
                + " ORDER BY migration_name"))
                .containsExactly("20260101000000_first", "20260102000000_held", "20260103000000_third");
        assertThat(db.column("SELECT count(*) FROM _migrations")).as("no other history rows").containsExactly("3");
        assertThat(db.tableExists("held")).isTrue();
        assertThat(db.tableExists("third")).isTrue();
        assertThat(migrationLockHolders()).isEmpty();
    }

    /** Backends that hold the migration lock of public._migrations. */
    private List<String> migrationLockHolders() throws Exception {
        long key = PostgresDialect.lockKey("public", "_migrations");
        // Other databases of the server may hold the same key (same schema and table name): only ours counts.
        return db.column("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                + " AND classid::bigint = " + (key >>> 32) + " AND objid::bigint = " + (key & 0xffffffffL));
    }

    private ChildJvm startDeployer(MigrationDir migrations) throws Exception {
        Map<String, String> environment = new HashMap<>();
        environment.put(DeployMain.PASSWORD_ENV, db.server().password());
        List<String> arguments = new ArrayList<>(ChildJvm.QUICK_START);
        arguments.addAll(List.of("-cp", ChildJvm.testClassPath(), DeployMain.class.getName(), db.url(), db.server().user(),
                migrations.location()));
        return ChildJvm.start("lock holder", arguments, environment);
    }

    /** Polls {@code sql} until it returns a row and returns its first column. */
    private String await(String sql, ChildJvm child) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> values = db.column(sql);
            if (!values.isEmpty()) {
                return values.get(0);
            }
            Thread.sleep(20);
        }
        return fail("not reached within %s: %s%n%s", TIMEOUT, sql, child.tail(40));
    }

    private static void execute(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
