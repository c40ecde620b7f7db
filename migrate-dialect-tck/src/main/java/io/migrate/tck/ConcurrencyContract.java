package io.migrate.tck;

import io.migrate.api.DeployResult;
import io.migrate.api.MigrationStatus;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.migrate.tck.Kit.spi;
import static org.assertj.core.api.Assertions.assertThat;

/** Deploys racing from several threads and several JVMs apply each migration exactly once. */
public interface ConcurrencyContract extends DialectKit {

    int MIGRATIONS = 5;
    String NAME = "2026010100000";

    private static void writeMigrations(Kit kit) {
        for (int i = 1; i <= MIGRATIONS; i++) {
            kit.migration(NAME + i + "_m", kit.table("kit_t" + i) + ";\nINSERT INTO kit_t" + i + " (id, note) VALUES (1, 'x');\n");
        }
    }

    private static void assertAppliedOnce(Kit kit) throws Exception {
        String history = kit.history();
        for (int i = 1; i <= MIGRATIONS; i++) {
            assertThat(kit.column("SELECT COUNT(*) FROM " + history + " WHERE migration_name = '" + NAME + i + "_m'"))
                    .as(spi("lock", "one history row for migration " + NAME + i + "_m: the lock must keep racing deploys apart"))
                    .containsExactly("1");
            assertThat(kit.count("kit_t" + i)).as("migration " + NAME + i + "_m ran once").isEqualTo(1);
        }
    }

    @Test
    default void appliesEachMigrationOnceWhenThreadsRace() throws Exception {
        try (Kit kit = Kit.open(this)) {
            writeMigrations(kit);
            int threads = 4;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<DeployResult>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return kit.migrator().deploy();
                    }));
                }
                start.countDown();
                int applied = 0;
                for (Future<DeployResult> result : results) {
                    applied += result.get(120, TimeUnit.SECONDS).applied().size();
                }
                assertThat(applied).as(spi("lock", MIGRATIONS + " migrations applied in all, by whichever deploy held the lock"))
                        .isEqualTo(MIGRATIONS);
            } finally {
                pool.shutdownNow();
            }
            assertAppliedOnce(kit);
        }
    }

    @Test
    default void appliesEachMigrationOnceWhenProcessesRace() throws Exception {
        try (Kit kit = Kit.open(this)) {
            writeMigrations(kit);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<Process> processes = new ArrayList<>();
            // Each in another time zone: the history's timestamps must mean the same instant to all.
            for (String zone : List.of("Asia/Tokyo", "America/Los_Angeles", "Pacific/Kiritimati")) {
                processes.add(new ProcessBuilder(java, "-Duser.timezone=" + zone, "-cp", System.getProperty("java.class.path"),
                        DeployChild.class.getName(), kit.db.jdbcUrl(), String.valueOf(kit.db.user()),
                        String.valueOf(kit.db.password()), kit.location(), dialect().getClass().getName())
                        .redirectErrorStream(true).redirectOutput(File.createTempFile("migrate-tck-child", ".log")).start());
            }
            List<String> failures = new ArrayList<>();
            for (Process process : processes) {
                if (!process.waitFor(180, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    failures.add("a deploying process did not finish within 180 s");
                } else if (process.exitValue() != 0) {
                    failures.add("a deploying process exited with " + process.exitValue() + ": "
                            + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            assertThat(failures).as("every deploying process succeeds").isEmpty();
            assertAppliedOnce(kit);
            Instant now = Instant.now();
            for (MigrationStatus status : kit.migrator().status().migrations()) {
                assertThat(Duration.between(status.startedAt().toInstant(), now).abs())
                        .as(spi("setTimestamp and getTimestamp", "the instant that a JVM in another time zone"
                                + " wrote, read back (" + status.name() + " started at " + status.startedAt() + ", read at " + now + ")"))
                        .isLessThan(Duration.ofMinutes(10));
            }
        }
    }
}
