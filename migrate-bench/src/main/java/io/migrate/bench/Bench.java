package io.migrate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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
 * comma-separated subset of {@code apply-small, apply-large, noop, concurrent, big, split}.
 */
public final class Bench {

    /** Sizes and rounds of one run: the full benchmark or the quick smoke run. */
    record Settings(boolean quick, Set<String> only, int small, int large, int concurrentMigrations, int processes,
                    int bigBytes, Scenarios.Rounds applySmall, Scenarios.Rounds applyLarge, Scenarios.Rounds noopWarm,
                    Scenarios.Rounds noopCold, Scenarios.Rounds concurrent, Scenarios.Rounds big, Scenarios.Rounds split) {

        static Settings fromSystemProperties() {
            boolean quick = Boolean.parseBoolean(System.getProperty("bench.quick", "false"));
            Set<String> only = Arrays.stream(System.getProperty("bench.only", "").split(","))
                    .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
            if (quick) {
                return new Settings(true, only, 50, 200, 50, 4, 2_000_000, rounds(1, 3), rounds(0, 1), rounds(2, 5),
                        rounds(1, 2), rounds(0, 1), rounds(0, 1), rounds(3, 5));
            }
            return new Settings(false, only, 100, 1000, 200, 8, 20_000_000, rounds(1, 5), rounds(0, 3), rounds(2, 5),
                    rounds(1, 3), rounds(0, 2), rounds(0, 2), rounds(5, 10));
        }

        boolean runs(String scenario) {
            return only.isEmpty() || only.contains(scenario);
        }

        private static Scenarios.Rounds rounds(int warmups, int runs) {
            return new Scenarios.Rounds(warmups, runs);
        }
    }

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
        try (Target target = Target.connect()) {
            header = header(settings, target);
            Scenarios.progress(header);
            Scenarios.progress("Writing the corpus to " + dir);
            List<Corpus.Migration> corpus = Corpus.generate(settings.large());
            Layout small = Layout.write(dir.resolve("small"), corpus.subList(0, settings.small()));
            Layout large = Layout.write(dir.resolve("large"), corpus);
            Layout shared = Layout.write(dir.resolve("concurrent"), corpus.subList(0, settings.concurrentMigrations()));
            Layout big = Layout.write(dir.resolve("big"), List.of(Corpus.big(settings.bigBytes())));

            Scenarios scenarios = new Scenarios(target, report);
            run(settings, "apply-small", () -> scenarios.apply(Scenarios.APPLY_SMALL, small, settings.applySmall()));
            run(settings, "apply-large", () -> scenarios.apply(Scenarios.APPLY_LARGE, large, settings.applyLarge()));
            run(settings, "noop", () -> {
                scenarios.noopWarm(large, settings.noopWarm());
                scenarios.noopCold(large, settings.noopCold());
            });
            run(settings, "concurrent", () -> scenarios.concurrent(shared, settings.processes(), settings.concurrent()));
            run(settings, "big", () -> scenarios.bigFile(big, List.of("-Xmx2g"), settings.big()));
            run(settings, "split", () -> {
                try (Stream<Path> folders = Files.list(big.prisma())) {
                    Path bigScript = folders.findFirst().orElseThrow().resolve("migration.sql");
                    scenarios.splitting(bigScript, large, settings.split());
                }
            });
        } finally {
            delete(dir);
        }
        checkTargets(report, settings);
        System.out.println();
        System.out.println(header);
        System.out.println();
        System.out.print(report.render());
        System.out.println();
        System.out.print(report.renderVerdicts());
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

    /** The targets, judged on this run's medians. */
    private static void checkTargets(Report report, Settings settings) {
        String large = Scenarios.count(settings.large());
        faster(report, Scenarios.NOOP_WARM, 5, "no-op deploy, " + large + " applied, warm: ≥5x faster than Flyway");
        faster(report, Scenarios.NOOP_COLD, 5, "no-op deploy, " + large + " applied, cold JVM: ≥5x faster than Flyway");
        faster(report, Scenarios.APPLY_LARGE, 2, "apply " + large + ": ≥2x faster than Flyway");
        var ours = report.stats(Scenarios.APPLY_LARGE, Tool.MIGRATE);
        var floor = report.stats(Scenarios.APPLY_LARGE, Tool.RAW_JDBC);
        if (ours.isPresent() && floor.isPresent()) {
            double ratio = ours.get().median() / floor.get().median();
            report.target(Scenarios.APPLY_LARGE, Tool.MIGRATE, "apply " + large + ": within 1.25x of raw JDBC",
                    String.format(Locale.ROOT, "%.2fx of raw JDBC", ratio), ratio <= 1.25);
        }
        for (String key : List.of(Scenarios.SPLIT_BIG, Scenarios.SPLIT_CORPUS)) {
            report.stats(key, Tool.MIGRATE).ifPresent(s -> report.target(key, Tool.MIGRATE,
                    "splitting (" + (key.equals(Scenarios.SPLIT_BIG) ? "large file" : "corpus") + "): ≥200 MB/s",
                    Report.format(s.median(), Report.Unit.MB_PER_S), s.median() >= 200));
        }
    }

    private static void faster(Report report, String scenario, double factor, String target) {
        var ours = report.stats(scenario, Tool.MIGRATE);
        var flyway = report.stats(scenario, Tool.FLYWAY);
        if (ours.isPresent() && flyway.isPresent()) {
            double speedup = flyway.get().median() / ours.get().median();
            report.target(scenario, Tool.MIGRATE, target, String.format(Locale.ROOT, "%.2fx faster", speedup),
                    speedup >= factor);
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
