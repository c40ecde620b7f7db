package io.migrate.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test JVM that used a server by URL exits soon after its last test: clones made ahead and
 * databases still to drop do not keep it waiting; the next run drops what it left, in the background.
 */
class ShutdownIT {

    /** What a build may wait for a test JVM to end after its last test. */
    private static final Duration EXIT_BUDGET = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void aTestJvmExitsQuicklyAndTheNextRunDropsWhatItLeft() throws Exception {
        Path migrations = TestServers.uniqueMigrations(dir);
        String tag;
        long exitMillis;
        try (ChildJvm child = ChildJvm.start(TestServers.sameServerArguments(), Map.of(),
                "tests", "filesystem:" + migrations, "20")) {
            assertThat(child.awaitLine("DONE", 180)).as(child.output()).isNotNull();
            long done = System.nanoTime();
            assertThat(child.waitFor(60)).as(child.output()).isZero();
            exitMillis = (System.nanoTime() - done) / 1_000_000;
            tag = child.awaitLine("TAG ", 1).substring("TAG ".length());
            // The run's summary, logged once at INFO as the JVM ends.
            assertThat(child.output()).containsPattern("INFO .*PostgresServer - migrate-testkit: 40 databases handed out,"
                    + " wait p50 [0-9.]+ ms p95 [0-9.]+ ms max [0-9.]+ ms, [0-9]+ clones made, pool size [0-9]+ over 2 templates");
            System.out.println(child.output());
        }
        System.out.printf("test JVM exit after its last test: %d ms%n", exitMillis);
        assertThat(Duration.ofMillis(exitMillis)).as("time from the last test to the JVM's exit").isLessThan(EXIT_BUDGET);

        PostgresServer next = TestServers.anotherRun();
        try {
            next.leftovers();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            List<String> left = TestServers.databases(next, Leftovers.CLONE_PREFIX + tag + "\\_%");
            while (!left.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
                left = TestServers.databases(next, Leftovers.CLONE_PREFIX + tag + "\\_%");
            }
            assertThat(left).as("databases of the ended run, after the next run's sweep").isEmpty();
        } finally {
            next.stop();
        }
    }
}
