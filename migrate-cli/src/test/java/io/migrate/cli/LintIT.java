package io.migrate.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code migrate lint}: findings on standard output, exit 4 on an error so CI can gate on it; the database only read. */
class LintIT extends CommandFixture {

    private static final String REWRITE = "  error table-rewrite 20260102000000_widen:2 rewrites events%s under ACCESS "
            + "EXCLUSIVE: reads and writes blocked for the duration\n"
            + "        ALTER TABLE events ALTER COLUMN n TYPE bigint\n"
            + "        Instead: Expand/contract: ALTER TABLE events ADD COLUMN <new> <new type>; write both from the "
            + "application; backfill <new> in batches; switch reads; drop the old column in a later migration\n";

    @BeforeEach
    void setUp() {
        cli.migration("20260101000000_create_events", "CREATE TABLE events (id bigint PRIMARY KEY, n int);\n");
        assertThat(cli.run("deploy").exitCode()).isZero();
    }

    @Test
    void pendingMigrationThatRewritesATableIsAnErrorAndExits4() {
        Cli.Result clean = cli.run("lint");
        assertThat(clean.exitCode()).as(clean.toString()).isZero();
        assertThat(clean.stdout()).isEqualTo("Lint: 0 migrations, nothing found\n");

        cli.migration("20260102000000_widen", "SET lock_timeout = '5s';\nALTER TABLE events ALTER COLUMN n TYPE bigint;\n");
        Cli.Result result = cli.run("lint");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
        assertThat(result.stdout()).isEqualTo("Lint: 1 migration, 1 error, 0 other findings\n" + REWRITE.formatted(" (0 bytes)"));
        assertThat(Cli.column(db, "SELECT data_type FROM information_schema.columns WHERE table_name = 'events' "
                + "AND column_name = 'n'")).containsExactly("integer");
        assertThat(Cli.applied(db, "_migrations")).containsExactly("20260101000000_create_events");

        Cli.Result refused = cli.env("MIGRATE_LINT_ON_DEPLOY", "true").run("deploy");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.stderr()).startsWith("[LINT_FAILED] ");
        assertThat(Cli.applied(db, "_migrations")).containsExactly("20260101000000_create_events");

        Cli.Result json = cli.run("lint", "--json");
        assertThat(json.exitCode()).isEqualTo(4);
        assertThat(json.stdout()).isEqualTo("{\"errors\":true,\"sized\":true,\"migrations\":[\"20260102000000_widen\"],"
                + "\"findings\":[{\"rule\":\"table-rewrite\",\"severity\":\"ERROR\",\"message\":\"rewrites events (0 bytes) "
                + "under ACCESS EXCLUSIVE: reads and writes blocked for the duration\",\"migration\":\"20260102000000_widen\","
                + "\"source\":\"" + dir.resolve("db/20260102000000_widen/migration.sql").toAbsolutePath() + "\",\"line\":2,"
                + "\"statement\":\"ALTER TABLE events ALTER COLUMN n TYPE bigint\",\"object\":\"events\",\"alternative\":"
                + "\"Expand/contract: ALTER TABLE events ADD COLUMN <new> <new type>; write both from the application; "
                + "backfill <new> in batches; switch reads; drop the old column in a later migration\"}]}\n");
    }

    @Test
    void planShowsAndCarriesTheLintFindings() {
        cli.migration("20260102000000_widen", "SET lock_timeout = '5s';\nALTER TABLE events ALTER COLUMN n TYPE bigint;\n");

        Cli.Result text = cli.run("plan");
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.stdout()).isEqualTo("Would apply 1 migration (1 already applied):\n"
                + "  20260102000000_widen  2 statements, in a transaction\n"
                + "Lint: 1 migration, 1 error, 0 other findings\n" + REWRITE.formatted(" (0 bytes)"));

        Cli.Result json = cli.run("plan", "--json");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        assertThat(json.stdout()).startsWith("{\"alreadyApplied\":1,\"pending\":[{\"name\":\"20260102000000_widen\",")
                .endsWith("\"lint\":" + cli.run("lint", "--json").stdout().strip() + "}\n")
                .contains("\"lint\":{\"errors\":true,\"sized\":true,\"migrations\":[\"20260102000000_widen\"],"
                        + "\"findings\":[{\"rule\":\"table-rewrite\",\"severity\":\"ERROR\",");
        assertThat(Cli.applied(db, "_migrations")).containsExactly("20260101000000_create_events");
    }

    @Test
    void sinceAndLatestChooseAppliedMigrationsToo() {
        cli.migration("20260102000000_widen", "SET lock_timeout = '5s';\nALTER TABLE events ALTER COLUMN n TYPE bigint;\n");
        assertThat(cli.run("deploy").exitCode()).isZero();

        Cli.Result since = cli.run("lint", "--since", "20260101000000_create_events");
        assertThat(since.exitCode()).as(since.toString()).isEqualTo(4);
        assertThat(since.stdout()).startsWith("Lint: 1 migration, 1 error, 0 other findings\n  error table-rewrite "
                + "20260102000000_widen:2 rewrites events");

        Cli.Result latest = cli.run("lint", "--latest", "1");
        assertThat(latest.exitCode()).as(latest.toString()).isEqualTo(4);
        assertThat(latest.stdout()).startsWith("Lint: 1 migration, 1 error, 0 other findings\n");

        Cli.Result none = cli.run("lint", "--since", "20260102000000_widen");
        assertThat(none.exitCode()).as(none.toString()).isZero();
        assertThat(none.stdout()).isEqualTo("Lint: 0 migrations, nothing found\n");

        Cli.Result zero = cli.run("lint", "--latest", "0");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.stderr()).isEqualTo("[INVALID_CONFIGURATION] lintLatest = '0': must be 1 or more\n"
                + "  (set by the flag --latest)\n");

        Cli.Result both = cli.run("lint", "--since", "x", "--latest", "1");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.stderr()).startsWith("Error: --since=NAME, --latest=N are mutually exclusive");

        Cli.Result help = cli.run("lint", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).startsWith("Usage: migrate lint").contains("\nExamples:\n  migrate lint\n");
    }
}
