package io.migrate.bench;

import io.migrate.postgres.PostgresDialect;
import io.migrate.spi.Dialect;

import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The scenarios. Every measured run gets a database of its own, made before the clock starts and
 * dropped after it stops; tools take turns within each round so that drift on the machine spreads
 * over all of them; warm-up rounds come first and are not recorded.
 */
final class Scenarios {

    static final String APPLY_SMALL = "apply-small";
    static final String APPLY_LARGE = "apply-large";
    static final String TIME = "-time";
    static final String HEAP = "-heap";
    static final String ALLOCATED = "-allocated";
    static final String LIVE = "-live";
    static final String NOOP_WARM = "noop-warm";
    static final String NOOP_COLD = "noop-cold";
    static final String NOOP_COLD_DEPLOY = "noop-cold-deploy";
    static final String NOOP_COLD_RSS = "noop-cold-rss";
    static final String NOOP_SMALL = "noop-small";
    static final String PENDING_ONE = "pending-one";
    static final String APPLY_HUGE = "apply-huge";
    static final String NOOP_HUGE = "noop-huge";
    static final String BIG = "big";
    static final String BIG_BOUNDED = "big-bounded";
    static final String CONCURRENT = "concurrent";
    static final String BIG_TIME = BIG + TIME;
    static final String BIG_HEAP = BIG + HEAP;
    static final String BIG_ALLOCATED = BIG + ALLOCATED;
    static final String SPLIT_BIG = "split-big";
    static final String SPLIT_CORPUS = "split-corpus";
    static final String SPLIT_BIG_STREAMED = "split-big-streamed";

    /** How many rounds to throw away and how many to record. */
    record Rounds(int warmups, int runs) {
    }

    /** Measurements of one tool in one scenario, failures included. */
    private static final class Tally {
        final List<Double> values = new ArrayList<>();
        int failures;
        String lastError;

        void fail(String error) {
            failures++;
            lastError = error;
        }
    }

    private static final double MIB = 1024.0 * 1024.0;

    private final Target target;
    private final Report report;
    /** Databases with a whole layout applied, by tool and layout, kept for the no-op scenarios to copy. */
    private final Map<String, String> templates = new HashMap<>();
    private static volatile long blackhole;
    private Stats jvmOnlyRss;

    Scenarios(Target target, Report report) {
        this.target = target;
        this.report = report;
    }

    /**
     * Applies all of {@code layout} to an empty database, in this JVM, with every tool and the floor.
     * The last round's databases are kept as the no-op scenarios' templates.
     */
    void apply(String key, Layout layout, List<Tool> tools, Rounds rounds) throws SQLException {
        String label = "apply " + count(layout.count()) + " migrations to an empty database";
        Map<Tool, Tally> tallies = tallies(tools);
        tools.forEach(t -> t.prepare(layout));
        for (int round = 0; round < rounds.warmups() + rounds.runs(); round++) {
            boolean measured = round >= rounds.warmups();
            for (Tool tool : tools) {
                String db = target.create();
                try {
                    long start = System.nanoTime();
                    tool.deploy(target.dataSource(db), layout);
                    double ms = (System.nanoTime() - start) / 1e6;
                    verify(tool, db, layout.count());
                    record(label, tool, round, rounds, ms, "ms", measured ? tallies.get(tool) : null);
                    if (round == rounds.warmups() + rounds.runs() - 1 && Tool.TOOLS.contains(tool)) {
                        db = keep(tool, layout, db);
                    }
                } catch (Exception e) {
                    failed(label, tool, e, measured ? tallies.get(tool) : null);
                } finally {
                    if (db != null) {
                        target.drop(db);
                    }
                }
            }
        }
        add(key, label, tallies, Report.Unit.MS);
    }

    /** Deploys again onto a copy of a database that already has all of {@code layout}, in this JVM. */
    void noopWarm(String key, Layout layout, List<Tool> tools, Rounds rounds) throws Exception {
        warmDeploys(key, "no-op deploy, " + count(layout.count()) + " applied (warm, in-process)", tools, layout, layout, rounds);
    }

    /**
     * One small pending migration on top of {@code base}, all applied: a copy of the tool's fully
     * migrated database of {@code base} is deployed with {@code next}, which is {@code base} plus one.
     */
    void pendingOne(Layout base, Layout next, Rounds rounds) throws Exception {
        warmDeploys(PENDING_ONE, "deploy 1 pending on top of " + count(base.count()) + " applied (warm, in-process)",
                Tool.TOOLS, base, next, rounds);
    }

    /** In-process deploys of {@code deployed} onto a copy of each tool's fully migrated database of {@code applied}. */
    private void warmDeploys(String key, String label, List<Tool> tools, Layout applied, Layout deployed, Rounds rounds)
            throws Exception {
        Map<Tool, Tally> tallies = tallies(tools);
        for (int round = 0; round < rounds.warmups() + rounds.runs(); round++) {
            boolean measured = round >= rounds.warmups();
            for (Tool tool : tools) {
                String db = target.copyOf(template(tool == Tool.RAW_JDBC_NOOP ? Tool.MIGRATE : tool, applied));
                try {
                    long start = System.nanoTime();
                    tool.deploy(target.dataSource(db), deployed);
                    double ms = (System.nanoTime() - start) / 1e6;
                    verify(tool, db, deployed.count());
                    record(label, tool, round, rounds, ms, "ms", measured ? tallies.get(tool) : null);
                } catch (Exception e) {
                    failed(label, tool, e, measured ? tallies.get(tool) : null);
                } finally {
                    target.drop(db);
                }
            }
        }
        add(key, label, tallies, Report.Unit.MS);
    }

    /**
     * The same no-op deploy as an application's first act after {@code java -cp ...}: one fresh JVM
     * per run, timed from process start to exit; the deploy call and the peak RSS are reported too.
     * The floor's child checks this library's database (history against files) and applies nothing.
     * Each measured round also starts a child that does nothing, for the JVM's own RSS.
     */
    void noopCold(Layout layout, Rounds rounds) throws Exception {
        String label = "no-op deploy, " + count(layout.count()) + " applied (cold JVM, process start to exit)";
        String deployLabel = "… of which the deploy call in that fresh JVM";
        Map<Tool, Tally> wall = tallies(Tool.NOOP);
        Map<Tool, Tally> deploy = tallies(Tool.NOOP);
        Map<Tool, Tally> rss = tallies(Tool.NOOP);
        List<Double> jvmRss = new ArrayList<>();
        for (int round = 0; round < rounds.warmups() + rounds.runs(); round++) {
            boolean measured = round >= rounds.warmups();
            for (Tool tool : Tool.NOOP) {
                String db = target.copyOf(template(tool == Tool.RAW_JDBC_NOOP ? Tool.MIGRATE : tool, layout));
                try {
                    ChildProcess.Outcome outcome = ChildProcess.start(target, db, tool, layout, List.of()).await();
                    if (!outcome.ok()) {
                        throw new IllegalStateException(outcome.error());
                    }
                    verify(tool, db, layout.count());
                    double ms = (outcome.exitedNanos() - outcome.startedNanos()) / 1e6;
                    record(label, tool, round, rounds, ms, "ms", measured ? wall.get(tool) : null);
                    if (measured) {
                        deploy.get(tool).values.add(outcome.deployNanos() / 1e6);
                        if (outcome.peakRss() > 0) {
                            rss.get(tool).values.add(outcome.peakRss() / MIB);
                        }
                    }
                } catch (Exception e) {
                    failed(label, tool, e, measured ? wall.get(tool) : null);
                } finally {
                    target.drop(db);
                }
            }
            if (measured) {
                ChildProcess.Outcome bare = ChildProcess.jvmOnly(List.of()).await();
                if (bare.ok() && bare.peakRss() > 0) {
                    jvmRss.add(bare.peakRss() / MIB);
                    progress(String.format(Locale.ROOT, "  [%s] a JVM that only starts: peak RSS %.1f MiB", label,
                            bare.peakRss() / MIB));
                } else {
                    progress("  [" + label + "] a JVM that only starts: no peak RSS (" + bare.error() + ")");
                }
            }
        }
        add(NOOP_COLD, label, wall, Report.Unit.MS);
        add(NOOP_COLD_DEPLOY, deployLabel, deploy, Report.Unit.MS);
        add(NOOP_COLD_RSS, "… and that process's peak resident memory (RSS)", rss, Report.Unit.MIB);
        if (!jvmRss.isEmpty()) {
            jvmOnlyRss = Stats.of(jvmRss);
        }
    }

    /** The peak RSS of a child JVM that only starts, from the cold no-op's measured rounds, if it ran. */
    Optional<Stats> jvmOnlyRss() {
        return Optional.ofNullable(jvmOnlyRss);
    }

    /**
     * {@code processes} JVMs deploy the same migrations to one empty database at once: each loads
     * everything, then all are released together; timed from the release until the last one is
     * done. A run passes only if every process succeeds and each migration is recorded exactly once.
     */
    void concurrent(Layout layout, int processes, Rounds rounds) throws Exception {
        String label = processes + " processes deploy the same " + count(layout.count()) + " at once";
        Map<Tool, Tally> tallies = tallies(Tool.TOOLS);
        for (int round = 0; round < rounds.warmups() + rounds.runs(); round++) {
            boolean measured = round >= rounds.warmups();
            for (Tool tool : Tool.TOOLS) {
                String db = target.create();
                List<ChildProcess> children = new ArrayList<>();
                try {
                    for (int i = 0; i < processes; i++) {
                        children.add(ChildProcess.start(target, db, tool, layout, List.of(), "--wait"));
                    }
                    for (ChildProcess child : children) {
                        if (!child.awaitReady()) {
                            throw new IllegalStateException("a process did not start: " + child.await().error());
                        }
                    }
                    long start = System.nanoTime();
                    for (ChildProcess child : children) {
                        child.go();
                    }
                    long last = start;
                    List<String> errors = new ArrayList<>();
                    for (ChildProcess child : children) {
                        ChildProcess.Outcome outcome = child.await();
                        if (outcome.ok()) {
                            last = Math.max(last, outcome.resultNanos());
                        } else {
                            errors.add(outcome.error());
                        }
                    }
                    if (!errors.isEmpty()) {
                        throw new IllegalStateException(errors.size() + " of " + processes + " processes failed, e.g. "
                                + errors.get(0));
                    }
                    verify(tool, db, layout.count());
                    record(label, tool, round, rounds, (last - start) / 1e6, "ms", measured ? tallies.get(tool) : null);
                } catch (Exception e) {
                    children.forEach(ChildProcess::kill);
                    failed(label, tool, e, measured ? tallies.get(tool) : null);
                } finally {
                    target.drop(db);
                }
            }
        }
        add(CONCURRENT, label, tallies, Report.Unit.MS);
    }

    /**
     * One large migration, applied in a fresh JVM per run with a fixed heap so that memory can be
     * compared. {@code key} prefixes the keys of the time, heap and allocation rows. When
     * {@code rows} is not negative, {@code many_rows} must hold that many rows afterwards.
     */
    void largeFile(String key, String shape, Layout layout, List<Tool> tools, List<String> jvmArgs, int rows,
                   Rounds rounds) throws SQLException {
        String size = String.format(Locale.ROOT, "%.0f MB", layout.bytes() / 1e6);
        String label = "one " + size + " migration" + shape + ": time";
        Map<Tool, Tally> time = tallies(tools);
        Map<Tool, Tally> heap = tallies(tools);
        Map<Tool, Tally> allocated = tallies(tools);
        Map<Tool, Tally> live = tallies(tools);
        for (int round = 0; round < rounds.warmups() + rounds.runs(); round++) {
            boolean measured = round >= rounds.warmups();
            for (Tool tool : tools) {
                String db = target.create();
                try {
                    ChildProcess.Outcome outcome = ChildProcess.start(target, db, tool, layout, jvmArgs, "--memory").await();
                    if (!outcome.ok()) {
                        throw new IllegalStateException(outcome.error());
                    }
                    verify(tool, db, 1);
                    if (rows >= 0) {
                        verifyRows(db, rows);
                    }
                    record(label, tool, round, rounds, outcome.deployNanos() / 1e6, "ms", measured ? time.get(tool) : null);
                    progress(String.format(Locale.ROOT, "        peak heap %.0f MiB, live after GC %.0f MiB, allocated %.0f MiB",
                            outcome.peakHeap() / MIB, outcome.liveHeap() / MIB, outcome.allocated() / MIB));
                    if (measured) {
                        heap.get(tool).values.add(outcome.peakHeap() / MIB);
                        allocated.get(tool).values.add(outcome.allocated() / MIB);
                        live.get(tool).values.add(outcome.liveHeap() / MIB);
                    }
                } catch (Exception e) {
                    failed(label, tool, e, measured ? time.get(tool) : null);
                } finally {
                    target.drop(db);
                }
            }
        }
        add(key + TIME, label, time, Report.Unit.MS);
        // The floor holds its statements split in advance, and psql is not a JVM: no comparable memory.
        for (Tool other : List.of(Tool.RAW_JDBC, Tool.PSQL)) {
            heap.remove(other);
            allocated.remove(other);
            live.remove(other);
        }
        add(key + HEAP, "one " + size + " migration" + shape + ": peak heap used", heap, Report.Unit.MIB);
        add(key + LIVE, "one " + size + " migration" + shape + ": largest heap still in use after a GC", live,
                Report.Unit.MIB);
        add(key + ALLOCATED, "one " + size + " migration" + shape + ": allocated by the deploying thread", allocated,
                Report.Unit.MIB);
    }

    /**
     * This library alone applies the large migration in a JVM whose heap is capped at
     * {@code maxHeap} (such as {@code 64m}): a run that needs more fails with OutOfMemoryError and
     * is reported as failed.
     */
    void boundedHeap(Layout layout, String maxHeap, Rounds rounds) throws SQLException {
        String label = String.format(Locale.ROOT, "one %.0f MB migration with -Xmx%s: time", layout.bytes() / 1e6, maxHeap);
        Tally tally = new Tally();
        Tally heap = new Tally();
        for (int round = 0; round < rounds.warmups() + rounds.runs(); round++) {
            boolean measured = round >= rounds.warmups();
            String db = target.create();
            try {
                ChildProcess.Outcome outcome = ChildProcess.start(target, db, Tool.MIGRATE, layout,
                        List.of("-Xms" + maxHeap, "-Xmx" + maxHeap), "--memory").await();
                if (!outcome.ok()) {
                    throw new IllegalStateException(outcome.error());
                }
                verify(Tool.MIGRATE, db, 1);
                record(label, Tool.MIGRATE, round, rounds, outcome.deployNanos() / 1e6, "ms", measured ? tally : null);
                progress(String.format(Locale.ROOT, "        peak heap %.0f MiB, live after GC %.0f MiB",
                        outcome.peakHeap() / MIB, outcome.liveHeap() / MIB));
                if (measured) {
                    heap.values.add(outcome.peakHeap() / MIB);
                }
            } catch (Exception e) {
                failed(label, Tool.MIGRATE, e, measured ? tally : null);
            } finally {
                target.drop(db);
            }
        }
        add(BIG_BOUNDED, label, Map.of(Tool.MIGRATE, tally), Report.Unit.MS);
        add(BIG_BOUNDED + HEAP, String.format(Locale.ROOT, "… its peak heap used (of %s)", maxHeap),
                Map.of(Tool.MIGRATE, heap), Report.Unit.MIB);
    }

    /**
     * Splitting alone, in this JVM, through the public {@link Dialect#split(String)}: the large
     * migration, and every migration of the corpus one after the other; and the large migration
     * through the streaming {@link Dialect#split(java.io.Reader)}. Throughput is reported per
     * second of wall-clock time and, as a figure that other load on the machine disturbs less, per
     * second of the splitting thread's CPU time.
     */
    void splitting(Path bigScript, Layout corpus, Rounds rounds) throws Exception {
        Dialect dialect = new PostgresDialect();
        String big = Files.readString(bigScript, StandardCharsets.UTF_8);
        List<String> scripts = new ArrayList<>();
        try (var folders = Files.list(corpus.prisma())) {
            for (Path folder : folders.sorted().toList()) {
                scripts.add(Files.readString(folder.resolve("migration.sql"), StandardCharsets.UTF_8));
            }
        }
        Map<String, List<String>> inputs = new LinkedHashMap<>();
        inputs.put(SPLIT_BIG, List.of(big));
        inputs.put(SPLIT_CORPUS, scripts);
        inputs.put(SPLIT_BIG_STREAMED, List.of(big));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (Map.Entry<String, List<String>> input : inputs.entrySet()) {
            long bytes = input.getValue().stream().mapToLong(s -> s.getBytes(StandardCharsets.UTF_8).length).sum();
            boolean streamed = input.getKey().equals(SPLIT_BIG_STREAMED);
            String label = streamed
                    ? String.format(Locale.ROOT, "split one %.0f MB migration, streamed through split(Reader) (MB/s)", bytes / 1e6)
                    : input.getKey().equals(SPLIT_BIG)
                    ? String.format(Locale.ROOT, "split one %.0f MB migration (MB/s)", bytes / 1e6)
                    : String.format(Locale.ROOT, "split %s migrations, %.1f MB (MB/s)", count(input.getValue().size()), bytes / 1e6);
            Tally wall = new Tally();
            Tally cpu = new Tally();
            // Small inputs are repeated so that one measurement lasts long enough to time.
            int repeat = (int) Math.max(1, 20_000_000 / bytes);
            for (int round = 0; round < rounds.warmups() + rounds.runs(); round++) {
                long start = System.nanoTime();
                long cpuStart = threads.getCurrentThreadCpuTime();
                for (int r = 0; r < repeat; r++) {
                    for (String script : input.getValue()) {
                        if (streamed) {
                            for (var it = dialect.split(new StringReader(script)); it.hasNext(); ) {
                                blackhole += it.next().line();
                            }
                        } else {
                            blackhole += dialect.split(script).size();
                        }
                    }
                }
                double megabytes = bytes * (double) repeat / 1e6;
                double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
                boolean measured = round >= rounds.warmups();
                record(label, Tool.MIGRATE, round, rounds, megabytes / ((System.nanoTime() - start) / 1e9), "MB/s",
                        measured ? wall : null);
                if (measured) {
                    cpu.values.add(megabytes / cpuSeconds);
                }
            }
            add(input.getKey(), label, Map.of(Tool.MIGRATE, wall), Report.Unit.MB_PER_S);
            add(input.getKey() + "-cpu", "… per second of CPU time", Map.of(Tool.MIGRATE, cpu), Report.Unit.MB_PER_S);
        }
    }

    /** Keeps {@code db} as the template of {@code tool} for {@code layout}; returns what to drop instead. */
    private String keep(Tool tool, Layout layout, String db) {
        return templates.putIfAbsent(tool.name() + " " + layout.root(), db) == null ? null : db;
    }

    /** A database with all of {@code layout} applied by {@code tool}, made once and copied for each run. */
    private String template(Tool tool, Layout layout) throws Exception {
        String existing = templates.get(tool.name() + " " + layout.root());
        if (existing != null) {
            return existing;
        }
        String db = target.create();
        long start = System.nanoTime();
        tool.deploy(target.dataSource(db), layout);
        verify(tool, db, layout.count());
        progress(String.format(Locale.ROOT, "  template for %s: %d migrations applied in %.0f ms", tool.label(),
                layout.count(), (System.nanoTime() - start) / 1e6));
        keep(tool, layout, db);
        return db;
    }

    private void verify(Tool tool, String db, int expected) throws Exception {
        try (Connection c = target.connect(db)) {
            int applied = tool.applied(c);
            if (applied != -1 && applied != expected) {
                throw new IllegalStateException(tool.label() + " recorded " + applied + " applied migrations, expected " + expected);
            }
        }
    }

    private void verifyRows(String db, int expected) throws SQLException {
        try (Connection c = target.connect(db); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM many_rows")) {
            rs.next();
            if (rs.getInt(1) != expected) {
                throw new IllegalStateException("many_rows holds " + rs.getInt(1) + " rows, expected " + expected);
            }
        }
    }

    private void add(String key, String label, Map<Tool, Tally> tallies, Report.Unit unit) {
        tallies.forEach((tool, t) -> report.add(key, label, tool, unit, t.values, t.failures, t.lastError));
    }

    private static Map<Tool, Tally> tallies(List<Tool> tools) {
        Map<Tool, Tally> tallies = new EnumMap<>(Tool.class);
        tools.forEach(t -> tallies.put(t, new Tally()));
        return tallies;
    }

    private static void record(String label, Tool tool, int round, Rounds rounds, double value, String unit, Tally tally) {
        String which = round < rounds.warmups() ? "warm-up " + (round + 1) + "/" + rounds.warmups()
                : "run " + (round - rounds.warmups() + 1) + "/" + rounds.runs();
        progress(String.format(Locale.ROOT, "  [%s] %s %s: %.1f %s", label, tool.label(), which, value, unit));
        if (tally != null) {
            tally.values.add(value);
        }
    }

    private static void failed(String label, Tool tool, Exception e, Tally tally) {
        String message = e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).replace('\n', ' ');
        progress("  [" + label + "] " + tool.label() + " FAILED: " + message);
        if (tally != null) {
            tally.fail(message);
        }
    }

    static void progress(String line) {
        System.err.println(line);
    }

    static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
