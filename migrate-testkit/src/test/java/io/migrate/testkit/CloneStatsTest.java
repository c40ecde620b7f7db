package io.migrate.testkit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CloneStatsTest {

    @Test
    void percentilesAreNearestRankOverEveryDatabaseHandedOut() {
        CloneStats stats = new CloneStats();
        List<Integer> millis = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            millis.add(i);
        }
        Collections.shuffle(millis);
        millis.forEach(m -> stats.handedOut(Duration.ofMillis(m).toNanos()));
        for (int i = 0; i < 7; i++) {
            stats.cloned();
        }

        RunSummary summary = stats.summary();

        assertThat(summary).isEqualTo(new RunSummary(200, Duration.ofMillis(100), Duration.ofMillis(190),
                Duration.ofMillis(200), 7, 0, 0));
        assertThat(summary).hasToString("migrate-testkit: 200 databases handed out, wait p50 100 ms p95 190 ms"
                + " max 200 ms, 7 clones made, pool size 0 over 0 templates");
    }

    @Test
    void shortWaitsShowTenthsOfAMillisecond() {
        CloneStats stats = new CloneStats();
        stats.handedOut(1_250_000L);

        assertThat(stats.summary()).hasToString("migrate-testkit: 1 database handed out, wait p50 1.3 ms p95 1.3 ms"
                + " max 1.3 ms, 0 clones made, pool size 0 over 0 templates");
    }

    @Test
    void anEmptyRunWaitedForNothing() {
        assertThat(new CloneStats().summary()).isEqualTo(new RunSummary(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0, 0, 0));
    }
}
