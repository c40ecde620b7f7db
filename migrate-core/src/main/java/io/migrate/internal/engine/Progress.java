package io.migrate.internal.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Tells an operator watching a boot that a long migration is alive: at a steady interval, which
 * statement of which migration runs and for how long. One daemon thread per deploy, only while
 * migrations are being applied.
 */
final class Progress implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Progress.class);

    private final ScheduledExecutorService timer;
    private final ScheduledFuture<?> task;
    private volatile String migration;
    private volatile int statement;
    private volatile int total;
    private volatile int line;
    private volatile long migrationStart;

    Progress(Duration interval) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "migrate-progress");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        task = timer.scheduleAtFixedRate(this::report, millis, millis, TimeUnit.MILLISECONDS);
    }

    void running(String name, int statement, int total, int line) {
        if (!name.equals(migration)) {
            migrationStart = System.nanoTime();
        }
        this.statement = statement;
        this.total = total;
        this.line = line;
        this.migration = name;
    }

    void finished() {
        migration = null;
    }

    private void report() {
        String name = migration;
        if (name == null) {
            return;
        }
        long elapsed = (System.nanoTime() - migrationStart) / 1_000_000_000;
        log.info("Still applying {}: statement {} of {}{}, {} s so far", name, statement, total,
                line > 0 ? " (line " + line + ")" : "", elapsed);
    }

    @Override
    public void close() {
        task.cancel(false);
        timer.shutdownNow();
    }
}
