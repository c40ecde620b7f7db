package io.migrate.testkit;

import io.migrate.api.MigrationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Drops test databases on a background thread, giving way to clones being made, and runs the other
 * background work of a server handle (the sweep of ended runs). At the end it waits a bounded time:
 * what is not dropped by then is left to the next run's sweep, so that no build waits for it.
 */
final class DropQueue {

    private static final long DROP_DEFER_SECONDS = 10;
    private static final int MAX_DEFERRED_DROPS = 8;
    private static final Logger log = LoggerFactory.getLogger(DropQueue.class);

    private final Consumer<String> drop;
    private final AtomicInteger clonesInProgress = new AtomicInteger();
    private final AtomicInteger pendingDrops = new AtomicInteger();
    private ExecutorService executor;
    private volatile boolean finishing;

    /** @param drop drops the named database now */
    DropQueue(Consumer<String> drop) {
        this.drop = drop;
    }

    /** Runs {@code task} on the background thread; false when refused because the queue is finishing. */
    synchronized boolean execute(Runnable task) {
        if (finishing) {
            return false;
        }
        if (executor == null) {
            executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "migrate-testkit-drop");
                t.setDaemon(true);
                return t;
            });
        }
        try {
            executor.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Drops a database on the background thread; failures are logged, not thrown. */
    void dropLater(String name) {
        pendingDrops.incrementAndGet();
        boolean queued = execute(() -> {
            try {
                awaitNoClone();
                drop.accept(name);
            } catch (MigrationException e) {
                log.warn("Could not drop test database {}: {}", name, e.getMessage());
            } finally {
                pendingDrops.decrementAndGet();
            }
        });
        if (!queued) {
            pendingDrops.decrementAndGet(); // the JVM is ending: left to the next run's sweep
        }
    }

    /** Counts the clones being made, so that drops can give way to them. */
    void cloning(boolean started) {
        if (started) {
            clonesInProgress.incrementAndGet();
        } else {
            clonesInProgress.decrementAndGet();
        }
    }

    /** Waits up to {@code seconds} until the databases handed to {@link #dropLater} are dropped. */
    boolean awaitDrops(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (pendingDrops.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /**
     * Takes no more work, drops what is queued for up to {@code wait}, and cancels the rest.
     *
     * @return how many databases were left undropped
     */
    int finish(Duration wait) {
        ExecutorService running;
        synchronized (this) {
            finishing = true;
            running = executor;
        }
        if (running == null) {
            return 0;
        }
        running.shutdown();
        try {
            if (!running.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                running.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.shutdownNow();
        }
        return Math.max(0, pendingDrops.get());
    }

    /**
     * A drop takes a checkpoint, which makes a clone made at the same time wait for the disk; a
     * test waits for a clone, never for a drop, so drops wait for clones to end (a while at most,
     * and not while more than a few drops are waiting, so that dropped databases do not pile up).
     */
    private void awaitNoClone() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DROP_DEFER_SECONDS);
        while (clonesInProgress.get() > 0 && pendingDrops.get() <= MAX_DEFERRED_DROPS
                && System.nanoTime() < deadline && !finishing) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
