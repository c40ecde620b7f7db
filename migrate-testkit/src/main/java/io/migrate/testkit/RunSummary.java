package io.migrate.testkit;

import java.time.Duration;

/**
 * How the databases of a run were handed out: how many, how long tests waited for them, how many
 * clones were made and how many the pools keep ready. {@link PostgresServer#summary()} gives it
 * for the run so far; the testkit logs it at INFO when the run ends, as {@link #toString()} reads.
 *
 * @param databases  databases handed out ({@code newDatabase()} calls, one per test or class)
 * @param waitP50    the median wait for a database, from the request to the handle
 * @param waitP95    the 95th percentile of those waits
 * @param waitMax    the longest wait
 * @param clonesMade {@code CREATE DATABASE ... TEMPLATE} statements that succeeded, ahead of time or on demand
 * @param poolSize   clones kept ready or in the making, summed over the templates' pools (grown sizes included)
 * @param templates  templates with a pool on this server handle
 */
public record RunSummary(int databases, Duration waitP50, Duration waitP95, Duration waitMax, int clonesMade,
                         int poolSize, int templates) {

    /** The one line logged at the end of a run. */
    @Override
    public String toString() {
        return "migrate-testkit: " + databases + (databases == 1 ? " database" : " databases") + " handed out, wait p50 "
                + millis(waitP50) + " p95 " + millis(waitP95) + " max " + millis(waitMax) + ", " + clonesMade
                + " clones made, pool size " + poolSize + " over " + templates + (templates == 1 ? " template" : " templates");
    }

    private static String millis(Duration duration) {
        long micros = duration.toNanos() / 1000;
        return micros < 10_000 ? String.format(java.util.Locale.ROOT, "%.1f ms", micros / 1000.0) : micros / 1000 + " ms";
    }
}
