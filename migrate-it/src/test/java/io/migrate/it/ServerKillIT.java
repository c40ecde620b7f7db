package io.migrate.it;

import io.migrate.Migrator;
import io.migrate.api.AppliedMigration;
import io.migrate.api.DeployResult;
import io.migrate.api.MigrationException;
import io.migrate.api.MigrationListener;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database server dies (SIGKILL of the postmaster and every backend, WAL writer included) at a
 * random moment of a deploy of 200 migrations, as at a power cut for everything the server had not
 * yet written. Commits of a deploy that do not wait for their WAL flush may be lost then, but only
 * as a tail and only whole: after the restart, every migration is either there with its history
 * row or absent with it, and one more deploy brings history and schema into agreement with nothing
 * applied twice.
 *
 * <p>The class runs a PostgreSQL of its own (embedded, on a data directory it keeps across
 * crashes, with {@code synchronous_commit = on} as a production server has it), never the shared
 * test server.
 */
class ServerKillIT {

    private static final int MIGRATIONS = 200;
    private static final String TRIALS_PROPERTY = "migrate.it.serverkill.trials";
    private static final String SEED_PROPERTY = "migrate.it.serverkill.seed";

    @TempDir
    static Path data;

    private static EmbeddedPostgres server;
    private static int port;

    @TempDir
    Path dir;

    @AfterAll
    static void stopServer() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Test
    void aServerKilledAtRandomMomentsOfADeployLosesOnlyWholeMigrationsAndTheNextDeployCompletesThemOnce()
            throws Exception {
        MigrationDir migrations = new MigrationDir(dir);
        List<String> names = generate(migrations);
        int trials = Integer.getInteger(TRIALS_PROPERTY, 3);
        long seed = Long.getLong(SEED_PROPERTY, System.nanoTime());
        System.out.printf("ServerKillIT: %d trials, seed %d (replay with -D%s=%d)%n", trials, seed, SEED_PROPERTY, seed);
        Random random = new Random(seed);
        start();
        // The second deploy runs warm, as the trials do; kill within 90% of it so that most trials cut one short.
        timeOneFullDeploy(migrations);
        long fullDeployMillis = timeOneFullDeploy(migrations) * 9 / 10;
        List<String> outcomes = new ArrayList<>();
        for (int trial = 1; trial <= trials; trial++) {
            String context = "trial " + trial + " of " + trials + ", seed " + seed;
            long delay = random.nextInt((int) Math.max(1, fullDeployMillis));
            outcomes.add(trial(migrations, names, delay, context));
        }
        System.out.println("ServerKillIT: outcomes\n  " + String.join("\n  ", outcomes));
    }

    /** Deploys, kills the server after {@code delayMillis}, restarts it, checks, deploys again and checks. */
    private String trial(MigrationDir migrations, List<String> names, long delayMillis, String context) throws Exception {
        String database = createDatabase();
        ExecutorService deployer = Executors.newSingleThreadExecutor();
        try {
            AtomicInteger committed = new AtomicInteger();
            Future<DeployResult> deploy = deployer.submit(() -> migrator(migrations, database)
                    .listener(new MigrationListener() {
                        @Override
                        public void afterMigration(AppliedMigration migration) {
                            committed.incrementAndGet();
                        }
                    }).deploy());
            Thread.sleep(delayMillis);
            boolean finished = deploy.isDone();
            kill();
            int reported = committed.get();
            Throwable outcome = outcome(deploy);
            start();

            Map<String, Integer> ledger = ledger(database);
            List<String> history = finishedHistory(database);
            assertThat(ledger.values()).as("%s: after the crash, a migration applied twice", context)
                    .allMatch(n -> n == 1);
            assertThat(history).as("%s: after the crash, history rows and applied migrations", context)
                    .containsExactlyElementsOf(ledger.keySet());
            assertThat(history).as("%s: after the crash, what survived is a prefix of the migrations", context)
                    .containsExactlyElementsOf(names.subList(0, history.size()));
            if (outcome == null) {
                assertThat(history).as("%s: a deploy that returned is durable", context).hasSize(MIGRATIONS);
            }
            int survived = history.size();

            DeployResult again = migrator(migrations, database).deploy();
            assertThat(again.alreadyApplied() + again.applied().size()).as(context).isEqualTo(MIGRATIONS);
            assertThat(ledger(database)).as("%s: after one more deploy, every migration applied once", context)
                    .hasSize(MIGRATIONS).allSatisfy((name, n) -> assertThat(n).isEqualTo(1));
            assertThat(finishedHistory(database)).as("%s: after one more deploy, the history", context)
                    .containsExactlyElementsOf(names);
            assertThat(tables(database)).as("%s: after one more deploy, the schema", context).isEqualTo(MIGRATIONS);
            return String.format(Locale.ROOT, "%s: killed after %d ms (%s), %d migrations committed, %d survived"
                            + " (%d lost with their history rows), %d applied again", context, delayMillis,
                    finished ? "deploy had returned" : "deploy " + describe(outcome), reported, survived,
                    Math.max(0, reported - survived), again.applied().size());
        } finally {
            deployer.shutdownNow();
            dropDatabase(database);
        }
    }

    private static Throwable outcome(Future<DeployResult> deploy) throws Exception {
        try {
            deploy.get(2, TimeUnit.MINUTES);
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).as("a deploy cut off by the server's death").isInstanceOf(MigrationException.class);
            return e.getCause();
        }
    }

    private static String describe(Throwable failure) {
        return failure == null ? "returned" : "failed with " + ((MigrationException) failure).code();
    }

    /** Migration i creates table t_i and writes its name to the ledger, which has no constraint to stop a repeat. */
    private static List<String> generate(MigrationDir migrations) throws IOException {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= MIGRATIONS; i++) {
            String name = String.format(Locale.ROOT, "20260101%02d%02d00_m%03d", i / 60, i % 60, i);
            String sql = (i == 1 ? "CREATE TABLE ledger (name text NOT NULL);\n" : "")
                    + "CREATE TABLE t_" + i + " (id bigserial PRIMARY KEY, note text);\n"
                    + "INSERT INTO t_" + i + " (note) SELECT 'row ' || g FROM generate_series(1, 20) g;\n"
                    + "INSERT INTO ledger (name) VALUES ('" + name + "');\n";
            migrations.add(name, sql);
            names.add(name);
        }
        return names;
    }

    private long timeOneFullDeploy(MigrationDir migrations) throws Exception {
        String database = createDatabase();
        try {
            long start = System.nanoTime();
            assertThat(migrator(migrations, database).deploy().applied()).hasSize(MIGRATIONS);
            return Duration.ofNanos(System.nanoTime() - start).toMillis();
        } finally {
            dropDatabase(database);
        }
    }

    private static Map<String, Integer> ledger(String database) throws SQLException {
        Map<String, Integer> counts = new TreeMap<>();
        try (Connection c = dataSource(database).getConnection(); Statement st = c.createStatement()) {
            if (!exists(st, "ledger")) {
                return counts;
            }
            try (ResultSet rs = st.executeQuery("SELECT name, count(*) FROM ledger GROUP BY name")) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return counts;
    }

    /** Names of finished, not rolled-back history rows, in name order; a name listed twice shows twice. */
    private static List<String> finishedHistory(String database) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = dataSource(database).getConnection(); Statement st = c.createStatement()) {
            if (!exists(st, "_migrations")) {
                return names;
            }
            try (ResultSet rs = st.executeQuery("SELECT migration_name FROM _migrations"
                    + " WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    private static int tables(String database) throws SQLException {
        try (Connection c = dataSource(database).getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_class WHERE relkind = 'r'"
                     + " AND relnamespace = 'public'::regnamespace AND relname ~ '^t_[0-9]+$'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static boolean exists(Statement st, String table) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT to_regclass('public." + table + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static Migrator migrator(MigrationDir migrations, String database) {
        return Migrator.configure(dataSource(database)).locations(migrations.location());
    }

    private static String createDatabase() throws SQLException {
        String name = "kill_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = dataSource("postgres").getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    private static void dropDatabase(String name) throws SQLException {
        try (Connection c = dataSource("postgres").getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static DataSource dataSource(String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"localhost"});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName(database);
        ds.setUser("postgres");
        return ds;
    }

    /**
     * Starts the server on the kept data directory; after a kill, PostgreSQL recovers from its WAL.
     * {@code synchronous_commit} is on, as on a production server (the embedded default is off).
     */
    private static void start() throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setServerConfig("synchronous_commit", "on");
        if (port != 0) {
            builder.setPort(port);
        }
        server = builder.start();
        port = server.getPort();
    }

    /**
     * SIGKILL for every process of the server: all are stopped first, so that none of them (the WAL
     * writer above all) writes anything after the moment of the crash, then all are killed.
     */
    private static void kill() throws Exception {
        String pid = Files.readAllLines(data.resolve("postmaster.pid"), StandardCharsets.US_ASCII).get(0).strip();
        ProcessHandle postmaster = ProcessHandle.of(Long.parseLong(pid)).orElseThrow();
        List<ProcessHandle> all = new ArrayList<>(postmaster.children().toList());
        all.add(postmaster);
        List<String> pids = all.stream().map(p -> String.valueOf(p.pid())).toList();
        signal("-STOP", pids);
        signal("-KILL", pids);
        for (ProcessHandle p : all) {
            p.onExit().get(30, TimeUnit.SECONDS);
        }
        try {
            // Releases the embedded server's lock on the data directory; its pg_ctl stop finds nothing to stop.
            server.close();
        } catch (IOException | RuntimeException expected) {
            // the server is gone already
        }
        server = null;
    }

    private static void signal(String signal, List<String> pids) throws Exception {
        List<String> command = new ArrayList<>(List.of("kill", signal));
        command.addAll(pids);
        Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
}
