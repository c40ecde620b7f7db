package io.migrate.testkit;

import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clones of one template, made ahead on background threads so that a test rarely waits: up to
 * {@code size} are kept ready or in the making. A test that has to wait all the same shows that
 * clones come slower than tests take them, so the pool grows by one, up to twice its size.
 * With a size of 0 the caller clones its own.
 */
final class ClonePool {

    /** How a clone copies the template on PostgreSQL 15 and later: {@code file_copy} or {@code wal_log}. */
    static final String STRATEGY_PROPERTY = "migrate.testkit.clone-strategy";
    /** Templates from this size on are cloned with FILE_COPY even where fsync is on, unless {@value #STRATEGY_PROPERTY} says otherwise. */
    static final long FILE_COPY_FROM_BYTES = 256L * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(ClonePool.class);
    private static final int MAX_FILLERS = 8;
    private static final int GROWTH = 2;
    private static final int MAX_SIZE = 32;
    /** How often a waiting caller checks that the background clone it waits for has not failed. */
    private static final long WAIT_SLICE_MILLIS = 50;

    private final PostgresServer server;
    private final String template;
    /** How many to keep ready or in the making: the configured size, grown while tests have to wait. */
    private final AtomicInteger size;
    private final int maxSize;
    private final String createSql;
    private final LinkedBlockingQueue<String> ready = new LinkedBlockingQueue<>();
    /** Clones ready plus clones being made in the background. */
    private final AtomicInteger planned = new AtomicInteger();
    private final ExecutorService filler;
    private volatile boolean closed;

    ClonePool(PostgresServer server, String template, int size, Setting setting) {
        this.server = server;
        this.template = template;
        this.size = new AtomicInteger(size);
        this.maxSize = Math.min(size * GROWTH, MAX_SIZE);
        this.createSql = " TEMPLATE " + PostgresServer.quote(template) + strategy(server, template, setting);
        log.debug("Cloning {} with CREATE DATABASE ...{}", template, createSql);
        // One thread per pooled clone: a clone waits mostly on the server's disk (file creation,
        // checkpoints), not on a CPU, so clones made side by side finish about as fast as one alone.
        this.filler = Executors.newFixedThreadPool(Math.max(1, Math.min(size, MAX_FILLERS)), r -> {
            Thread t = new Thread(r, "migrate-testkit-clone");
            t.setDaemon(true);
            return t;
        });
        server.beforeStop(this::close);
        server.stats().pool(this);
        refill();
    }

    /**
     * Before 15 there is only the file copy. From 15 on, FILE_COPY copies the template's files but
     * takes two checkpoints, and WAL_LOG (the server's default) copies it block by block through
     * the write-ahead log. Where the server runs with {@code fsync} off, as test servers should,
     * a checkpoint costs little and FILE_COPY is the faster; with {@code fsync} on, each checkpoint
     * waits for the disk and WAL_LOG is faster for a schema of a few MB, FILE_COPY again only for
     * templates holding real data volume.
     */
    private static String strategy(PostgresServer server, String template, Setting setting) {
        String strategy = setting.get(STRATEGY_PROPERTY);
        String upper = strategy == null ? null : strategy.toUpperCase(Locale.ROOT);
        if (upper != null && !upper.equals("FILE_COPY") && !upper.equals("WAL_LOG")) {
            throw new MigrationException(ErrorCode.INVALID_CONFIGURATION, STRATEGY_PROPERTY + " = '"
                    + strategy + "': must be file_copy or wal_log");
        }
        if (server.majorVersion() < 15) {
            return "";
        }
        if (upper == null) {
            return " STRATEGY " + (fileCopyPays(server, template) ? "FILE_COPY" : "WAL_LOG");
        }
        return " STRATEGY " + upper;
    }

    private static boolean fileCopyPays(PostgresServer server, String template) {
        try {
            return server.admin(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT current_setting('fsync') = 'off' OR pg_database_size(?) >= ?")) {
                    ps.setString(1, template);
                    ps.setLong(2, FILE_COPY_FROM_BYTES);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getBoolean(1);
                    }
                }
            });
        } catch (SQLException e) {
            log.debug("Cannot read the server's fsync setting or the size of {}; cloning with WAL_LOG", template, e);
            return false;
        }
    }

    /**
     * A new database cloned from the template: a ready one, else one the background threads are
     * making (it started earlier, and one more clone at the same time would only slow them down),
     * else one cloned here.
     */
    String take() {
        long start = System.nanoTime();
        String name = takeOrClone();
        server.stats().handedOut(System.nanoTime() - start);
        return name;
    }

    private String takeOrClone() {
        refill();
        try {
            String name = ready.poll();
            if (name == null && planned.get() > 0) {
                grow();
            }
            while (name == null && planned.get() > 0 && !closed) {
                name = ready.poll(WAIT_SLICE_MILLIS, TimeUnit.MILLISECONDS);
            }
            if (name != null) {
                planned.decrementAndGet();
                refill();
                return name;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return cloneNow();
    }

    /** How many clones it keeps ready or in the making now. */
    int size() {
        return size.get();
    }

    private void grow() {
        int now = size.get();
        if (now < maxSize && size.compareAndSet(now, now + 1)) {
            log.debug("A test waited for a clone of {}: keeping {} ready from now on", template, now + 1);
            refill();
        }
    }

    private void refill() {
        while (!closed) {
            int now = planned.get();
            if (now >= size.get()) {
                return;
            }
            if (planned.compareAndSet(now, now + 1)) {
                try {
                    filler.execute(this::fillOne);
                } catch (RejectedExecutionException e) {
                    planned.decrementAndGet();
                    return;
                }
            }
        }
    }

    private void fillOne() {
        String name;
        try {
            name = cloneNow();
        } catch (RuntimeException e) {
            planned.decrementAndGet();
            log.debug("Cloning {} ahead failed; the next test clones it itself", template, e);
            return;
        }
        ready.add(name);
        if (closed && ready.remove(name)) {
            server.dropLater(name);
        }
    }

    private String cloneNow() {
        String name = server.leftovers().nextCloneName();
        server.cloning(true);
        try {
            server.execute("CREATE DATABASE " + PostgresServer.quote(name) + createSql);
            server.stats().cloned();
        } finally {
            server.cloning(false);
        }
        return name;
    }

    /**
     * Stops cloning ahead: clones not started are cancelled, those being made are abandoned (they
     * carry this run's tag, so a later run's sweep drops them), and the ones nobody took are queued
     * for dropping, unless the server goes away anyway.
     */
    void close() {
        closed = true;
        filler.shutdownNow();
        if (server.disposable()) {
            return;
        }
        for (String name = ready.poll(); name != null; name = ready.poll()) {
            server.dropLater(name);
        }
    }
}
