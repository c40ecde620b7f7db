package io.migrate.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** What the clone pools of one server handle did, for {@link RunSummary}. */
final class CloneStats {

    private final List<ClonePool> pools = new CopyOnWriteArrayList<>();
    private final AtomicInteger clones = new AtomicInteger();
    private long[] waits = new long[64];
    private int handedOut;

    void pool(ClonePool pool) {
        pools.add(pool);
    }

    void cloned() {
        clones.incrementAndGet();
    }

    synchronized void handedOut(long waitNanos) {
        if (handedOut == waits.length) {
            waits = Arrays.copyOf(waits, waits.length * 2);
        }
        waits[handedOut++] = waitNanos;
    }

    RunSummary summary() {
        long[] sorted;
        synchronized (this) {
            sorted = Arrays.copyOf(waits, handedOut);
        }
        Arrays.sort(sorted);
        List<ClonePool> now = new ArrayList<>(pools);
        return new RunSummary(sorted.length, percentile(sorted, 50), percentile(sorted, 95),
                Duration.ofNanos(sorted.length == 0 ? 0 : sorted[sorted.length - 1]), clones.get(),
                now.stream().mapToInt(ClonePool::size).sum(), now.size());
    }

    /** The nearest-rank percentile. */
    private static Duration percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return Duration.ZERO;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return Duration.ofNanos(sorted[Math.max(0, rank - 1)]);
    }
}
