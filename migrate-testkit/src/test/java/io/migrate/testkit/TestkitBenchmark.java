package io.migrate.testkit;

import io.migrate.Migrator;
import io.migrate.postgres.PostgresDialect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How long a test waits for its database: with the background pool, with cloning on demand, and
 * with the migrations run for every test. A program, not a test:
 * {@code mvn -pl migrate-testkit test-compile exec:java} (add {@code -Dmigrate.testkit.url=...} for
 * an existing server; {@code -Dexec.args="300 200 10 4 5"} sets migrations, tests per mode,
 * migrate-per-test runs, pool size and server-per-class runs).
 *
 * <p>Each simulated test connects, writes and reads a little, then closes its database, as a small
 * repository test does; in the paced modes it lasts at least {@link #PACED_MILLIS} ms in all, as
 * integration tests with some logic of their own do. The figure measured is the time from asking
 * for a database to having it.
 */
public final class TestkitBenchmark {

    /** How long a paced test lasts, its database work included. */
    static final long PACED_MILLIS = 100;

    private TestkitBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int migrations = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int tests = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int migrateRuns = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int poolSize = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        int serverRuns = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        // One line per applied migration would bury the figures.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.migrate.internal"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Path dir = GeneratedSchema.write(Files.createTempDirectory("migrate-bench"), migrations);
        String location = "filesystem:" + dir;
        PostgresServer server = PostgresServer.shared();
        System.out.printf(Locale.ROOT, "Server: %s; %d generated migrations, %d tests per mode, %d cores, load %s%n",
                server, migrations, tests, Runtime.getRuntime().availableProcessors(), load());

        long start = System.nanoTime();
        DatabaseTemplate pooled = DatabaseTemplate.postgres().locations(location).poolSize(poolSize).prepare();
        System.out.printf(Locale.ROOT, "Template %s %s in %d ms%n", pooled.name(), pooled.reused() ? "reused" : "built",
                millis(System.nanoTime() - start));

        Map<String, List<Long>> modes = new LinkedHashMap<>();
        measure(modes, "pool " + poolSize + ", tests of " + PACED_MILLIS + " ms", run(pooled, tests, PACED_MILLIS));
        measure(modes, "pool " + poolSize + ", tests back to back", run(pooled, tests, 0));
        measure(modes, "clone on demand (pool 0)", run(separateRun(location, 0), tests, 0));
        if (migrateRuns > 0) {
            measure(modes, "migrate per test", migratePerTest(server, location, migrateRuns));
        }
        if (serverRuns > 0) {
            measure(modes, "new embedded server per class", serverPerClass(location, serverRuns));
        }
        System.out.println();
        System.out.println("| mode | n | p50 | p95 | max | p50 / pool's p50 |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        double base = percentile(sorted(modes.values().iterator().next()), 50);
        modes.forEach((mode, nanos) -> {
            List<Long> sorted = sorted(nanos);
            double p50 = percentile(sorted, 50);
            System.out.printf(Locale.ROOT, "| %s | %d | %s | %s | %s | %s |%n", mode, sorted.size(), ms(p50),
                    ms(percentile(sorted, 95)), ms(sorted.get(sorted.size() - 1) / 1e6),
                    String.format(Locale.ROOT, "%,.0fx", p50 / Math.max(base, 0.1)));
        });
        System.out.println("Load at the end: " + load());
        System.exit(0);
    }

    private static void measure(Map<String, List<Long>> modes, String mode, List<Long> nanos) {
        modes.put(mode, nanos);
        report(mode, nanos);
    }

    /**
     * What a test class that starts its own server waits for before its first test: a new server
     * (initdb and start of an embedded PostgreSQL, the nearest this benchmark has to a container
     * started per class) and the migrations applied to it.
     */
    private static List<Long> serverPerClass(String location, int runs) {
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long asked = System.nanoTime();
            PostgresServer fresh = PostgresServer.start(Setting.of(Map.of(PostgresServer.PROVIDER_PROPERTY, "embedded")),
                    PostgresServer.systemProbes());
            try {
                Migrator.configure(fresh.dataSource(fresh.adminDatabase())).locations(location)
                        .dialect(new PostgresDialect()).deploy();
                waits.add(System.nanoTime() - asked);
            } finally {
                fresh.stop();
            }
        }
        return waits;
    }

    /** The same template reached through a second server handle, so that its pool is a new one. */
    private static DatabaseTemplate separateRun(String location, int poolSize) {
        PostgresServer other = PostgresServer.start(Setting.of(TestServers.sameServer()), PostgresServer.systemProbes());
        return DatabaseTemplate.postgres().locations(location).poolSize(poolSize).server(other).prepare();
    }

    private static List<Long> run(DatabaseTemplate template, int tests, long paceMillis)
            throws SQLException, InterruptedException {
        Thread.sleep(1000); // the pool fills while the first test class starts
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < tests; i++) {
            long asked = System.nanoTime();
            try (Database db = template.newDatabase()) {
                waits.add(System.nanoTime() - asked);
                work(db);
                long rest = paceMillis - millis(System.nanoTime() - asked);
                if (rest > 0) {
                    Thread.sleep(rest);
                }
            }
        }
        // The next mode starts on a quiet server: no drops of this one still running.
        template.server().awaitDrops(300);
        return waits;
    }

    private static List<Long> migratePerTest(PostgresServer server, String location, int runs) throws SQLException {
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long asked = System.nanoTime();
            String name = server.createDatabase("bench");
            try {
                Migrator.configure(server.dataSource(name)).locations(location).dialect(new PostgresDialect()).deploy();
                waits.add(System.nanoTime() - asked);
            } finally {
                server.dropDatabase(name);
            }
        }
        return waits;
    }

    /** What a small repository test does with its database. */
    private static void work(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO account (name, status, amount) VALUES ('bench', 'active', 10)");
            try (var rs = st.executeQuery("SELECT count(*) FROM account_active")) {
                rs.next();
            }
        }
    }

    private static void report(String mode, List<Long> nanos) {
        List<Long> sorted = sorted(nanos);
        System.out.printf(Locale.ROOT, "%-32s n=%4d  p50 %8.1f ms  p95 %8.1f ms  max %8.1f ms%n", mode, sorted.size(),
                percentile(sorted, 50), percentile(sorted, 95), sorted.get(sorted.size() - 1) / 1e6);
    }

    private static List<Long> sorted(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted;
    }

    private static String ms(double millis) {
        return String.format(Locale.ROOT, millis < 10 ? "%.1f ms" : "%,.0f ms", millis);
    }

    private static double percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    /** The 1, 5 and 15 minute load averages where the system tells them: other work skews every figure. */
    private static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
