package io.migrate.it;

import io.migrate.Migrator;
import io.migrate.api.DeployResult;
import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationState;
import io.migrate.api.MigrationStatus;
import io.migrate.api.ValidationException;
import io.migrate.testkit.Database;
import io.migrate.testkit.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A JVM deploying 200 migrations is killed with SIGKILL ({@code Process.destroyForcibly} on Linux)
 * at a moment chosen by watching its progress in the history table: once it holds a number of rows,
 * or once a non-transactional migration's row counts a number of statements done; then up to 3 ms
 * later, so that the kill lands anywhere in the statement running. Whatever moment the kill lands
 * on, the database then holds each migration either wholly (with its history row) or not at all,
 * except that one non-transactional migration may be partly applied and recorded as failed. A new
 * deploy then finishes the job: by itself after anything else, and after repair and
 * {@code resolveRolledBack}/{@code resolveApplied} after a failed non-transactional migration.
 *
 * <p>The schema is checked, not just the history: each migration creates a table, fills it, indexes
 * it and logs its own name in {@code markers}, so a half-applied migration shows as a table without
 * marker, a marker without table, an empty table or a missing index.
 *
 * <p>{@code -Dmigrate.it.crash.trials=N} sets the number of trials (default 2; the {@code torture}
 * profile runs 25), {@code -Dmigrate.it.crash.seed=S} replays the kill points of a run (the seed is
 * printed, and is in every failure message). A replay chooses the same progress points; where exactly
 * the kill lands within a migration still depends on the machine, and every landing must pass.
 */
class CrashIT {

    private static final int MIGRATIONS = 200;
    /** Migrations number i with i % 25 == 12 build their index CONCURRENTLY, so they run without a transaction. */
    private static final int NON_TRANSACTIONAL_EVERY = 25;
    private static final int ROWS = 100;
    /** Statements of each generated migration: create table, fill it, index it, log the marker. */
    private static final int STEPS = 4;
    private static final String TRIALS_PROPERTY = "migrate.it.crash.trials";
    private static final String SEED_PROPERTY = "migrate.it.crash.seed";
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    /** What Linux reports for a process ended by SIGKILL: 128 + 9. */
    private static final int KILLED = 137;
    /** A lock the tests hold to stop a migration in the middle; only the deterministic tests use it. */
    private static final long GATE = 4_242_001L;

    private final PostgresServer server = PostgresServer.shared();

    @TempDir
    Path dir;

    /** One generated migration: its name, the table it creates and whether it runs in a transaction. */
    record Generated(String name, String table, boolean transactional) {
    }

    @Test
    void aDeployKilledAtRandomMomentsNeverHalfAppliesAMigrationAndTheNextDeployCompletesIt() throws Exception {
        List<Generated> migrations = generate(new MigrationDir(dir));
        int trials = Integer.getInteger(TRIALS_PROPERTY, 2);
        long seed = Long.getLong(SEED_PROPERTY, System.nanoTime());
        System.out.printf("CrashIT: %d trials, seed %d (replay with -D%s=%d)%n", trials, seed, SEED_PROPERTY, seed);
        Random random = new Random(seed);
        List<String> outcomes = new ArrayList<>();
        for (int trial = 1; trial <= trials; trial++) {
            outcomes.add(trial(migrations, random, trial, "trial " + trial + " of " + trials + ", seed " + seed));
        }
        System.out.println("CrashIT: outcomes\n  " + String.join("\n  ", outcomes));
    }

    /**
     * The deterministic case of a non-transactional migration killed midway: the deploy stops with
     * FAILED_MIGRATION_PRESENT naming it, and after repair, resolveRolledBack lets the next deploy
     * apply it and everything after it.
     */
    @Test
    void aNonTransactionalMigrationKilledMidwayBlocksDeploysUntilRepairedAndResolvedAsRolledBack() throws Exception {
        MigrationDir migrations = gatedMigrations(false);
        try (Database clone = TestDatabase.another()) {
            String database = clone.name();
            killWhileGated(database, migrations);
            String name = "20260102000000_concurrently";

            assertThat(column(database, "SELECT applied_steps_count || ' ' || (finished_at IS NULL) || ' ' || (rolled_back_at IS NULL)"
                    + " FROM _migrations WHERE migration_name = '" + name + "'"))
                    .as("the history row of the killed migration: 1 statement recorded, not finished, not rolled back")
                    .containsExactly("1 true true");
            assertThat(column(database, "SELECT count(*) FROM pg_class WHERE relname = 'nt_label_idx'"))
                    .as("the statement after the one it was killed in never ran").containsExactly("0");
            Migrator migrator = Migrator.configure(server.dataSource(database)).locations(migrations.location());
            assertThat(migrator.status().migrations()).extracting(MigrationStatus::name, MigrationStatus::state)
                    .containsExactly(
                            tuple("20260101000000_init", MigrationState.APPLIED),
                            tuple(name, MigrationState.FAILED),
                            tuple("20260103000000_after", MigrationState.PENDING));

            ValidationException refused = catchThrowableOfType(ValidationException.class, migrator::deploy);
            assertThat(refused.code()).isEqualTo(ErrorCode.FAILED_MIGRATION_PRESENT);
            assertThat(refused.problems()).extracting(ValidationException.Problem::code, ValidationException.Problem::migration)
                    .containsExactly(tuple(ErrorCode.FAILED_MIGRATION_PRESENT, name));
            assertThat(refused.getMessage())
                    .startsWith("[FAILED_MIGRATION_PRESENT] Deploy stopped before applying anything")
                    .contains("FAILED_MIGRATION_PRESENT " + name + ": started ")
                    .contains("never finished after 1 statement")
                    .contains("Failed migration " + name + ": repair the database by hand")
                    .contains("resolveRolledBack(\"" + name + "\")");
            assertThat(column(database, "SELECT count(*) FROM pg_tables WHERE tablename = 'after_table'")).containsExactly("0");

            // Repair: undo what the failed attempt applied (its first statement made the table).
            execute(database, "DROP TABLE nt");
            migrator.resolveRolledBack(name);
            DeployResult result = migrator.deploy();

            assertThat(result.applied()).extracting(a -> a.name()).containsExactly(name, "20260103000000_after");
            assertThat(column(database, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'nt_label_idx'::regclass"))
                    .containsExactly("t");
            assertThat(column(database, "SELECT migration_name || ' ' || (finished_at IS NOT NULL) || ' ' || (rolled_back_at IS NOT NULL)"
                    + " FROM _migrations ORDER BY started_at, migration_name"))
                    .as("history: the failed attempt kept as rolled back, then the real run")
                    .containsExactly("20260101000000_init true false", name + " false true", name + " true false",
                            "20260103000000_after true false");
        }
    }

    /**
     * Killed while its last statement ran: the server finishes that statement, so the migration is
     * wholly applied but recorded as failed. resolveApplied records it without running it again.
     */
    @Test
    void aNonTransactionalMigrationKilledInItsLastStatementIsResolvedAsApplied() throws Exception {
        MigrationDir migrations = gatedMigrations(true);
        try (Database clone = TestDatabase.another()) {
            String database = clone.name();
            killWhileGated(database, migrations);
            String name = "20260102000000_concurrently";
            assertThat(column(database, "SELECT applied_steps_count || ' ' || (finished_at IS NULL) FROM _migrations"
                    + " WHERE migration_name = '" + name + "'")).containsExactly("2 true");
            assertThat(column(database, "SELECT count(*) FROM markers WHERE migration = '" + name + "'"))
                    .as("the statement the JVM was killed in was completed by the server").containsExactly("1");
            assertThat(column(database, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'nt_label_idx'::regclass"))
                    .containsExactly("t");
            Migrator migrator = Migrator.configure(server.dataSource(database)).locations(migrations.location());

            ValidationException refused = catchThrowableOfType(ValidationException.class, migrator::deploy);
            assertThat(refused.code()).isEqualTo(ErrorCode.FAILED_MIGRATION_PRESENT);
            assertThat(refused.getMessage()).contains("Failed migration " + name + ": repair the database by hand")
                    .contains("resolveApplied(\"" + name + "\") if you completed it by hand");

            migrator.resolveApplied(name);
            DeployResult result = migrator.deploy();

            assertThat(result.applied()).extracting(a -> a.name()).containsExactly("20260103000000_after");
            assertThat(column(database, "SELECT migration FROM markers ORDER BY id"))
                    .as("each migration ran once").containsExactly("20260101000000_init", name, "20260103000000_after");
        }
    }

    // ---- the random trials ---------------------------------------------------------------------

    private String trial(List<Generated> migrations, Random random, int trial, String context) throws Exception {
        // Every third trial aims at a non-transactional migration: it waits until the history row
        // of one says that 0 to 3 of its statements are done, so the failed state is reached often
        // and at each step. The others wait for a number of history rows anywhere from none to all
        // (-1: kill as soon as the deploy is released, maybe before it has even connected).
        boolean aimAtNonTransactional = trial % 3 == 2;
        List<Generated> nonTransactional = migrations.stream().filter(m -> !m.transactional()).toList();
        Generated aim = aimAtNonTransactional ? nonTransactional.get(random.nextInt(nonTransactional.size())) : null;
        int steps = aimAtNonTransactional ? random.nextInt(STEPS) : -1;
        int rows = aimAtNonTransactional ? -1 : random.nextInt(MIGRATIONS + 2) - 1;
        // Then a little more, so the kill lands anywhere in the statement that runs (a few ms).
        int delayMicros = random.nextInt(3_000);
        String point = (aim != null ? "when " + aim.name() + " has " + steps + " of " + STEPS + " statements done" : "at " + rows + " history rows")
                + " + " + delayMicros + " µs";
        context = context + ", kill " + point;

        try (Database clone = TestDatabase.another()) {
            String database = clone.name();
            // Commits need not wait for the disk: the server never crashes here, only the client does.
            execute(database, "ALTER DATABASE " + database + " SET synchronous_commit = off");
            int exit = deployAndKill(database, aim, steps, rows, delayMicros, context);
            awaitNoOtherSessions(database, context);
            State state = State.read(this, database, migrations);
            List<String> broken = state.inconsistencies();
            assertThat(broken).as("the database right after the kill (%s):%n%s", context, state).isEmpty();
            assertThat(state.history().values().stream().flatMap(List::stream).filter(State.Row::rolledBack))
                    .as("rolled-back rows: a killed deploy writes none (%s)", context).isEmpty();

            String failed = state.failed();
            List<String> expected = new ArrayList<>();
            migrations.stream().map(Generated::name).filter(n -> !state.applied(n)).forEach(expected::add);
            Migrator migrator = Migrator.configure(server.dataSource(database)).locations(new MigrationDir(dir).location());
            String outcome;
            if (failed != null) {
                ValidationException refused = catchThrowableOfType(ValidationException.class, migrator::deploy);
                assertThat(refused).as("a deploy after the kill (%s)", context).isNotNull();
                assertThat(refused.code()).as(context).isEqualTo(ErrorCode.FAILED_MIGRATION_PRESENT);
                assertThat(refused.problems()).as(context).extracting(ValidationException.Problem::migration).containsExactly(failed);
                assertThat(refused.getMessage()).as(context)
                        .contains("Failed migration " + failed + ": repair the database by hand")
                        .contains("resolveRolledBack(\"" + failed + "\")");
                if (state.done(failed) == STEPS) {
                    migrator.resolveApplied(failed);
                    expected.remove(failed);
                    outcome = "killed in " + failed + " after its last statement: resolved as applied";
                } else {
                    execute(database, "DROP TABLE IF EXISTS " + table(migrations, failed));
                    migrator.resolveRolledBack(failed);
                    outcome = "killed in " + failed + " after " + state.done(failed) + " of " + STEPS
                            + " statements: repaired, resolved as rolled back";
                }
            } else {
                outcome = exit == KILLED ? "killed with " + state.appliedCount() + " applied" : "finished before the kill";
            }
            DeployResult result = migrator.deploy();
            assertThat(result.applied()).as("what the deploy after the kill applied (%s)", context)
                    .extracting(a -> a.name()).containsExactlyElementsOf(expected);
            State after = State.read(this, database, migrations);
            assertThat(after.inconsistencies()).as("the database after the next deploy (%s):%n%s", context, after).isEmpty();
            assertThat(after.markers()).as("markers: each migration ran exactly once, in order (%s)", context)
                    .containsExactlyElementsOf(migrations.stream().map(Generated::name).toList());
            assertThat(after.appliedCount()).as(context).isEqualTo(MIGRATIONS);
            assertThat(after.failed()).as(context).isNull();
            return context + ": " + outcome;
        }
    }

    /**
     * Starts a deploying JVM, waits until it reaches the kill point (or ends), then kills it with
     * SIGKILL; returns its exit code: {@link #KILLED}, or 0 when it finished first.
     */
    private int deployAndKill(String database, Generated aim, int steps, int rows, int delayMicros, String context)
            throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try (ChildJvm child = startDeployer(database, new MigrationDir(dir).location(), true);
             Connection watch = server.connect(database)) {
            if (!child.awaitReady(TIMEOUT)) {
                fail("%s: the deployer did not get ready within %s%n%s", context, TIMEOUT, child.tail(40));
            }
            child.release();
            Integer exit = null;
            while (exit == null) {
                if (aim != null ? reached(watch, aim.name(), steps) : historyRows(watch) >= rows) {
                    long until = System.nanoTime() + delayMicros * 1000L;
                    for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
                        LockSupport.parkNanos(left);
                    }
                    break;
                }
                if (System.nanoTime() > deadline) {
                    fail("%s: the kill point was not reached within %s%n%s", context, TIMEOUT, child.tail(40));
                }
                exit = child.waitFor(Duration.ZERO);
                // A migration takes milliseconds; a busier poll would only take CPU from the deployer.
                Thread.sleep(1);
            }
            child.close();
            exit = child.waitFor(Duration.ZERO);
            assertThat(exit).as("exit code of the deployer, killed or done (%s)%n%s", context, child.tail(30))
                    .isIn(KILLED, 0);
            if (exit == 0) {
                assertThat(child.output()).as(context).contains(DeployMain.APPLIED + MIGRATIONS);
            }
            return exit;
        }
    }

    private ChildJvm startDeployer(String database, String location, boolean gated) throws Exception {
        Map<String, String> environment = new HashMap<>();
        environment.put(DeployMain.PASSWORD_ENV, server.password());
        List<String> arguments = new ArrayList<>(ChildJvm.QUICK_START);
        if (gated) {
            arguments.add("-D" + DeployMain.GATE_PROPERTY + "=stdin");
        }
        arguments.addAll(List.of("-cp", ChildJvm.testClassPath(), DeployMain.class.getName(),
                server.jdbcUrl(database), server.user(), location));
        return ChildJvm.start("deployer", arguments, environment);
    }

    private static int historyRows(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('public._migrations') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return -1;
            }
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM public._migrations")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Whether the migration's history row records {@code steps} statements done, or that it finished. */
    private static boolean reached(Connection c, String name, int steps) throws SQLException {
        if (historyRows(c) < 0) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM public._migrations WHERE migration_name = ?"
                + " AND (applied_steps_count >= ? OR finished_at IS NOT NULL)")) {
            ps.setString(1, name);
            ps.setInt(2, steps);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }

    // ---- the gated, deterministic kills ---------------------------------------------------------

    /**
     * An init migration, a non-transactional one whose second statement of four (or, when
     * {@code blockLast}, its last of three) waits for {@link #GATE}, and one after.
     */
    private MigrationDir gatedMigrations(boolean blockLast) {
        String name = "20260102000000_concurrently";
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_init", "CREATE TABLE markers (id bigserial PRIMARY KEY, migration text NOT NULL);\n"
                        + "INSERT INTO markers (migration) VALUES ('20260101000000_init');\n")
                .add("20260103000000_after", "CREATE TABLE after_table (id int);\n"
                        + "INSERT INTO markers (migration) VALUES ('20260103000000_after');\n");
        if (blockLast) {
            migrations.add(name, "-- migrate:no-transaction\n"
                    + "CREATE TABLE nt (id int, label text);\n"
                    + "CREATE INDEX CONCURRENTLY nt_label_idx ON nt (label);\n"
                    + "INSERT INTO markers (migration) SELECT '" + name + "' FROM (SELECT pg_advisory_xact_lock(" + GATE + ")) AS gate;\n");
        } else {
            migrations.add(name, "CREATE TABLE nt (id int, label text);\n"
                    + "SELECT pg_advisory_xact_lock(" + GATE + ");\n"
                    + "CREATE INDEX CONCURRENTLY nt_label_idx ON nt (label);\n"
                    + "INSERT INTO markers (migration) VALUES ('" + name + "');\n");
        }
        return migrations;
    }

    /**
     * Holds {@link #GATE}, deploys in a child JVM until it waits for the gate, kills the JVM, opens
     * the gate (so the orphaned server session finishes the statement it was given and ends), and
     * waits until that session is gone.
     */
    private void killWhileGated(String database, MigrationDir migrations) throws Exception {
        try (Connection gate = server.connect(database)) {
            try (Statement st = gate.createStatement()) {
                st.execute("SELECT pg_advisory_lock(" + GATE + ")");
            }
            try (ChildJvm child = startDeployer(database, migrations.location(), false)) {
                awaitValue(database, "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND wait_event_type = 'Lock' AND wait_event = 'advisory' AND pid <> pg_backend_pid()", child);
                child.close();
                assertThat(child.waitFor(Duration.ZERO)).as("the deployer was killed while it waited:%n%s", child.tail(30))
                        .isEqualTo(KILLED);
            }
            try (Statement st = gate.createStatement()) {
                st.execute("SELECT pg_advisory_unlock(" + GATE + ")");
            }
        }
        awaitNoOtherSessions(database, "after the kill");
    }

    /** Polls {@code sql} until it returns a row, and returns its first column. */
    private String awaitValue(String database, String sql, ChildJvm child) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> values = column(database, sql);
            if (!values.isEmpty()) {
                return values.get(0);
            }
            if (child.waitFor(Duration.ZERO) != null) {
                fail("the deployer ended before reaching the gate:%n%s", child.tail(40));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not reached within " + TIMEOUT + ": " + sql + "\n" + child.tail(40));
    }

    /**
     * Waits until no other client session is connected to the database: a killed JVM's server
     * session ends only when it notices, after the statement it was running.
     */
    private void awaitNoOtherSessions(String database, String context) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String sql = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND backend_type = 'client backend' AND pid <> pg_backend_pid()";
        while (!column(database, sql).equals(List.of("0"))) {
            if (System.nanoTime() > deadline) {
                fail("%s: the killed deployer's session was still there after %s", context, TIMEOUT);
            }
            Thread.sleep(10);
        }
    }

    // ---- what the database holds ----------------------------------------------------------------

    /** The history rows and the schema objects of every generated migration, read in one snapshot. */
    record State(List<Generated> migrations, Map<String, List<Row>> history, List<String> markers,
                 Map<String, Integer> tableRows, Map<String, Boolean> indexes) {

        record Row(boolean finished, boolean rolledBack, int steps) {
            boolean applied() {
                return finished && !rolledBack;
            }

            boolean failed() {
                return !finished && !rolledBack;
            }
        }

        static State read(CrashIT test, String database, List<Generated> migrations) throws SQLException {
            Map<String, List<Row>> history = new LinkedHashMap<>();
            List<String> markers = new ArrayList<>();
            Map<String, Integer> tableRows = new HashMap<>();
            Map<String, Boolean> indexes = new HashMap<>();
            try (Connection c = test.server.connect(database)) {
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                    if (exists(st, "_migrations")) {
                        try (ResultSet rs = st.executeQuery("SELECT migration_name, finished_at IS NOT NULL,"
                                + " rolled_back_at IS NOT NULL, applied_steps_count FROM _migrations ORDER BY started_at, migration_name")) {
                            while (rs.next()) {
                                history.computeIfAbsent(rs.getString(1), n -> new ArrayList<>())
                                        .add(new Row(rs.getBoolean(2), rs.getBoolean(3), rs.getInt(4)));
                            }
                        }
                    }
                    if (exists(st, "markers")) {
                        try (ResultSet rs = st.executeQuery("SELECT migration FROM markers ORDER BY id")) {
                            while (rs.next()) {
                                markers.add(rs.getString(1));
                            }
                        }
                    }
                    // Row counts of every t_ table in one round trip.
                    try (ResultSet rs = st.executeQuery("SELECT c.relname, (xpath('/row/n/text()', query_to_xml("
                            + "format('SELECT count(*) AS n FROM public.%I', c.relname), false, true, '')))[1]::text::int"
                            + " FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'"
                            + " AND c.relname LIKE 't\\_%'")) {
                        while (rs.next()) {
                            tableRows.put(rs.getString(1), rs.getInt(2));
                        }
                    }
                    try (ResultSet rs = st.executeQuery("SELECT t.relname, i.indisvalid FROM pg_index i"
                            + " JOIN pg_class x ON x.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid"
                            + " WHERE x.relname LIKE 't\\_%\\_label_idx'")) {
                        while (rs.next()) {
                            indexes.put(rs.getString(1), rs.getBoolean(2));
                        }
                    }
                }
                c.commit();
            }
            return new State(migrations, history, markers, tableRows, indexes);
        }

        private static boolean exists(Statement st, String table) throws SQLException {
            try (ResultSet rs = st.executeQuery("SELECT to_regclass('public." + table + "') IS NOT NULL")) {
                rs.next();
                return rs.getBoolean(1);
            }
        }

        boolean applied(String name) {
            return history.getOrDefault(name, List.of()).stream().anyMatch(Row::applied);
        }

        int appliedCount() {
            return (int) migrations.stream().filter(m -> applied(m.name())).count();
        }

        /** The migration recorded as failed, or null. */
        String failed() {
            return history.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(Row::failed))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
        }

        /**
         * How many of the migration's statements took effect, judged from the schema alone: its
         * table exists, holds its rows, has its index, and its marker is logged. -1 when what exists
         * is not such a prefix (say a marker without the index), which no crash may leave.
         */
        int done(String name) {
            Generated m = migrations.stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
            boolean[] effects = {tableRows.containsKey(m.table()), tableRows.getOrDefault(m.table(), 0) == ROWS,
                    indexes.containsKey(m.table()), markers.contains(name)};
            int done = 0;
            while (done < STEPS && effects[done]) {
                done++;
            }
            for (int i = done; i < STEPS; i++) {
                if (effects[i]) {
                    return -1;
                }
            }
            return done;
        }

        /** Every way in which the database breaks the all-or-nothing rule; empty when it holds. */
        List<String> inconsistencies() {
            List<String> broken = new ArrayList<>();
            Map<String, Integer> markerCounts = new HashMap<>();
            markers.forEach(n -> markerCounts.merge(n, 1, Integer::sum));
            markerCounts.forEach((n, count) -> {
                if (count > 1) {
                    broken.add(n + ": ran " + count + " times (markers)");
                }
            });
            boolean gap = false;
            int failedCount = 0;
            for (Generated m : migrations) {
                List<Row> rows = history.getOrDefault(m.name(), List.of());
                long applied = rows.stream().filter(Row::applied).count();
                long failed = rows.stream().filter(Row::failed).count();
                long rolledBack = rows.stream().filter(r -> r.rolledBack).count();
                int done = done(m.name());
                String what = m.name() + (m.transactional() ? "" : " (non-transactional)") + ": history " + rows
                        + ", statements in effect " + done + " of " + STEPS;
                if (done < 0) {
                    broken.add(what + ": its effects are not a prefix of its statements");
                    continue;
                }
                if (applied > 1 || failed > 1 || applied + failed > 1) {
                    broken.add(what + ": more than one live history row");
                }
                if (applied == 1) {
                    if (done != STEPS || !indexes.getOrDefault(m.table(), false)) {
                        broken.add(what + ": recorded as applied but not wholly in the schema (or its index is invalid)");
                    }
                    if (gap) {
                        broken.add(what + ": applied after a migration that is not");
                    }
                } else if (failed == 1) {
                    failedCount++;
                    int steps = rows.stream().filter(Row::failed).findFirst().orElseThrow().steps();
                    if (m.transactional()) {
                        broken.add(what + ": a transactional migration recorded as failed");
                    } else if (done < steps || done > steps + 1) {
                        broken.add(what + ": the recorded statement count " + steps + " is not what took effect");
                    }
                    if (gap) {
                        broken.add(what + ": failed after a migration that is not applied");
                    }
                    gap = true;
                } else {
                    if (done != 0) {
                        broken.add(what + ": not recorded, yet partly or wholly in the schema");
                    }
                    gap = true;
                }
                if (rolledBack > 0 && failed + applied == 0) {
                    broken.add(what + ": only rolled-back rows");
                }
            }
            if (failedCount > 1) {
                broken.add(failedCount + " migrations recorded as failed; a deploy stops at the first");
            }
            return broken;
        }

        /** The migrations that are neither wholly applied nor untouched, and a count of the others. */
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            int whole = 0;
            int untouched = 0;
            for (Generated m : migrations) {
                List<Row> rows = history.getOrDefault(m.name(), List.of());
                int done = done(m.name());
                if (rows.size() == 1 && rows.get(0).applied() && done == STEPS) {
                    whole++;
                } else if (rows.isEmpty() && done == 0) {
                    untouched++;
                } else {
                    text.append("  ").append(m.name()).append(": history ").append(rows).append(", statements in effect ")
                            .append(done).append('\n');
                }
            }
            return text.append("  ").append(whole).append(" wholly applied, ").append(untouched).append(" untouched, ")
                    .append(markers.size()).append(" markers").toString();
        }
    }

    // ---- generated migrations -------------------------------------------------------------------

    /**
     * Writes {@value #MIGRATIONS} migrations. Each creates table t_NNN, fills it with
     * {@value #ROWS} rows, indexes it, and logs its name in markers (which the first one creates);
     * every {@value #NON_TRANSACTIONAL_EVERY}th builds its index CONCURRENTLY and so runs without a
     * transaction.
     */
    static List<Generated> generate(MigrationDir dir) {
        DateTimeFormatter timestamp = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");
        LocalDateTime start = LocalDateTime.of(2026, 1, 1, 0, 0);
        List<Generated> migrations = new ArrayList<>();
        for (int i = 0; i < MIGRATIONS; i++) {
            boolean transactional = i % NON_TRANSACTIONAL_EVERY != NON_TRANSACTIONAL_EVERY / 2;
            String table = String.format("t_%03d", i);
            String name = start.plusMinutes(i).format(timestamp) + "_" + table + (transactional ? "" : "_concurrently");
            StringBuilder sql = new StringBuilder();
            if (i == 0) {
                sql.append("CREATE TABLE markers (id bigserial PRIMARY KEY, migration text NOT NULL,"
                        + " backend_pid integer NOT NULL DEFAULT pg_backend_pid());\n");
            }
            sql.append("CREATE TABLE ").append(table).append(" (id bigserial PRIMARY KEY, n integer NOT NULL, label text);\n")
                    .append("INSERT INTO ").append(table).append(" (n, label) SELECT g, md5(g::text) FROM generate_series(1, ")
                    .append(ROWS).append(") AS g;\n")
                    .append("CREATE INDEX ").append(transactional ? "" : "CONCURRENTLY ").append(table).append("_label_idx ON ")
                    .append(table).append(" (label);\n")
                    .append("INSERT INTO markers (migration) VALUES ('").append(name).append("');\n");
            dir.add(name, sql.toString());
            migrations.add(new Generated(name, table, transactional));
        }
        return List.copyOf(migrations);
    }

    private static String table(List<Generated> migrations, String name) {
        return migrations.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow().table();
    }

    private List<String> column(String database, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = server.connect(database); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private void execute(String database, String sql) throws SQLException {
        try (Connection c = server.connect(database); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
