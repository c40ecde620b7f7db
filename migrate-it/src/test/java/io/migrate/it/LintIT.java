package io.migrate.it;

import io.migrate.Migrator;
import io.migrate.api.DeployPlan;
import io.migrate.api.ErrorCode;
import io.migrate.api.LintFinding;
import io.migrate.api.LintReport;
import io.migrate.api.MigrationException;
import io.migrate.postgres.PostgresDialect;
import io.migrate.testkit.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Lint through the public API: sizes from the target, plan, lintOnDeploy, lintSince/lintLatest, unsupported dialects. */
class LintIT {

    private static final String USERS = "20260101000000_events";
    private static final String WIDEN = "20260102000000_widen";
    private static final String ALTER = "ALTER TABLE events ALTER COLUMN n TYPE bigint;\n";

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    /**
     * A given shadow database, emptied by each lint: temporary shadows are the diff's machinery, tested
     * with it, and a given one keeps these tests apart from other processes' shadows on a shared server.
     */
    private Database shadow;

    @AfterEach
    void dropShadow() {
        if (shadow != null) {
            shadow.close();
        }
    }

    private Migrator configure(MigrationDir migrations) {
        shadow = shadow != null ? shadow : TestDatabase.another();
        return Migrator.configure(db.dataSource()).locations(migrations.location()).shadowDatabase(shadow.dataSource());
    }

    private MigrationDir deployedEvents(int rows) throws Exception {
        MigrationDir migrations = new MigrationDir(dir).add(USERS, "CREATE TABLE events (id bigint PRIMARY KEY, n int);\n");
        Migrator.configure(db.dataSource()).locations(migrations.location()).deploy();
        db.execute("INSERT INTO events SELECT i, i FROM generate_series(1, " + rows + ") i");
        db.execute("ANALYZE events");
        return migrations;
    }

    @Test
    void aRewriteIsWeightedWithTheTargetsSizeAndTheTargetIsNotChanged() throws Exception {
        MigrationDir migrations = deployedEvents(50_000).add(WIDEN, "SET lock_timeout = '5s';\n\n" + ALTER);
        long bytes = Long.parseLong(db.column("SELECT pg_relation_size('events')").get(0));

        LintReport report = configure(migrations).lint();

        assertThat(report.migrations()).containsExactly(WIDEN);
        assertThat(report.sized()).isTrue();
        assertThat(report.findings()).hasSize(1);
        LintFinding f = report.findings().get(0);
        assertThat(f.rule()).isEqualTo("table-rewrite");
        assertThat(f.severity()).isEqualTo(LintFinding.Severity.ERROR);
        assertThat(f.message()).isEqualTo("rewrites events (50 k rows, " + Math.round(bytes / 1024.0 / 1024.0)
                + " MB) under ACCESS EXCLUSIVE: reads and writes blocked for the duration");
        assertThat(f.object()).isEqualTo("events");
        assertThat(f.line()).isEqualTo(3);
        assertThat(f.statement()).isEqualTo("ALTER TABLE events ALTER COLUMN n TYPE bigint");
        assertThat(f.source()).endsWith(WIDEN + "/migration.sql");
        assertThat(f.alternative()).isEqualTo("Expand/contract: ALTER TABLE events ADD COLUMN <new> <new type>; write both"
                + " from the application; backfill <new> in batches; switch reads; drop the old column in a later migration");
        assertThat(report.hasErrors()).isTrue();
        assertThat(report.toString()).startsWith("Lint: 1 migration, 1 error, 0 other findings\n  error table-rewrite "
                + WIDEN + ":3 rewrites events (50 k rows, ");
        assertThat(db.column("SELECT data_type FROM information_schema.columns WHERE table_name = 'events' AND column_name = 'n'"))
                .containsExactly("integer");
        assertThat(db.column("SELECT count(*) FROM _migrations")).containsExactly("1");
    }

    @Test
    void lintOnDeployRefusesErrorsAndALintIgnoreCommentLetsTheStatementThrough() throws Exception {
        MigrationDir migrations = deployedEvents(10).add(WIDEN, ALTER);
        Migrator migrator = configure(migrations).lintOnDeploy(true);

        assertThatThrownBy(migrator::deploy).isInstanceOf(MigrationException.class)
                .hasMessage("[LINT_FAILED] Deploy refused: lint found 1 error in the pending migrations:\n"
                        + "  table-rewrite " + WIDEN + ":1 rewrites events (10 rows, 8 kB) under ACCESS EXCLUSIVE: reads and"
                        + " writes blocked for the duration\n"
                        + "    Instead: Expand/contract: ALTER TABLE events ADD COLUMN <new> <new type>; write both from the"
                        + " application; backfill <new> in batches; switch reads; drop the old column in a later migration\n"
                        + "Change the migrations as suggested, or silence a finding you accept with"
                        + " '-- migrate:lint-ignore <rule> <reason>' above its statement; lintOnDeploy(false) turns the check off");
        assertThat(db.column("SELECT count(*) FROM _migrations")).containsExactly("1");

        migrations.add(WIDEN, "-- migrate:lint-ignore table-rewrite the table stays small\n" + ALTER);
        LintReport report = migrator.lint();
        assertThat(report.findings()).extracting(LintFinding::rule).containsExactly("lock-timeout-missing");
        assertThat(report.findings().get(0).message()).isEqualTo("takes ACCESS EXCLUSIVE on events (10 rows, 8 kB) without"
                + " a lock_timeout: while it waits behind a running query, every query on events waits behind it");
        assertThat(report.findings().get(0).severity()).isEqualTo(LintFinding.Severity.WARNING);
        assertThat(migrator.deploy().applied()).hasSize(1);
        assertThat(db.column("SELECT data_type FROM information_schema.columns WHERE table_name = 'events' AND column_name = 'n'"))
                .containsExactly("bigint");
    }

    @Test
    void planCarriesTheLintReport() throws Exception {
        MigrationDir migrations = deployedEvents(10);
        Migrator migrator = configure(migrations);
        assertThat(migrator.plan().lint()).isSameAs(LintReport.NONE);

        migrations.add(WIDEN, "CREATE INDEX events_n_idx ON events (n);\n");
        DeployPlan plan = migrator.plan();

        assertThat(plan.lint().findings()).extracting(f -> f.rule() + " " + f.object())
                .containsExactly("index-not-concurrent events", "lock-timeout-missing events");
        assertThat(plan.toString()).isEqualTo("Would apply 1 migration (1 already applied):\n"
                + "  " + WIDEN + "  1 statement, in a transaction\n"
                + "Lint: 1 migration, 1 error, 1 other findings\n"
                + "  error index-not-concurrent " + WIDEN + ":1 builds index events_n_idx on events (10 rows, 8 kB) under"
                + " SHARE: writes blocked while it builds\n"
                + "        CREATE INDEX events_n_idx ON events (n)\n"
                + "        Instead: CREATE INDEX CONCURRENTLY IF NOT EXISTS events_n_idx ON events (...), alone in a migration"
                + " with '-- migrate:no-transaction' at the top\n"
                + "  warning lock-timeout-missing " + WIDEN + ":1 takes SHARE on events (10 rows, 8 kB) without a lock_timeout:"
                + " while it waits behind a running query, every query on events waits behind it\n"
                + "        CREATE INDEX events_n_idx ON events (n)\n"
                + "        Instead: SET lock_timeout = '5s'; as the migration's first statement (or '-- migrate:lock-timeout"
                + " 5s' at the top, or lockWaitTimeout(...)), with lockRetries to try again");
        assertThat(db.column("SELECT count(*) FROM pg_indexes WHERE indexname = 'events_n_idx'")).containsExactly("0");
    }

    @Test
    void lintSinceAndLintLatestCheckTheNewestMigrationsOnWhatTheEarlierOnesCreate() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_t", "CREATE TABLE t (id bigint PRIMARY KEY, v text);\n")
                .add("20260102000000_index", "CREATE INDEX t_v_idx ON t (v);\n")
                .add("20260103000000_rename", "ALTER TABLE t RENAME COLUMN v TO w;\n");
        Migrator migrator = configure(migrations).lockWaitTimeout(java.time.Duration.ofSeconds(5));

        assertThat(migrator.lint().findings()).extracting(f -> f.severity() + " " + f.rule() + " " + f.object())
                .as("all pending on an empty database: every table is new, so only the unqualified name is noted")
                .containsExactly("INFO require-table-schema t");
        assertThat(migrator.schema("public").lint().findings()).as("with a schema configured, not even that").isEmpty();

        LintReport since = migrator.lintSince("20260101000000_t").lint();
        assertThat(since.migrations()).containsExactly("20260102000000_index", "20260103000000_rename");
        assertThat(since.sized()).isFalse();
        assertThat(since.findings()).extracting(f -> f.migration() + " " + f.rule() + " " + f.object() + ": " + f.message())
                .containsExactly("20260102000000_index index-not-concurrent t: builds index t_v_idx on t under SHARE: writes"
                                + " blocked while it builds",
                        "20260103000000_rename rename-column t.v: renames t.v to w: the application version still running"
                                + " during the deploy fails on the old name");

        LintReport latest = migrator.lintLatest(1).lint();
        assertThat(latest.migrations()).containsExactly("20260103000000_rename");
        assertThat(latest.findings()).extracting(LintFinding::rule).containsExactly("rename-column");

        assertThatThrownBy(() -> migrator.lintSince("20260109000000_nope").lint()).isInstanceOf(MigrationException.class)
                .hasMessage("[MIGRATION_NOT_FOUND] lintSince names 20260109000000_nope, which is not among the 3 migrations"
                        + " found. Check the name: it is the folder's full name, timestamp included");
        assertThat(db.column("SELECT count(*) FROM pg_tables WHERE tablename = 't'")).containsExactly("0");
    }

    @Test
    void aDroppedSchemaIsOneFindingAndWhatItHeldGoesWithIt() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_reports", "CREATE SCHEMA reports;\nCREATE VIEW reports.daily AS SELECT 1 AS n;\n"
                        + "CREATE FUNCTION reports.total() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
                        + "CREATE VIEW public.summary AS SELECT 2 AS n;\n")
                .add("20260102000000_retire", "SET lock_timeout = '5s';\nDROP SCHEMA reports CASCADE;\n"
                        + "ALTER VIEW summary RENAME TO overview;\nCREATE SCHEMA scratch;\nDROP SCHEMA scratch;\n");
        Migrator migrator = configure(migrations).schema("public");

        LintReport report = migrator.lintLatest(1).lint();

        assertThat(report.findings()).extracting(f -> f.line() + " " + f.rule() + " " + f.object() + ": " + f.message())
                .as("the schema's view and function are not reported apart; a schema created here is not reported")
                .containsExactly("2 drop-object reports: drops schema reports: the application version still running during"
                                + " the deploy fails or misbehaves where it still uses it",
                        "3 rename-object summary: renames view summary to overview: the application version still running"
                                + " during the deploy fails on the old name");
        assertThat(report.findings().get(0).alternative()).isEqualTo("Expand/contract: release an application version that"
                + " no longer uses schema reports, then drop it in a later migration");
        assertThat(db.column("SELECT count(*) FROM pg_namespace WHERE nspname = 'reports'")).containsExactly("0");
    }

    @Test
    void aStatementThatFailsOnTheShadowNamesTheMigrationAndLine() throws Exception {
        MigrationDir migrations = deployedEvents(0).add(WIDEN, "SET lock_timeout = '5s';\nALTER TABLE nowhere ADD COLUMN x text;\n");
        assertThatThrownBy(() -> configure(migrations).lint())
                .isInstanceOf(MigrationException.class)
                .hasMessageStartingWith("[SHADOW_MIGRATION_FAILED] Migration " + WIDEN + " failed on the shadow database at line 2 of ")
                .hasMessageContaining("\n  Statement: ALTER TABLE nowhere ADD COLUMN x text\n  SQLSTATE 42P01: ERROR: relation"
                        + " \"nowhere\" does not exist")
                .hasMessageEndingWith("Lint runs the migration on a copy of the schema without data, so it would fail on deploy"
                        + " too. Fix it, or create what it expects beforehand with shadowInit(sql)");
    }

    @Test
    void aDialectThatCannotLintIsNamedAndPlanWorksWithoutLint() throws Exception {
        MigrationDir migrations = deployedEvents(0).add(WIDEN, ALTER);
        ForwardingDialect dialect = new ForwardingDialect(new PostgresDialect()) { };
        Migrator migrator = Migrator.configure(db.dataSource()).locations(migrations.location()).dialect(dialect);

        assertThatThrownBy(migrator::lint).isInstanceOf(MigrationException.class)
                .satisfies(e -> assertThat(((MigrationException) e).code()).isEqualTo(ErrorCode.LINT_UNSUPPORTED))
                .hasMessage("[LINT_UNSUPPORTED] The postgresql dialect (" + dialect.getClass().getName() + ") cannot measure"
                        + " statements on a shadow database, so lint is not available for this database; deploy and plan"
                        + " work without it. Use a dialect that implements LintSupport and SchemaSupport");
        assertThat(migrator.plan().lint()).isSameAs(LintReport.NONE);
        assertThat(migrator.plan().pending()).hasSize(1);
    }
}
