package io.migrate.it;

import io.migrate.Migrator;
import io.migrate.api.DeployPlan;
import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;
import io.migrate.api.MigrationFailedException;
import io.migrate.api.MigrationState;
import io.migrate.api.MigrationStatus;
import io.migrate.api.StatusReport;
import io.migrate.api.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The whole workflow on one database, step by step, as a team lives it: create, deploy, edit and
 * detect, fail and resolve both ways, baseline, reset and seed.
 */
class LifecycleIT {

    private static final String USERS = "20260101000000_users";
    private static final String POSTS = "20260102000000_posts";
    private static final String TAGS = "20260103000000_tags";
    private static final String BROKEN = "20260106000000_broken_backfill";
    private static final String INDEX = "20260105000000_concurrent_index";

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    private Migrator migrator(MigrationDir migrations) {
        return Migrator.configure(db.dataSource()).locations(migrations.location());
    }

    @Test
    void theSeedWorkflowFromCreateToResetAndSeed() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add(USERS, "CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE);\n")
                .add(POSTS, "CREATE TABLE posts (id bigserial PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id), title text NOT NULL);\n")
                .file("seed.sql", "INSERT INTO users (email) VALUES ('ada@example.com'), ('alan@example.com');\n");

        // Create: status on a fresh database reads only, and says there is no history yet.
        StatusReport fresh = migrator(migrations).status();
        assertThat(fresh.historyTableExists()).isFalse();
        assertThat(fresh.verdict()).isEqualTo(StatusReport.Verdict.PENDING);
        assertThat(fresh.toString()).isEqualTo("""
                2 migrations found in %s
                The history table "public"."_migrations" does not exist yet: nothing was applied.

                Following migrations have not yet been applied:
                  %s
                  %s

                To apply them, deploy.""".formatted(migrations.location(), USERS, POSTS));
        assertThat(db.tableExists("_migrations")).as("status creates nothing").isFalse();

        // Plan: the dry run shows what would run, and writes nothing either.
        DeployPlan plan = migrator(migrations).plan();
        assertThat(plan.pending()).extracting(p -> p.name()).containsExactly(USERS, POSTS);
        assertThat(plan.pending().get(1).sql()).startsWith("CREATE TABLE posts");
        assertThat(plan.pending().get(1).statements()).isEqualTo(1);
        assertThat(plan.pending().get(1).transactional()).isTrue();
        assertThat(db.tableExists("_migrations")).as("plan creates nothing").isFalse();

        // Deploy, then status is up to date.
        assertThat(migrator(migrations).deploy().applied()).hasSize(2);
        StatusReport upToDate = migrator(migrations).status();
        assertThat(upToDate.verdict()).isEqualTo(StatusReport.Verdict.UP_TO_DATE);
        assertThat(upToDate.toString()).endsWith("Database schema is up to date!");
        assertThat(upToDate.migrations()).allSatisfy(m -> {
            assertThat(m.state()).isEqualTo(MigrationState.APPLIED);
            assertThat(m.checksum()).isEqualTo(m.appliedChecksum()).hasSize(64);
            assertThat(m.duration()).isNotNull();
            assertThat(m.attempts()).isEqualTo(1);
        });

        // Edit and detect: an applied file changes; validate and deploy list it; acceptChecksum settles a deliberate edit.
        migrations.add(POSTS, "-- titles are required\nCREATE TABLE posts (id bigserial PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id), title text NOT NULL);\n");
        ValidationException modified = catchThrowableOfType(ValidationException.class, () -> migrator(migrations).validate());
        assertThat(modified.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH);
            assertThat(p.migration()).isEqualTo(POSTS);
        });
        assertThat(modified.getMessage()).contains("acceptChecksum(name)");
        assertThat(migrator(migrations).status().in(MigrationState.MODIFIED)).extracting(MigrationStatus::name).containsExactly(POSTS);
        migrator(migrations).acceptChecksum(POSTS);
        migrator(migrations).validate();
        assertThat(db.column("SELECT count(*) FROM _migrations WHERE migration_name = '" + POSTS + "'"))
                .as("the old row stays as history").containsExactly("2");
        assertThat(db.column("SELECT logs FROM _migrations WHERE migration_name = '" + POSTS + "' ORDER BY started_at DESC LIMIT 1"))
                .singleElement().asString().startsWith("Checksum accepted by acceptChecksum without running it again");

        // Fail and resolve as rolled back: repaired by hand, run again by the next deploy.
        migrations.add(TAGS, "CREATE TABLE tags (id bigserial PRIMARY KEY, name text NOT NULL UNIQUE);\n")
                .add(INDEX, """
                        CREATE TABLE audit (id int);
                        CREATE UNIQUE INDEX CONCURRENTLY users_email_lower ON users (lower(email));
                        CREATE INDEX CONCURRENTLY posts_missing ON posts (no_such_column);
                        """);
        MigrationFailedException failed = catchThrowableOfType(MigrationFailedException.class, () -> migrator(migrations).deploy());
        assertThat(failed.migration()).isEqualTo(INDEX);
        assertThat(failed.getMessage()).contains("resolveRolledBack(\"" + INDEX + "\")");
        StatusReport withFailure = migrator(migrations).status();
        assertThat(withFailure.verdict()).isEqualTo(StatusReport.Verdict.PROBLEMS);
        assertThat(withFailure.in(MigrationState.FAILED)).singleElement().satisfies(m ->
                assertThat(m.lastError()).contains("SQLSTATE 42703"));
        assertThat(withFailure.toString()).contains("Following migrations have failed:\n  " + INDEX);
        assertThatThrownBy(() -> migrator(migrations).deploy()).isInstanceOf(ValidationException.class)
                .hasMessageContaining("FAILED_MIGRATION_PRESENT " + INDEX);
        db.execute("DROP TABLE audit; DROP INDEX users_email_lower");
        migrations.add(INDEX, """
                CREATE TABLE audit (id int);
                CREATE UNIQUE INDEX CONCURRENTLY users_email_lower ON users (lower(email));
                CREATE INDEX CONCURRENTLY posts_title ON posts (title);
                """);
        migrator(migrations).resolveRolledBack(INDEX);
        assertThat(migrator(migrations).status().in(MigrationState.ROLLED_BACK)).extracting(MigrationStatus::name).containsExactly(INDEX);
        assertThat(migrator(migrations).deploy().applied()).extracting(a -> a.name()).containsExactly(INDEX);
        assertThat(db.column("SELECT indexname FROM pg_indexes WHERE tablename = 'posts' AND indexname = 'posts_title'")).hasSize(1);

        // Fail and resolve as applied: completed by hand, never run again.
        migrations.add(BROKEN, "-- migrate:no-transaction\nALTER TABLE tags ADD COLUMN slug text;\nUPDATE tags SET slug = lower(nme);\n");
        assertThatThrownBy(() -> migrator(migrations).deploy()).isInstanceOf(MigrationFailedException.class);
        // Completed by hand, and the file corrected so that new databases get the same.
        db.execute("UPDATE tags SET slug = lower(name)");
        migrations.add(BROKEN, "-- migrate:no-transaction\nALTER TABLE tags ADD COLUMN slug text;\nUPDATE tags SET slug = lower(name);\n");
        migrator(migrations).resolveApplied(BROKEN);
        assertThat(migrator(migrations).status().verdict()).isEqualTo(StatusReport.Verdict.UP_TO_DATE);
        assertThat(migrator(migrations).deploy().applied()).isEmpty();
        assertThat(db.column("SELECT count(*) FROM _migrations WHERE migration_name = '" + BROKEN + "' AND rolled_back_at IS NOT NULL"))
                .as("the failed attempt is kept, marked rolled back").containsExactly("1");

        // Reset and seed: everything dropped, every migration deployed again, the seed loaded.
        db.execute("INSERT INTO users (email) VALUES ('stray@example.com')");
        assertThatThrownBy(() -> migrator(migrations).reset())
                .isInstanceOf(MigrationException.class)
                .hasMessageStartingWith("[RESET_NOT_ALLOWED] reset() drops every object in the schema");
        assertThat(migrator(migrations).allowReset(true).reset().applied()).extracting(a -> a.name())
                .containsExactly(USERS, POSTS, TAGS, INDEX, BROKEN);
        assertThat(db.column("SELECT email FROM users ORDER BY email")).containsExactly("ada@example.com", "alan@example.com");
        assertThat(db.column("SELECT count(*) FROM _migrations")).as("a fresh history").containsExactly("5");

        // Seed alone, again: the seed's own unique constraint makes a second run fail, and nothing of it is kept.
        assertThatThrownBy(() -> migrator(migrations).seed())
                .isInstanceOf(MigrationException.class)
                .hasMessageStartingWith("[SEED_FAILED] Seed " + migrations.root().resolve("seed.sql") + " failed at line 1")
                .hasMessageContaining("SQLSTATE 23505");
        assertThat(db.column("SELECT count(*) FROM users")).containsExactly("2");
    }

    @Test
    void baselineAdoptsADatabaseBuiltWithoutHistoryAndDeployExplainsWhyItIsNeeded() throws Exception {
        db.execute("CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE)");
        MigrationDir migrations = new MigrationDir(dir)
                .add(USERS, "CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE);\n")
                .add(POSTS, "CREATE TABLE posts (id bigserial PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id));\n");

        MigrationException notEmpty = catchThrowableOfType(MigrationException.class, () -> migrator(migrations).deploy());
        assertThat(notEmpty.code()).isEqualTo(ErrorCode.SCHEMA_NOT_EMPTY);
        assertThat(notEmpty.getMessage()).startsWith("[SCHEMA_NOT_EMPTY] Deploy stopped before applying anything: schema"
                        + " public already holds objects (table public.users) but \"public\".\"_migrations\" records no migration")
                .contains("baseline(\"<newest migration already reflected in the database>\")");
        assertThat(db.tableExists("_migrations")).isFalse();

        assertThat(migrator(migrations).baseline(USERS)).containsExactly(USERS);
        assertThat(migrator(migrations).deploy().applied()).extracting(a -> a.name()).containsExactly(POSTS);
        assertThat(db.column("SELECT migration_name || ' ' || applied_steps_count FROM _migrations ORDER BY migration_name"))
                .containsExactly(USERS + " 0", POSTS + " 1");

        assertThatThrownBy(() -> migrator(migrations).baseline(POSTS))
                .hasMessage("[ALREADY_APPLIED] Nothing to baseline: every migration up to " + POSTS + " is already applied");
        assertThatThrownBy(() -> migrator(migrations).baseline("20260101000000_user"))
                .hasMessageStartingWith("[MIGRATION_NOT_FOUND] The baseline 20260101000000_user is not among the 2 migrations");
    }

    @Test
    void targetStopsAfterTheNamedMigration() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add(USERS, "CREATE TABLE users (id int);").add(POSTS, "CREATE TABLE posts (id int);").add(TAGS, "CREATE TABLE tags (id int);");

        assertThat(migrator(migrations).target(POSTS).plan().pending()).extracting(p -> p.name()).containsExactly(USERS, POSTS);
        assertThat(migrator(migrations).target(POSTS).deploy().applied()).extracting(a -> a.name()).containsExactly(USERS, POSTS);
        assertThat(db.tableExists("tags")).isFalse();
        assertThat(migrator(migrations).target(POSTS).deploy().applied()).isEmpty();
        assertThat(migrator(migrations).deploy().applied()).extracting(a -> a.name()).containsExactly(TAGS);
        assertThatThrownBy(() -> migrator(migrations).target("20990101000000_nope").deploy())
                .isInstanceOf(MigrationException.class)
                .hasMessageStartingWith("[MIGRATION_NOT_FOUND] The target 20990101000000_nope is not among the 3 migrations in "
                        + migrations.root());
    }

    @Test
    void resolveRefusesWhatDoesNotApplyWithPrismasDistinctions() throws Exception {
        MigrationDir migrations = new MigrationDir(dir).add(USERS, "CREATE TABLE users (id int);").add(POSTS, "CREATE TABLE posts (id int);");
        migrator(migrations).target(USERS).deploy();

        assertThatThrownBy(() -> migrator(migrations).resolveApplied(USERS))
                .hasMessage("[ALREADY_APPLIED] Migration " + USERS + " is already recorded as applied in \"public\".\"_migrations\"; nothing to resolve");
        assertThatThrownBy(() -> migrator(migrations).resolveRolledBack(POSTS))
                .hasMessage("[NOT_FAILED] Migration " + POSTS + " cannot be rolled back because it was never applied to the"
                        + " database (no row in \"public\".\"_migrations\")");
        assertThatThrownBy(() -> migrator(migrations).resolveRolledBack(USERS))
                .hasMessage("[NOT_FAILED] Migration " + USERS + " cannot be rolled back because it is not in a failed state"
                        + " (it is applied). Only a failed migration can be resolved as rolled back");
        assertThatThrownBy(() -> migrator(migrations).resolveApplied("20260109000000_gone"))
                .hasMessageStartingWith("[MIGRATION_NOT_FOUND] The migration 20260109000000_gone is not among the 2 migrations");
        assertThatThrownBy(() -> migrator(migrations).acceptChecksum(POSTS))
                .hasMessage("[NOT_APPLIED] Migration " + POSTS + " was never applied, so there is no checksum to accept;"
                        + " deploy applies it as it is now");

        // A pending migration that was applied by other means can be marked applied, as with Prisma.
        db.execute("CREATE TABLE posts (id int)");
        migrator(migrations).resolveApplied(POSTS);
        assertThat(migrator(migrations).status().verdict()).isEqualTo(StatusReport.Verdict.UP_TO_DATE);
    }

    @Test
    void statusReportsMissingAndOutOfOrderMigrationsAndAMachineReadableForm() throws Exception {
        MigrationDir migrations = new MigrationDir(dir).add(USERS, "CREATE TABLE users (id int);").add(TAGS, "CREATE TABLE tags (id int);");
        migrator(migrations).deploy();
        migrations.delete(USERS).add(POSTS, "CREATE TABLE posts (id int);");

        StatusReport report = migrator(migrations).status();

        assertThat(report.verdict()).isEqualTo(StatusReport.Verdict.PROBLEMS);
        assertThat(report.migrations()).extracting(m -> m.name() + " " + m.state())
                .containsExactly(USERS + " MISSING", POSTS + " OUT_OF_ORDER", TAGS + " APPLIED");
        assertThat(report.toString())
                .contains("Following migrations were applied but are not found in the locations:\n  " + USERS)
                .contains("Following migrations sort before the newest applied one:\n  " + POSTS);
        assertThat(report.toJson())
                .startsWith("{\"verdict\":\"PROBLEMS\",\"historyTable\":\"\\\"public\\\".\\\"_migrations\\\"\",\"historyTableExists\":true,")
                .contains("{\"name\":\"" + POSTS + "\",\"state\":\"OUT_OF_ORDER\",\"checksum\":\"")
                .contains("\"name\":\"" + USERS + "\",\"state\":\"MISSING\",\"checksum\":null,\"appliedChecksum\":\"");
        assertThat(migrator(migrations).outOfOrder(true).status().in(MigrationState.PENDING)).extracting(MigrationStatus::name)
                .containsExactly(POSTS);

        ValidationException all = catchThrowableOfType(ValidationException.class, () -> migrator(migrations).validate());
        assertThat(all.problems()).extracting(p -> p.code() + " " + p.migration())
                .containsExactly("MIGRATION_MISSING " + USERS, "OUT_OF_ORDER " + POSTS);
    }
}
