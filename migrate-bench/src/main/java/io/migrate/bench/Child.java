package io.migrate.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.LoggerFactory;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One deploy in a fresh JVM, for the cold-start, concurrency and large-file scenarios.
 *
 * <pre>java -cp ... io.migrate.bench.Child TOOL CORPUS_DIR [--wait] [--memory]
 * java -cp ... io.migrate.bench.Child --jvm-only</pre>
 *
 * The database comes from the environment ({@value #URL_ENV}, {@value #USER_ENV},
 * {@value #PASSWORD_ENV}), never from the command line. With {@code --wait} the child loads
 * everything, prints {@code READY} and deploys when a line arrives on standard input, so that
 * several children start deploying at the same moment. It ends by printing
 * {@code RESULT <deploy ns> <peak heap bytes> <largest live heap after a GC> <bytes allocated> <peak RSS bytes>}, or
 * {@code ERROR <message>} with exit status 1. With {@value #JVM_ONLY} it does nothing but print
 * {@code RESULT 0 0 0 0 <peak RSS bytes>}: what the JVM itself holds with the same flags and class path.
 */
public final class Child {

    static final String URL_ENV = "MIGRATE_BENCH_CHILD_URL";
    static final String USER_ENV = "MIGRATE_BENCH_CHILD_USER";
    static final String PASSWORD_ENV = "MIGRATE_BENCH_CHILD_PASSWORD";
    static final String JVM_ONLY = "--jvm-only";

    private Child() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals(JVM_ONLY)) {
            System.out.println("RESULT 0 0 0 0 " + peakRss());
            System.out.flush();
            System.exit(0);
        }
        Tool tool = Tool.valueOf(args[0]);
        Layout layout = Layout.at(Path.of(args[1]));
        boolean wait = false;
        boolean memory = false;
        for (int i = 2; i < args.length; i++) {
            wait |= args[i].equals("--wait");
            memory |= args[i].equals("--memory");
        }
        Tool.quietSettings();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(System.getenv(URL_ENV));
        dataSource.setUser(System.getenv(USER_ENV));
        String password = System.getenv(PASSWORD_ENV);
        if (password != null && !password.isEmpty()) {
            dataSource.setPassword(password);
        }
        tool.prepare(layout);
        // An application has its logging up before it migrates; this library and Flyway log through it.
        LoggerFactory.getILoggerFactory();
        if (wait) {
            System.out.println("READY");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        HeapWatch heap = memory ? HeapWatch.start() : null;
        long allocatedBefore = allocated();
        long start = System.nanoTime();
        try {
            tool.deploy(dataSource, layout);
        } catch (Exception | Error e) {
            System.out.println("ERROR " + describe(e));
            System.out.flush();
            System.exit(1);
        }
        long took = System.nanoTime() - start;
        long allocatedBytes = allocated() - allocatedBefore;
        long peak = heap == null ? 0 : heap.stop();
        long live = heap == null ? 0 : heap.maxLiveAfterGc.get();
        System.out.println("RESULT " + took + " " + peak + " " + live + " " + allocatedBytes + " " + peakRss());
        System.out.flush();
        System.exit(0);
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < 600; t = t.getCause()) {
            text.append(text.length() == 0 ? "" : " <- ").append(t.getClass().getSimpleName()).append(": ")
                    .append(String.valueOf(t.getMessage()).replace('\n', ' '));
        }
        return text.length() > 600 ? text.substring(0, 600) + "…" : text.toString();
    }

    /**
     * The process's peak resident set size ({@code VmHWM} in {@code /proc/self/status}), or 0 where
     * the system does not tell.
     */
    static long peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").strip()) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no figure
        }
        return 0;
    }

    /** Bytes allocated by this thread; the tools deploy on the calling thread. */
    private static long allocated() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /**
     * The peak of used heap while deploying: the larger of a 1 ms sampler and the heap just before
     * each garbage collection; and, as a lower bound of what was really needed, the largest heap
     * still in use right after a collection.
     */
    private static final class HeapWatch {

        private final AtomicLong peak = new AtomicLong();
        private final AtomicLong maxLiveAfterGc = new AtomicLong();
        private final Thread sampler;
        private volatile boolean running = true;

        private HeapWatch() {
            sampler = new Thread(() -> {
                while (running) {
                    record(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            sampler.setDaemon(true);
        }

        static HeapWatch start() {
            System.gc();
            HeapWatch watch = new HeapWatch();
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
                        watch.record(heap(info.getMemoryUsageBeforeGc()));
                        watch.maxLiveAfterGc.accumulateAndGet(heap(info.getMemoryUsageAfterGc()), Math::max);
                    }
                }, null, null);
            }
            watch.sampler.start();
            return watch;
        }

        private void record(long used) {
            peak.accumulateAndGet(used, Math::max);
        }

        long stop() throws InterruptedException {
            record(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            running = false;
            sampler.join();
            return peak.get();
        }

        /** The heap pools only: a collection also reports metaspace and the code cache. */
        private static long heap(Map<String, MemoryUsage> pools) {
            long total = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                MemoryUsage usage = pool.getType() == MemoryType.HEAP ? pools.get(pool.getName()) : null;
                if (usage != null) {
                    total += usage.getUsed();
                }
            }
            return total;
        }
    }
}
