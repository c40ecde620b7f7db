package io.migrate.tck;

import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationFailedException;
import io.migrate.api.MigrationListener;
import io.migrate.api.MigrationStatus;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.migrate.tck.Kit.spi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What the database's errors mean to the engine, and that secrets in statements never come back out. */
public interface ErrorContract extends DialectKit {

    @Test
    default void reportsALostConnectionAsSuch() throws Exception {
        if (sql().sleep() == null || sql().sessionId() == null || sql().kill() == null) {
            return;
        }
        try (Kit kit = Kit.open(this)) {
            kit.migration("20260101000001_slow", sql().sleep().apply(30) + ";\n");
            List<Long> sessions = new CopyOnWriteArrayList<>();
            CountDownLatch started = new CountDownLatch(1);
            ExecutorService killer = Executors.newSingleThreadExecutor();
            try {
                Future<?> kill = killer.submit(() -> {
                    // The listener hears the migration start; its statement is running a moment later.
                    started.await(60, TimeUnit.SECONDS);
                    Thread.sleep(1000);
                    for (long id : sessions) {
                        kit.execute(sql().kill().apply(id));
                    }
                    return null;
                });
                io.migrate.Migrator migrator = io.migrate.Migrator.configure(new RecordingDataSource(kit, sessions))
                        .locations(kit.location()).dialect(dialect()).listener(new MigrationListener() {
                            @Override
                            public void beforeMigration(String name) {
                                started.countDown();
                            }
                        });
                long start = System.nanoTime();
                MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, migrator::deploy);
                kill.get(30, TimeUnit.SECONDS);
                assertThat(e).as("deploy must fail when its session is killed").isNotNull();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(25));
                assertThat(e.code()).as(spi("classify(SQLException)", "CONNECTION_LOST for the error the driver raises when"
                        + " the server ends the session (SQLSTATE " + e.sqlState() + "): " + e.getMessage()))
                        .isEqualTo(ErrorCode.CONNECTION_LOST);
            } finally {
                killer.shutdownNow();
            }
        }
    }

    @Test
    default void retriesAMigrationThatWaitedTooLongForALock() throws Exception {
        try (Kit kit = Kit.open(this)) {
            kit.migration("20260101000001_table", kit.table("kit_a") + ";\nINSERT INTO kit_a (id, note) VALUES (1, 'a');\n");
            kit.migrator().deploy();
            kit.migration("20260101000002_update", "UPDATE kit_a SET note = 'migrated' WHERE id = 1;\n");
            ExecutorService holderThread = Executors.newSingleThreadExecutor();
            try (Connection holder = kit.db.connect()) {
                holder.setAutoCommit(false);
                try (Statement st = holder.createStatement()) {
                    st.executeUpdate("UPDATE kit_a SET note = 'held' WHERE id = 1");
                }
                Future<?> release = holderThread.submit(() -> {
                    Thread.sleep(2500);
                    holder.commit();
                    return null;
                });
                kit.migrator().lockWaitTimeout(Duration.ofSeconds(1)).lockRetries(3).deploy();
                release.get(30, TimeUnit.SECONDS);
            } catch (MigrationFailedException e) {
                throw new AssertionError(spi("classify(SQLException)", "a lock wait timeout (SQLSTATE " + e.sqlState()
                        + ") classified as lock not available, so that the engine retries the migration: " + e.getMessage()), e);
            } finally {
                holderThread.shutdownNow();
            }
            assertThat(kit.column("SELECT note FROM kit_a WHERE id = 1")).containsExactly("migrated");
        }
    }

    @Test
    default void keepsSecretsOutOfMessagesAndHistory() throws Exception {
        if (sql().secret() == null) {
            return;
        }
        String secret = "kit-" + UUID.randomUUID().toString().substring(0, 8);
        try (Kit kit = Kit.open(this)) {
            String statement = sql().secret().apply(secret);
            kit.migration("20260101000001_secret", statement + ";\n");
            MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, () -> kit.migrator().deploy());
            assertThat(e).as("deploy must fail on: " + statement.replace(secret, "***")).isNotNull();
            assertThat(e.getMessage()).as(spi("maskSecrets(String)", "the password masked in the failure message"))
                    .doesNotContain(secret);
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).as(spi("maskSecrets(String)", "the password masked in the cause"))
                        .doesNotContain(secret);
            }
            List<String> logs = kit.migrator().status().migrations().stream().map(MigrationStatus::lastError).toList();
            assertThat(String.join("\n", logs.stream().map(String::valueOf).toList()))
                    .as(spi("maskSecrets(String)", "the password masked in the history's logs")).doesNotContain(secret);
        }
    }
}
