package io.migrate.bench;

import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Start-up of the command-line tools, as whole processes from fork to exit, with 100 migrations
 * applied: {@code migrate status} and a no-op {@code migrate deploy} through the distribution's
 * {@code bin/migrate}, against the real {@code flyway info} / {@code flyway migrate} (Flyway's own
 * command-line distribution) and, when installed, the real {@code prisma migrate status} /
 * {@code prisma migrate deploy}. Each tool has a database of its own on the same server, migrated
 * before the clock starts; every round runs every command once, in turn, so that load on the machine
 * spreads over all of them. Prints a Markdown table with the load averages seen.
 *
 * <pre>
 * mvn -q -pl migrate-bench exec:exec -Dbench.main=io.migrate.bench.CliStartup \
 *     -Dbench.url='jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres' \
 *     -Dbench.jvmArgs='-Dbench.flyway=/path/to/flyway-11.8.2 -Dbench.prisma=/path/to/prisma-cli -Dbench.runs=11'
 * </pre>
 *
 * {@code bench.migrate} is the distribution zip (default: {@code ../migrate-cli/target/migrate-*.zip});
 * {@code bench.flyway} the unpacked {@code flyway-commandline} tarball (required); {@code bench.prisma}
 * a folder set up by the real-Prisma script (optional: without it Prisma is left out).
 */
public final class CliStartup {

    private static final int MIGRATIONS = 100;

    private CliStartup() {
    }

    /** One command line, how it is shown, its environment, and where it runs (null: the work folder); it must exit 0. */
    private record Variant(String name, List<String> command, Map<String, String> environment, Path directory) {
        Variant(String name, List<String> command, Map<String, String> environment) {
            this(name, command, environment, null);
        }
    }

    public static void main(String[] args) throws Exception {
        String url = Target.requiredUrl();
        Path flyway = Path.of(required("bench.flyway", "the unpacked Flyway command line (flyway-commandline-<v>.tar.gz)"));
        String prismaHome = System.getProperty("bench.prisma", "");
        int runs = Integer.getInteger("bench.runs", 11);
        PGSimpleDataSource admin = new PGSimpleDataSource();
        admin.setURL(url);
        String host = admin.getServerNames()[0];
        int port = admin.getPortNumbers()[0] == 0 ? 5432 : admin.getPortNumbers()[0];
        String user = admin.getUser();
        String password = admin.getPassword();

        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<String> databases = List.of("bench_cli_migrate_" + tag, "bench_cli_flyway_" + tag, "bench_cli_prisma_" + tag);
        Path work = Files.createTempDirectory("cli-startup");
        for (String name : databases) {
            execute(admin, "CREATE DATABASE " + name);
        }
        try {
            writeMigrations(work);
            Path migrate = unpack(migrateZip(), work).resolve("bin/migrate");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

            Map<String, String> migrateEnv = Map.of("DATABASE_URL", nodeUrl(user, password, host, port, databases.get(0)),
                    "JAVA_HOME", System.getProperty("java.home"));
            Map<String, String> flywayEnv = new LinkedHashMap<>(Map.of(
                    "FLYWAY_URL", "jdbc:postgresql://" + host + ":" + port + "/" + databases.get(1),
                    "FLYWAY_USER", user, "FLYWAY_LOCATIONS", "filesystem:" + work.resolve("flyway"),
                    "JAVA_HOME", System.getProperty("java.home")));
            if (password != null) {
                flywayEnv.put("FLYWAY_PASSWORD", password);
            }
            List<Variant> variants = new ArrayList<>();
            variants.add(new Variant("`migrate status`", List.of(migrate.toString(), "status"), migrateEnv));
            variants.add(new Variant("`migrate deploy` (no-op)", List.of(migrate.toString(), "deploy"), migrateEnv));
            String flywayCommand = flyway.resolve("flyway").toString();
            variants.add(new Variant("`flyway info`", List.of(flywayCommand, "info"), flywayEnv));
            variants.add(new Variant("`flyway migrate` (no-op)", List.of(flywayCommand, "migrate"), flywayEnv));
            variants.add(new Variant("`flyway info -skipCheckForUpdate`, telemetry off",
                    List.of(flywayCommand, "-skipCheckForUpdate", "info"), quiet(flywayEnv)));
            if (!prismaHome.isBlank()) {
                Path home = Path.of(prismaHome);
                Files.writeString(work.resolve("db/migration_lock.toml"), "provider = \"postgresql\"\n");
                Map<String, String> prismaEnv = Map.of(
                        "DATABASE_URL", nodeUrl(user, password, host, port, databases.get(2)),
                        "MIGRATIONS_DIR", work.resolve("db").toString(), "PRISMA_SCHEMA", "prisma/deploy.prisma",
                        "CHECKPOINT_DISABLE", "1", "NODE_OPTIONS", "-r " + home.resolve("unref-wasm-timers.js"),
                        "PRISMA_SCHEMA_ENGINE_BINARY", home.resolve("stub-schema-engine").toString());
                String entry = home.resolve("node_modules/prisma/build/index.js").toString();
                variants.add(new Variant("`prisma migrate status`", List.of("node", entry, "migrate", "status"),
                        prismaEnv, home));
                variants.add(new Variant("`prisma migrate deploy` (no-op)", List.of("node", entry, "migrate", "deploy"),
                        prismaEnv, home));
                variants.add(new Variant("Node.js alone (`node -e 0`)", List.of("node", "-e", "0"), Map.of()));
            }
            variants.add(new Variant("the JVM alone (`java -version`)", List.of(java, "-version"), Map.of()));

            // Apply the migrations with each tool; bin/migrate's first run also makes its class-data sharing archive.
            run(new Variant("setup", List.of(migrate.toString(), "deploy"), migrateEnv), work, true);
            run(new Variant("setup", List.of(flywayCommand, "migrate"), flywayEnv), work, true);
            if (!prismaHome.isBlank()) {
                Variant deploy = variants.stream().filter(v -> v.name().startsWith("`prisma migrate deploy`")).findFirst().orElseThrow();
                run(deploy, work, true);
            }

            Map<String, List<Long>> times = new LinkedHashMap<>();
            variants.forEach(v -> times.put(v.name(), new ArrayList<>()));
            List<Double> loads = new ArrayList<>();
            for (int round = 0; round <= runs; round++) {
                loads.add(loadAverage());
                for (Variant v : variants) {
                    long millis = run(v, work, false);
                    if (round > 0) {
                        times.get(v.name()).add(millis);
                    }
                }
                System.err.println("round " + round + " of " + runs + (round == 0 ? " (warm-up, not counted)" : ""));
            }
            loads.add(loadAverage());
            print(times, loads, runs);
        } finally {
            for (String name : databases) {
                execute(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String required(String property, String what) {
        String value = System.getProperty(property, "");
        if (value.isBlank()) {
            throw new IllegalArgumentException("Set -D" + property + " to " + what);
        }
        return value;
    }

    /** Flyway's environment with its update check's companion, telemetry, switched off as its documentation says. */
    private static Map<String, String> quiet(Map<String, String> environment) {
        Map<String, String> quiet = new LinkedHashMap<>(environment);
        quiet.put("REDGATE_DISABLE_TELEMETRY", "true");
        return quiet;
    }

    /** The same 100 migrations in Prisma's layout (for migrate and Prisma) and in Flyway's. */
    private static void writeMigrations(Path work) throws IOException {
        for (int i = 1; i <= MIGRATIONS; i++) {
            String n = String.format(Locale.ROOT, "%03d", i);
            String sql = "CREATE TABLE t" + n + " (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz DEFAULT now());\n"
                    + "CREATE INDEX t" + n + "_name ON t" + n + " (name);\n";
            Path folder = Files.createDirectories(work.resolve("db").resolve(
                    String.format(Locale.ROOT, "2026010100%02d%02d_table_%s", i / 60, i % 60, n)));
            Files.writeString(folder.resolve("migration.sql"), sql);
            Files.createDirectories(work.resolve("flyway"));
            Files.writeString(work.resolve("flyway").resolve("V" + i + "__table_" + n + ".sql"), sql);
        }
    }

    private static Path migrateZip() throws IOException {
        String given = System.getProperty("bench.migrate", "");
        if (!given.isBlank()) {
            return Path.of(given);
        }
        try (Stream<Path> files = Files.list(Path.of("../migrate-cli/target"))) {
            return files.filter(p -> p.getFileName().toString().matches("migrate-.*\\.zip")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No migrate-cli/target/migrate-*.zip: build it with "
                            + "mvn -q -pl migrate-cli -am package -DskipTests, or set -Dbench.migrate"));
        }
    }

    private static Path unpack(Path zip, Path work) throws Exception {
        Path target = Files.createDirectories(work.resolve("dist"));
        run(new Variant("unzip", List.of("unzip", "-q", zip.toAbsolutePath().toString(), "-d", target.toString()),
                Map.of()), work, true);
        try (Stream<Path> dirs = Files.list(target)) {
            return dirs.findFirst().orElseThrow();
        }
    }

    /** Runs a command to its end, its output discarded (shown if it fails); returns its wall time in milliseconds. */
    private static long run(Variant v, Path work, boolean show) throws Exception {
        Path log = work.resolve("last.log");
        ProcessBuilder builder = new ProcessBuilder(v.command())
                .directory((v.directory() == null ? work : v.directory()).toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().remove("DATABASE_URL");
        builder.environment().putAll(v.environment());
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(v.name() + " did not finish in 5 minutes");
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (process.exitValue() != 0) {
            throw new IllegalStateException(v.name() + " exited " + process.exitValue() + ":\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        if (show) {
            System.err.println(v.command().get(v.command().size() - 1) + ": " + millis + " ms");
        }
        return millis;
    }

    private static double loadAverage() throws IOException {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    private static void print(Map<String, List<Long>> times, List<Double> loads, int runs) {
        double[] load = loads.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%d rounds; 1-minute load average during the run: min %.1f, median %.1f, max %.1f "
                + "(%d cores)%n%n", runs, load[0], load[load.length / 2], load[load.length - 1],
                Runtime.getRuntime().availableProcessors());
        long flywayInfo = median(times.get("`flyway info`"));
        long flywayMigrate = median(times.get("`flyway migrate` (no-op)"));
        System.out.println("| command | median | fastest | vs Flyway's command |");
        System.out.println("|---|--:|--:|--:|");
        times.forEach((name, millis) -> {
            long median = median(millis);
            long fastest = millis.stream().mapToLong(Long::longValue).min().orElseThrow();
            String ratio = name.contains("status") || name.contains("info")
                    ? String.format(Locale.ROOT, "%.2fx of `flyway info`", (double) median / flywayInfo)
                    : name.contains("deploy") || name.contains("migrate`")
                    ? String.format(Locale.ROOT, "%.2fx of `flyway migrate`", (double) median / flywayMigrate) : "";
            System.out.printf(Locale.ROOT, "| %s | %,d ms | %,d ms | %s |%n", name, median, fastest, ratio);
        });
    }

    private static long median(List<Long> millis) {
        long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[(sorted.length - 1) / 2];
    }

    private static String nodeUrl(String user, String password, String host, int port, String database) {
        return "postgresql://" + user + (password == null ? "" : ":" + java.net.URLEncoder.encode(password,
                StandardCharsets.UTF_8)) + "@" + host + ":" + port + "/" + database;
    }

    private static void execute(PGSimpleDataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
