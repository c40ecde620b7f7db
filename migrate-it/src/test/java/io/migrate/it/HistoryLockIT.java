package io.migrate.it;

import io.migrate.Migrator;
import io.migrate.api.ErrorCode;
import io.migrate.api.LockTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** lockTimeout bounds every wait of a deploy, the lock-free look at the history included. */
class HistoryLockIT {

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    @Test
    void aHistoryTableLockedByAnotherSessionEndsTheDeployWithinTheLockTimeout() throws Exception {
        MigrationDir migrations = new MigrationDir(dir).add("20260101000000_a", "CREATE TABLE a (id int);");
        Migrator migrator = Migrator.configure(db.dataSource()).locations(migrations.location()).lockTimeout(Duration.ofMillis(500));
        migrator.deploy();
        try (Connection holder = db.connect()) {
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                st.execute("LOCK TABLE _migrations IN ACCESS EXCLUSIVE MODE");
            }
            long start = System.nanoTime();
            CompletableFuture<Object> deploy = CompletableFuture.supplyAsync(() -> {
                try {
                    migrator.deploy();
                    return "no failure";
                } catch (RuntimeException e) {
                    return e;
                }
            });
            Object outcome;
            try {
                outcome = deploy.get(20, TimeUnit.SECONDS);
            } finally {
                holder.rollback();
            }
            long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();

            assertThat(outcome).isInstanceOf(LockTimeoutException.class);
            LockTimeoutException e = (LockTimeoutException) outcome;
            assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
            assertThat(e.getMessage()).startsWith("[LOCK_TIMEOUT] Could not read the history table \"public\".\"_migrations\""
                    + " within 500 ms: another session holds a lock on it (SQLSTATE 55P03: ERROR: canceling statement due"
                    + " to lock timeout").endsWith("). Another deploy is probably applying a migration; wait for it, or raise"
                    + " lockTimeout");
            assertThat(waited).as("bounded by the lock timeout, not by the holder").isLessThan(15_000);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
        assertThat(migrator.deploy().applied()).as("once the holder is gone, all is as before").isEmpty();
    }
}
