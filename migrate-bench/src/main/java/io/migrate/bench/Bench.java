package io.migrate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs every scenario against this library, Flyway and Liquibase on one PostgreSQL server and one
 * generated corpus, and prints the results as a Markdown table.
 *
 * <pre>
 * mvn -q -pl migrate-bench -am install -DskipTests
 * mvn -q -pl migrate-bench exec:exec [-Dbench.quick=true] [-Dbench.url=jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres]
 * </pre>
 *
 * System properties: {@code bench.url} (else {@code MIGRATE_BENCH_URL}, else an embedded
 * PostgreSQL), {@code bench.quick=true} for a smoke run with small sizes, {@code bench.only} a
 * comma-separated subset of {@link #SCENARIOS}.
 */
public final class Bench {

    /** Sizes and rounds of one run: the full benchmark or the quick smoke run. */
    record Settings(boolean quick, Set<String> only, int small, int large, int huge, int concurrentMigrations,
                    int processes, int bigBytes, List<Integer> manyBytes, Scenarios.Rounds applySmall,
                    Scenarios.Rounds applyLarge, Scenarios.Rounds applyHuge, Scenarios.Rounds noopWarm,
                    Scenarios.Rounds noopCold, Scenarios.Rounds pending, Scenarios.Rounds concurrent,
                    Scenarios.Rounds big, Scenarios.Rounds many, Scenarios.Rounds split) {

        static Settings fromSystemProperties() {
            boolean quick = Boolean.parseBoolean(System.getProperty("bench.quick", "false"));
            Set<String> only = Arrays.stream(System.getProperty("bench.only", "").split(","))
                    .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
            if (quick) {
                return new Settings(true, only, 50, 200, 500, 50, 4, 2_000_000, List.of(1_000_000, 3_000_000),
                        rounds(1, 3), rounds(0, 1), rounds(0, 1), rounds(2, 5), rounds(1, 2), rounds(1, 3), rounds(0, 1),
                        rounds(0, 1), rounds(0, 1), rounds(3, 5));
            }
            return new Settings(false, only, 100, 1000, 10_000, 200, 8, 20_000_000, List.of(10_000_000, 50_000_000),
                    rounds(1, 5), rounds(0, 3), rounds(0, 1), rounds(2, 5), rounds(1, 3), rounds(1, 5), rounds(0, 2),
                    rounds(0, 2), rounds(0, 1), rounds(5, 10));
        }

        boolean runs(String scenario) {
            return only.isEmpty() || only.contains(scenario);
        }

        private static Scenarios.Rounds rounds(int warmups, int runs) {
            return new Scenarios.Rounds(warmups, runs);
        }
    }

    /** The scenario names {@code bench.only} accepts, in the order they run. */
    static final List<String> SCENARIOS = List.of("apply-small", "apply-large", "noop", "pending", "curve", "concurrent",
            "big", "many", "split");

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        Tool.quietSettings();
        long start = System.nanoTime();
        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Path dir = Files.createTempDirectory("migrate-bench-corpus");
        Report report = new Report();
        String header;
        Optional<Stats> jvmOnlyRss;
        try (Target target = Target.connect()) {
            header = header(settings, target);
            Scenarios.progress(header);
            Scenarios.progress("Writing the corpus to " + dir);
            List<Corpus.Migration> corpus = Corpus.generate(settings.runs("curve") ? settings.huge() : settings.large() + 1);
            Layout small = Layout.write(dir.resolve("small"), corpus.subList(0, settings.small()));
            Layout large = Layout.write(dir.resolve("large"), corpus.subList(0, settings.large()));
            Scenarios scenarios = new Scenarios(target, report);
            run(settings, "apply-small", () -> scenarios.apply(Scenarios.APPLY_SMALL, small, Tool.ALL, settings.applySmall()));
            run(settings, "apply-large", () -> scenarios.apply(Scenarios.APPLY_LARGE, large, Tool.ALL, settings.applyLarge()));
            run(settings, "noop", () -> {
                scenarios.noopWarm(Scenarios.NOOP_SMALL, small, Tool.NOOP, settings.noopWarm());
                scenarios.noopWarm(Scenarios.NOOP_WARM, large, Tool.NOOP, settings.noopWarm());
                scenarios.noopCold(large, settings.noopCold());
            });
            run(settings, "pending", () -> {
                Layout next = Layout.write(dir.resolve("large-plus-one"), corpus.subList(0, settings.large() + 1));
                scenarios.pendingOne(large, next, settings.pending());
            });
            run(settings, "curve", () -> {
                Layout huge = Layout.write(dir.resolve("huge"), corpus.subList(0, settings.huge()));
                scenarios.apply(Scenarios.APPLY_HUGE, huge, Tool.MIGRATE_AND_FLYWAY, settings.applyHuge());
                scenarios.noopWarm(Scenarios.NOOP_HUGE, huge, Tool.MIGRATE_AND_FLYWAY, settings.noopWarm());
            });
            run(settings, "concurrent", () -> {
                Layout shared = Layout.write(dir.resolve("concurrent"), corpus.subList(0, settings.concurrentMigrations()));
                scenarios.concurrent(shared, settings.processes(), settings.concurrent());
            });
            Layout big = settings.runs("big") || settings.runs("split")
                    ? Layout.write(dir.resolve("big"), List.of(Corpus.big(settings.bigBytes()))) : null;
            run(settings, "big", () -> {
                scenarios.largeFile(Scenarios.BIG, "", big, Tool.ALL, List.of("-Xmx2g"), -1, settings.big());
                scenarios.boundedHeap(big, "64m", settings.big());
            });
            run(settings, "many", () -> {
                for (int bytes : settings.manyBytes()) {
                    Corpus.DataMigration data = Corpus.singleRowInserts(bytes);
                    Layout many = Layout.write(dir.resolve("many-" + bytes), List.of(data.migration()));
                    scenarios.largeFile(manyKey(bytes), " of single-row INSERTs", many, Tool.MANY_STATEMENTS,
                            List.of("-Xmx2g"), data.rows(), settings.many());
                }
            });
            run(settings, "split", () -> {
                try (Stream<Path> folders = Files.list(big.prisma())) {
                    Path bigScript = folders.findFirst().orElseThrow().resolve("migration.sql");
                    scenarios.splitting(bigScript, large, settings.split());
                }
            });
            jvmOnlyRss = scenarios.jvmOnlyRss();
        } finally {
            delete(dir);
        }
        checkTargets(report, settings, jvmOnlyRss);
        System.out.println();
        System.out.println(header);
        System.out.println();
        System.out.print(report.render());
        System.out.println();
        System.out.print(report.renderVerdicts());
        String curve = report.renderCurve(List.of(
                new Report.CurvePoint(settings.small(), Scenarios.APPLY_SMALL, Scenarios.NOOP_SMALL),
                new Report.CurvePoint(settings.large(), Scenarios.APPLY_LARGE, Scenarios.NOOP_WARM),
                new Report.CurvePoint(settings.huge(), Scenarios.APPLY_HUGE, Scenarios.NOOP_HUGE)));
        if (!curve.isEmpty()) {
            System.out.println();
            System.out.println("Cost curve (medians; no-op deploys warm, in-process):");
            System.out.println();
            System.out.print(curve);
        }
        System.out.printf(Locale.ROOT, "%nTotal time %.0f s; system load average (1 min) %.2f at the start, %.2f at the end.%n",
                (System.nanoTime() - start) / 1e9, loadAtStart, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** A scenario that may throw; one that fails outright stops the run. */
    private interface Scenario {
        void run() throws Exception;
    }

    private static void run(Settings settings, String name, Scenario scenario) throws Exception {
        if (!settings.runs(name)) {
            return;
        }
        Scenarios.progress("Scenario " + name);
        long start = System.nanoTime();
        scenario.run();
        Scenarios.progress(String.format(Locale.ROOT, "Scenario %s took %.0f s", name, (System.nanoTime() - start) / 1e9));
    }

    static String manyKey(int bytes) {
        return "many-" + bytes;
    }

    /** The speed targets, judged on this run's medians. */
    private static void checkTargets(Report report, Settings settings, Optional<Stats> jvmOnlyRss) {
        String large = Scenarios.count(settings.large());
        ratio(report, Scenarios.NOOP_WARM, 0.20, "no-op deploy, " + large + " applied, warm: ≤0.20x Flyway");
        ratio(report, Scenarios.NOOP_COLD_DEPLOY, 0.30, "no-op deploy, " + large + " applied, first call in a fresh JVM: ≤0.30x Flyway");
        ratio(report, Scenarios.NOOP_COLD, 0.55, "no-op deploy, " + large + " applied, whole process wall: ≤0.55x Flyway");
        ratio(report, Scenarios.NOOP_COLD_RSS, 0.65, "no-op deploy, " + large + " applied, whole process peak RSS: ≤0.65x Flyway");
        noopFloor(report, large, jvmOnlyRss);
        ratio(report, Scenarios.APPLY_LARGE, 0.35, "apply " + large + ": ≤0.35x Flyway");
        var ours = report.stats(Scenarios.APPLY_LARGE, Tool.MIGRATE);
        var floor = report.stats(Scenarios.APPLY_LARGE, Tool.RAW_JDBC);
        if (ours.isPresent() && floor.isPresent()) {
            report.note("apply " + large + ": against the raw JDBC floor (one commit per migration)",
                    String.format(Locale.ROOT, "%.2fx of raw JDBC", ours.get().median() / floor.get().median()));
        }
        // With a 2 GiB heap the collector runs late, so "peak used" there counts garbage; the bound is
        // shown by a run whose heap is capped at 64 MiB, and by the largest heap still live after a GC.
        report.stats(Scenarios.BIG_BOUNDED + Scenarios.HEAP, Tool.MIGRATE).ifPresent(s -> {
            int failed = report.failures(Scenarios.BIG_BOUNDED, Tool.MIGRATE);
            report.target(Scenarios.BIG_BOUNDED, Tool.MIGRATE, "one large migration: peak heap ≤64 MiB (runs with -Xmx64m)",
                    s.runs() + " of " + (s.runs() + failed) + " runs succeeded, peak heap used "
                            + Report.format(s.max(), Report.Unit.MIB), failed == 0 && s.max() <= 64);
        });
        if (report.stats(Scenarios.BIG_BOUNDED, Tool.MIGRATE).isEmpty()
                && report.failures(Scenarios.BIG_BOUNDED, Tool.MIGRATE) > 0) {
            report.target(Scenarios.BIG_BOUNDED, Tool.MIGRATE, "one large migration: peak heap ≤64 MiB (runs with -Xmx64m)",
                    "no run succeeded", false);
        }
        for (String key : List.of(Scenarios.SPLIT_BIG, Scenarios.SPLIT_BIG_STREAMED, Scenarios.SPLIT_CORPUS)) {
            boolean bigFile = !key.equals(Scenarios.SPLIT_CORPUS);
            int floorMbPerS = bigFile ? 800 : 500;
            report.stats(key, Tool.MIGRATE).ifPresent(s -> report.target(key, Tool.MIGRATE,
                    "splitting (" + (key.equals(Scenarios.SPLIT_BIG_STREAMED) ? "large file, streamed"
                            : bigFile ? "large file" : "corpus") + "): ≥" + floorMbPerS + " MB/s",
                    Report.format(s.median(), Report.Unit.MB_PER_S), s.median() >= floorMbPerS));
        }
        for (int bytes : settings.manyBytes()) {
            String key = manyKey(bytes) + Scenarios.TIME;
            var psql = report.stats(key, Tool.PSQL);
            var migrate = report.stats(key, Tool.MIGRATE);
            String what = String.format(Locale.ROOT, "%.0f MB of single-row INSERTs: no slower than psql -1", bytes / 1e6);
            if (psql.isPresent() && migrate.isPresent()) {
                double r = migrate.get().median() / psql.get().median();
                report.target(key, Tool.MIGRATE, what, String.format(Locale.ROOT, "%.2fx of psql", r), r <= 1.0);
            } else if (psql.isPresent() && report.failures(key, Tool.MIGRATE) > 0) {
                report.target(key, Tool.MIGRATE, what, "did not finish", false);
            }
        }
        var pending = report.stats(Scenarios.PENDING_ONE, Tool.MIGRATE);
        var noop = report.stats(Scenarios.NOOP_WARM, Tool.MIGRATE);
        if (pending.isPresent() && noop.isPresent()) {
            report.note("deploy 1 pending on top of " + large + " applied: over the warm no-op",
                    String.format(Locale.ROOT, "%s + %s", Report.format(noop.get().median(), Report.Unit.MS),
                            Report.format(pending.get().median() - noop.get().median(), Report.Unit.MS)));
        }
    }

    /**
     * The cold no-op against its floor: this library's call, process wall and peak RSS over the raw
     * JDBC check's, and the peak RSS of a JVM that only starts, for the part of the RSS that is the JVM.
     */
    static void noopFloor(Report report, String large, Optional<Stats> jvmOnlyRss) {
        var warm = report.stats(Scenarios.NOOP_WARM, Tool.MIGRATE);
        var warmFloor = report.stats(Scenarios.NOOP_WARM, Tool.RAW_JDBC_NOOP);
        if (warm.isPresent() && warmFloor.isPresent()) {
            report.note("no-op deploy, " + large + " applied, warm: against the raw JDBC floor (connect, read the history,"
                    + " look at each file, compare)", String.format(Locale.ROOT, "%.2fx of raw JDBC (%s)",
                    warm.get().median() / warmFloor.get().median(), Report.format(warmFloor.get().median(), Report.Unit.MS)));
        }
        List<String> ratios = new ArrayList<>();
        for (String[] row : new String[][] {{Scenarios.NOOP_COLD_DEPLOY, "call"}, {Scenarios.NOOP_COLD, "process wall"},
                {Scenarios.NOOP_COLD_RSS, "peak RSS"}}) {
            var ours = report.stats(row[0], Tool.MIGRATE);
            var floor = report.stats(row[0], Tool.RAW_JDBC_NOOP);
            if (ours.isPresent() && floor.isPresent()) {
                ratios.add(String.format(Locale.ROOT, "%s %.2fx", row[1], ours.get().median() / floor.get().median()));
            }
        }
        if (!ratios.isEmpty()) {
            report.note("no-op deploy, " + large + " applied, cold: against the raw JDBC floor (read the history, hash"
                    + " the files, compare)", String.join(", ", ratios) + " of raw JDBC");
        }
        jvmOnlyRss.ifPresent(s -> report.note("no-op deploy, cold: peak RSS of a JVM that only starts (same flags and"
                + " class path)", Report.format(s.median(), Report.Unit.MIB) + " (median of " + s.runs() + ")"));
    }

    /** A target that this library's median is at most {@code limit} times Flyway's. */
    private static void ratio(Report report, String scenario, double limit, String target) {
        var ours = report.stats(scenario, Tool.MIGRATE);
        var flyway = report.stats(scenario, Tool.FLYWAY);
        if (ours.isPresent() && flyway.isPresent()) {
            double ratio = ours.get().median() / flyway.get().median();
            report.target(scenario, Tool.MIGRATE, target, String.format(Locale.ROOT, "%.2fx Flyway", ratio), ratio <= limit);
        }
    }

    private static String header(Settings settings, Target target) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return String.format(Locale.ROOT, "%s run, %s%n- machine: %d cores, %.0f GiB memory, %s %s%n- JVM: %s %s, %s%n"
                        + "- PostgreSQL: %s%n- tools: %s",
                settings.quick() ? "Quick (smoke)" : "Full", java.time.LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), os.getTotalMemorySize() / (1024.0 * 1024 * 1024),
                System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                        .filter(a -> !a.startsWith("-D" + Target.URL_PROPERTY + "=")).collect(Collectors.joining(" ")),
                target.describe(), Tool.versions());
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }
}
