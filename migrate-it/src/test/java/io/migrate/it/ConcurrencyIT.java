package io.migrate.it;

import io.migrate.testkit.Database;
import io.migrate.testkit.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Eight JVMs deploying the same 200 migrations into one empty database at once: all succeed, and
 * each migration is applied exactly once, as the history table and the schema itself both show.
 */
class ConcurrencyIT {

    private static final int PROCESSES = 8;
    private static final int MIGRATIONS = 200;
    /** Every this many migrations, one builds an index CONCURRENTLY and so runs without a transaction. */
    private static final int NON_TRANSACTIONAL_EVERY = 40;
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    /** -Dmigrate.it.concurrency.rounds=N repeats the whole run on N fresh databases (default: 1). */
    private static final String ROUNDS_PROPERTY = "migrate.it.concurrency.rounds";

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    @Test
    void eightJvmsDeployingTheSameMigrationsAtOnceAllSucceedAndApplyEachExactlyOnce() throws Exception {
        Generated migrations = generate(new MigrationDir(dir), MIGRATIONS);
        int rounds = Integer.getInteger(ROUNDS_PROPERTY, 1);
        deployConcurrently(db.name(), migrations, "round 1 of " + rounds);
        for (int round = 2; round <= rounds; round++) {
            try (Database database = TestDatabase.another()) {
                deployConcurrently(database.name(), migrations, "round " + round + " of " + rounds);
            }
        }
    }

    private void deployConcurrently(String database, Generated migrations, String round) throws Exception {
        PostgresServer server = db.server();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        List<ChildJvm> children = new ArrayList<>();
        try {
            Map<String, String> environment = new HashMap<>();
            environment.put(DeployMain.PASSWORD_ENV, server.password());
            List<String> arguments = new ArrayList<>(ChildJvm.QUICK_START);
            arguments.addAll(List.of("-D" + DeployMain.GATE_PROPERTY + "=stdin", "-cp", ChildJvm.testClassPath(),
                    DeployMain.class.getName(), server.jdbcUrl(database), server.user(), migrations.location()));
            for (int i = 1; i <= PROCESSES; i++) {
                children.add(ChildJvm.start("deployer " + i, arguments, environment));
            }
            // Let every JVM load the library and driver first, then release them together.
            for (ChildJvm child : children) {
                if (!child.awaitReady(left(deadline))) {
                    fail("%s: %s did not get ready within %s%n%s", round, child.label(), TIMEOUT, report(children, null));
                }
            }
            children.forEach(ChildJvm::release);

            List<Integer> exits = new ArrayList<>();
            for (ChildJvm child : children) {
                Integer exit = child.waitFor(left(deadline));
                if (exit == null) {
                    fail("%s: %s did not finish within %s%n%s", round, child.label(), TIMEOUT, report(children, null));
                }
                exits.add(exit);
            }
            String report = report(children, exits);
            assertThat(exits).as("%s: exit codes%n%s", round, report).containsOnly(0);

            List<Integer> applied = children.stream().map(ConcurrencyIT::applied).toList();
            assertThat(applied.stream().mapToInt(Integer::intValue).sum())
                    .as("%s: migrations applied, summed over the processes%n%s", round, report).isEqualTo(MIGRATIONS);
            // One deploy holds the lock for its whole run: whoever takes it first applies everything.
            assertThat(applied).as("%s: migrations applied per process%n%s", round, report)
                    .containsOnly(0, MIGRATIONS).containsOnlyOnce(MIGRATIONS);

            checkDatabase(database, migrations, round + "\n" + report);
        } finally {
            for (ChildJvm child : children) {
                child.close();
            }
        }
    }

    private void checkDatabase(String database, Generated migrations, String context) throws SQLException {
        assertThat(column(database, "SELECT migration_name FROM _migrations ORDER BY migration_name"))
                .as("history rows, one per migration (%s)", context)
                .containsExactlyElementsOf(migrations.names());
        assertThat(column(database, "SELECT migration_name FROM _migrations WHERE finished_at IS NULL"
                + " OR rolled_back_at IS NOT NULL OR applied_steps_count < 2"))
                .as("history rows that are not cleanly applied (%s)", context).isEmpty();

        // Every migration logs itself in the schema, so a second run of any migration would show here.
        assertThat(column(database, "SELECT migration FROM deploy_log ORDER BY id"))
                .as("deploy_log, in the order the migrations ran (%s)", context)
                .containsExactlyElementsOf(migrations.names());
        assertThat(column(database, "SELECT count(DISTINCT backend_pid) FROM deploy_log"))
                .as("sessions that applied migrations (%s)", context).containsExactly("1");

        assertThat(column(database, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 't\\_%'"))
                .containsExactly(String.valueOf(migrations.tables()));
        assertThat(column(database, "SELECT count(*) FROM pg_proc WHERE proname LIKE 'count\\_%'"))
                .containsExactly(String.valueOf(migrations.functions()));
        assertThat(column(database, "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                + " WHERE c.relname LIKE 'cidx\\_%' AND i.indisvalid"))
                .as("valid concurrently built indexes").containsExactly(String.valueOf(migrations.concurrentIndexes()));
        assertThat(column(database, "SELECT count(*) FROM pg_constraint WHERE contype = 'f'"))
                .as("foreign keys").containsExactly(String.valueOf(migrations.tables() - 1));
    }

    private List<String> column(String database, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = db.server().connect(database); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    private static int applied(ChildJvm child) {
        return child.output().lines()
                .filter(l -> l.startsWith(DeployMain.APPLIED))
                .map(l -> Integer.parseInt(l.substring(DeployMain.APPLIED.length()).strip()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(child.label() + " printed no '" + DeployMain.APPLIED + "' line:\n" + child.tail(40)));
    }

    private static String report(List<ChildJvm> children, List<Integer> exits) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < children.size(); i++) {
            ChildJvm child = children.get(i);
            String appliedLine = child.output().lines().filter(l -> l.startsWith(DeployMain.APPLIED)).findFirst().orElse("no result");
            text.append(child.label()).append(": exit ").append(exits == null || i >= exits.size() ? "-" : exits.get(i))
                    .append(", ").append(appliedLine).append('\n').append(child.tail(25)).append('\n');
        }
        return text.toString();
    }

    /** What {@link #generate} wrote, with counts of what the schema must hold afterwards. */
    record Generated(String location, List<String> names, int tables, int functions, int concurrentIndexes) {
    }

    /**
     * Writes {@code count} migrations of the kinds a real project accumulates: tables with foreign
     * keys to earlier ones and indexes, columns and constraints added later, data, plpgsql with
     * dollar-quoted bodies, views and comments, DO blocks, and now and then an index built
     * CONCURRENTLY (which makes its migration run without a transaction). Each one also logs its
     * own name into deploy_log, which the first one creates.
     */
    static Generated generate(MigrationDir dir, int count) {
        DateTimeFormatter timestamp = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");
        LocalDateTime start = LocalDateTime.of(2026, 1, 1, 0, 0);
        List<String> names = new ArrayList<>();
        String table = null;
        int tables = 0;
        int functions = 0;
        int concurrentIndexes = 0;
        for (int i = 0; i < count; i++) {
            String stamp = start.plusMinutes(7L * i).format(timestamp);
            StringBuilder sql = new StringBuilder();
            String kind;
            if (i == 0) {
                kind = "init";
                sql.append("-- The log every migration writes to: a second run of any migration shows as a second row.\n")
                        .append("CREATE TABLE deploy_log (\n")
                        .append("  id          bigserial   PRIMARY KEY,\n")
                        .append("  migration   text        NOT NULL,\n")
                        .append("  backend_pid integer     NOT NULL DEFAULT pg_backend_pid(),\n")
                        .append("  logged_at   timestamptz NOT NULL DEFAULT clock_timestamp()\n")
                        .append(");\n\n");
                table = "t_000";
                tables++;
                sql.append("CREATE TABLE ").append(table).append(" (\n")
                        .append("  id         bigserial   PRIMARY KEY,\n")
                        .append("  name       text        NOT NULL,\n")
                        .append("  created_at timestamptz NOT NULL DEFAULT now()\n")
                        .append(");\n");
            } else if (i % NON_TRANSACTIONAL_EVERY == NON_TRANSACTIONAL_EVERY - 1) {
                kind = "index_concurrently";
                concurrentIndexes++;
                sql.append("-- Built without blocking writes, so this migration cannot run in a transaction.\n")
                        .append("CREATE INDEX CONCURRENTLY cidx_").append(String.format("%03d", i)).append(" ON ")
                        .append(table).append(" (name, created_at);\n");
            } else {
                switch (i % 6) {
                    case 0 -> {
                        kind = "create_table";
                        String parent = table;
                        table = String.format("t_%03d", i);
                        tables++;
                        sql.append("CREATE TABLE ").append(table).append(" (\n")
                                .append("  id         bigserial   PRIMARY KEY,\n")
                                .append("  parent_id  bigint      REFERENCES ").append(parent).append(" (id) ON DELETE CASCADE,\n")
                                .append("  name       text        NOT NULL,\n")
                                .append("  created_at timestamptz NOT NULL DEFAULT now()\n")
                                .append(");\n")
                                .append("CREATE INDEX ").append(table).append("_parent_idx ON ").append(table).append(" (parent_id);\n");
                    }
                    case 1 -> {
                        kind = "alter_" + table;
                        sql.append("ALTER TABLE ").append(table).append(" ADD COLUMN note_").append(i)
                                .append(" varchar(200) NOT NULL DEFAULT '';\n")
                                .append("ALTER TABLE ").append(table).append(" ADD CONSTRAINT ").append(table).append("_note_").append(i)
                                .append("_check CHECK (note_").append(i).append(" <> 'forbidden;value');\n");
                    }
                    case 2 -> {
                        kind = "seed_" + table;
                        sql.append("INSERT INTO ").append(table).append(" (name) VALUES ('semi;colon'), ('it''s quoted'), ($$dollar ' quoted$$);\n")
                                .append("INSERT INTO ").append(table).append(" (name)\n")
                                .append("SELECT 'row ' || g FROM generate_series(1, 25) AS g;\n");
                    }
                    case 3 -> {
                        kind = "function";
                        functions++;
                        sql.append("CREATE OR REPLACE FUNCTION count_").append(i).append("(min_id bigint) RETURNS bigint\n")
                                .append("LANGUAGE plpgsql AS $body$\n")
                                .append("DECLARE\n")
                                .append("  n bigint; -- a semicolon; and a 'quote' in a comment\n")
                                .append("BEGIN\n")
                                .append("  SELECT count(*) INTO n FROM ").append(table).append(" WHERE id >= min_id;\n")
                                .append("  IF n = 0 THEN\n")
                                .append("    RAISE NOTICE 'nothing in %; returning 0', '").append(table).append("';\n")
                                .append("  END IF;\n")
                                .append("  RETURN n;\n")
                                .append("END;\n")
                                .append("$body$;\n");
                    }
                    case 4 -> {
                        kind = "view";
                        sql.append("CREATE VIEW v_").append(i).append(" AS\n")
                                .append("  SELECT id, upper(name) AS name FROM ").append(table).append(" WHERE name <> ';';\n")
                                .append("COMMENT ON TABLE ").append(table).append(" IS 'Rows; owned by migration ").append(i).append("';\n");
                    }
                    default -> {
                        kind = "backfill";
                        sql.append("DO $$\n")
                                .append("BEGIN\n")
                                .append("  UPDATE ").append(table).append(" SET name = name || '!' WHERE name LIKE 'row %';\n")
                                .append("END\n")
                                .append("$$;\n");
                    }
                }
            }
            String name = stamp + "_" + kind;
            sql.append("\nINSERT INTO deploy_log (migration) VALUES ('").append(name).append("');\n");
            dir.add(name, sql.toString());
            names.add(name);
        }
        return new Generated(dir.location(), List.copyOf(names), tables, functions, concurrentIndexes);
    }
}
