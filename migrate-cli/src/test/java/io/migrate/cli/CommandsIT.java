package io.migrate.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command, run from the packaged jar against a database of its own. */
class CommandsIT extends CommandFixture {

    @BeforeEach
    void setUp() {
        cli.migration("20260101000000_create_users", "CREATE TABLE users (id int PRIMARY KEY, name text);\n")
                .migration("20260102000000_create_posts", "CREATE TABLE posts (id int PRIMARY KEY, user_id int);\n");
    }

    @Test
    void deployAppliesPendingMigrationsAndSaysSo() {
        Cli.Result result = cli.run("deploy");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).matches("(?s)Applied 2 migrations in \\d+ ms \\(0 already applied\\):\n"
                + "  20260101000000_create_users  \\d+ ms, 1 statement\n"
                + "  20260102000000_create_posts  \\d+ ms, 1 statement\n");
        assertThat(result.stderr()).matches("Applying 2 migrations\n"
                + "  20260101000000_create_users …\n  20260101000000_create_users applied in \\d+ ms\n"
                + "  20260102000000_create_posts …\n  20260102000000_create_posts applied in \\d+ ms\n");
        assertThat(Cli.applied(db, "_migrations")).containsExactly("20260101000000_create_users", "20260102000000_create_posts");

        Cli.Result again = cli.run("deploy");
        assertThat(again.exitCode()).isZero();
        assertThat(again.stdout()).matches("No pending migrations: 2 already applied \\(\\d+ ms\\)\n");
        assertThat(again.stderr()).isEmpty();
    }

    @Test
    void deployPrintsJson() {
        Cli.Result result = cli.run("deploy", "--json", "--target", "20260101000000_create_users");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).matches("\\{\"upToDate\":false,\"alreadyApplied\":0,\"durationMillis\":\\d+,\"applied\":"
                + "\\[\\{\"name\":\"20260101000000_create_users\",\"durationMillis\":\\d+,\"statements\":1,"
                + "\"transactional\":true}]}\n");
        assertThat(Cli.applied(db, "_migrations")).containsExactly("20260101000000_create_users");
    }

    @Test
    void deployFailureExitsOneWithTheLibraryMessage() {
        cli.migration("20260103000000_broken", "SELECT 1;\nUPDATE users SET nme = 'b';\n");

        Cli.Result result = cli.run("deploy");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).contains("[MIGRATION_FAILED] Migration 20260103000000_broken failed at line 2 of ",
                "  Statement: UPDATE users SET nme = 'b'\n",
                "  SQLSTATE 42703: ERROR: column \"nme\" of relation \"users\" does not exist");
        assertThat(Cli.applied(db, "_migrations")).containsExactly("20260101000000_create_users", "20260102000000_create_posts");
    }

    @Test
    void statusExitCodeTellsUpToDatePendingAndProblems() throws IOException {
        Cli.Result fresh = cli.run("status");
        assertThat(fresh.exitCode()).as(fresh.toString()).isEqualTo(3);
        assertThat(fresh.stdout()).isEqualTo("""
                2 migrations found in filesystem:db
                The history table "public"."_migrations" does not exist yet: nothing was applied.

                Following migrations have not yet been applied:
                  20260101000000_create_users
                  20260102000000_create_posts

                To apply them, deploy.
                """);
        assertThat(fresh.stderr()).isEmpty();
        assertThat(Cli.column(db, "SELECT tablename FROM pg_tables WHERE tablename = '_migrations'")).isEmpty();

        assertThat(cli.run("deploy").exitCode()).isZero();
        Cli.Result upToDate = cli.run("status");
        assertThat(upToDate.exitCode()).isZero();
        assertThat(upToDate.stdout()).isEqualTo("2 migrations found in filesystem:db\n\nDatabase schema is up to date!\n");

        Files.writeString(dir.resolve("db/20260101000000_create_users/migration.sql"), "CREATE TABLE users (id bigint);\n");
        Cli.Result modified = cli.run("status");
        assertThat(modified.exitCode()).isEqualTo(4);
        assertThat(modified.stdout()).contains("Following migrations were modified after they were applied:\n"
                + "  20260101000000_create_users  (applied with checksum ")
                .endsWith("or record an intended edit with acceptChecksum(name).\n"
                        + "  (on the command line: migrate accept-checksum NAME)\n");

        Cli.Result json = cli.run("status", "--json");
        assertThat(json.exitCode()).isEqualTo(4);
        assertThat(json.stdout()).startsWith("{\"verdict\":\"PROBLEMS\",\"historyTable\":\"\\\"public\\\".\\\"_migrations\\\"\","
                + "\"historyTableExists\":true,\"locations\":[\"filesystem:db\"],\"migrations\":[{\"name\":"
                + "\"20260101000000_create_users\",\"state\":\"MODIFIED\"").endsWith("}\n");
    }

    @Test
    void validateExitsZeroOrOneWithEveryProblem() throws IOException {
        assertThat(cli.run("deploy").exitCode()).isZero();
        Cli.Result ok = cli.run("validate");
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.stdout()).isEqualTo("The history matches the migrations: nothing to settle.\n");

        Files.writeString(dir.resolve("db/20260102000000_create_posts/migration.sql"), "-- edited\n");
        Cli.Result bad = cli.run("validate");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.stdout()).isEmpty();
        assertThat(bad.stderr()).startsWith("[CHECKSUM_MISMATCH] ").contains("20260102000000_create_posts")
                .endsWith("\n  (on the command line: migrate accept-checksum NAME; --no-validate-applied)\n");
    }

    @Test
    void planShowsWhatDeployWouldDoAndWritesNothing() {
        cli.migration("20260103000000_index", "CREATE INDEX CONCURRENTLY users_name ON users (name);\n");

        Cli.Result text = cli.run("plan", "--sql");
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.stdout()).startsWith("""
                Would apply 3 migrations (0 already applied):
                  20260101000000_create_users  1 statement, in a transaction
                  20260102000000_create_posts  1 statement, in a transaction
                  20260103000000_index  1 statement, without transaction: """)
                .contains("\n\n-- 20260101000000_create_users (", "CREATE TABLE users (id int PRIMARY KEY, name text);\n");

        Cli.Result json = cli.run("plan", "--json");
        assertThat(json.exitCode()).isZero();
        assertThat(json.stdout()).startsWith("{\"alreadyApplied\":0,\"pending\":[{\"name\":\"20260101000000_create_users\",")
                .contains("\"statements\":1,\"transactional\":true,\"withoutTransaction\":null,"
                        + "\"sql\":\"CREATE TABLE users (id int PRIMARY KEY, name text);\\n\"}");
        assertThat(Cli.column(db, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).isEmpty();
    }

    @Test
    void resolveRolledBackThenAppliedSettleAFailedMigration() {
        cli.migration("20260103000000_broken", "CREATE TABLE audit (id int);\nCREATE INDEX CONCURRENTLY nope ON missing (x);\n");
        assertThat(cli.run("deploy").exitCode()).isEqualTo(1);
        Cli.Result blocked = cli.run("status");
        assertThat(blocked.exitCode()).isEqualTo(4);
        assertThat(blocked.stdout()).contains("Following migrations have failed:\n  20260103000000_broken");

        Cli.Result usage = cli.run("resolve");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.stderr()).startsWith("Error: Missing required argument (specify one of these): "
                + "(--applied=NAME | --rolled-back=NAME)");

        Cli.Result rolledBack = cli.run("resolve", "--rolled-back", "20260103000000_broken");
        assertThat(rolledBack.exitCode()).as(rolledBack.toString()).isZero();
        assertThat(rolledBack.stdout()).isEqualTo(
                "Recorded the failed attempt of 20260103000000_broken as rolled back; the next deploy runs it again.\n");
        assertThat(Cli.column(db, "SELECT count(*) FROM _migrations WHERE migration_name = '20260103000000_broken' "
                + "AND rolled_back_at IS NOT NULL")).containsExactly("1");

        Cli.Result notFailed = cli.run("resolve", "--rolled-back", "20260103000000_broken");
        assertThat(notFailed.exitCode()).isEqualTo(1);
        assertThat(notFailed.stderr()).startsWith("[NOT_FAILED] Migration 20260103000000_broken cannot be rolled back");

        assertThat(cli.run("deploy").exitCode()).isEqualTo(1);
        Cli.execute(db, "CREATE TABLE missing (x int)");
        Cli.Result applied = cli.run("resolve", "--applied", "20260103000000_broken");
        assertThat(applied.exitCode()).as(applied.toString()).isZero();
        assertThat(applied.stdout()).isEqualTo("Recorded 20260103000000_broken as applied.\n");
        assertThat(cli.run("status").exitCode()).isZero();
    }

    @Test
    void acceptChecksumRecordsAnIntendedEdit() throws IOException {
        assertThat(cli.run("deploy").exitCode()).isZero();
        Files.writeString(dir.resolve("db/20260101000000_create_users/migration.sql"), "-- reformatted\n");

        Cli.Result result = cli.run("accept-checksum", "20260101000000_create_users");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).isEqualTo("Recorded the current checksum of 20260101000000_create_users.\n");
        assertThat(cli.run("status").exitCode()).isZero();
        assertThat(Cli.column(db, "SELECT count(*) FROM _migrations WHERE migration_name = '20260101000000_create_users'"))
                .containsExactly("2");

        Cli.Result unknown = cli.run("accept-checksum", "20990101000000_nope");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.stderr()).startsWith("[MIGRATION_NOT_FOUND] ");
    }

    @Test
    void baselineAdoptsAnExistingDatabase() {
        Cli.execute(db, "CREATE TABLE users (id int PRIMARY KEY, name text)");
        Cli.Result refused = cli.run("deploy");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr()).startsWith("[SCHEMA_NOT_EMPTY] ");

        Cli.Result result = cli.run("baseline", "20260101000000_create_users");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).isEqualTo("Recorded 1 migration as applied, up to 20260101000000_create_users:\n"
                + "  20260101000000_create_users\n");
        assertThat(cli.run("deploy").exitCode()).isZero();
        assertThat(Cli.applied(db, "_migrations")).containsExactly("20260101000000_create_users", "20260102000000_create_posts");
    }

    @Test
    void seedRunsTheSeedScript() {
        cli.file("db/seed.sql", "INSERT INTO users VALUES (1, 'ada') ON CONFLICT DO NOTHING;\n");
        assertThat(cli.run("deploy").exitCode()).isZero();

        Cli.Result result = cli.run("seed");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).isEqualTo("Seeded the database.\n");
        assertThat(Cli.column(db, "SELECT name FROM users")).containsExactly("ada");
    }

    @Test
    void resetWithForceRebuildsTheSchemaAndSeeds() {
        cli.file("db/seed.sql", "INSERT INTO users VALUES (1, 'ada');\n");
        assertThat(cli.run("deploy").exitCode()).isZero();
        Cli.execute(db, "INSERT INTO users VALUES (2, 'grace'); CREATE TABLE stray (id int)");

        Cli.Result result = cli.run("reset", "--force");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).matches("(?s)Reset the schema\\. Applied 2 migrations in \\d+ ms \\(0 already applied\\):\n.*");
        assertThat(Cli.column(db, "SELECT name FROM users")).containsExactly("ada");
        assertThat(Cli.column(db, "SELECT tablename FROM pg_tables WHERE tablename = 'stray'")).isEmpty();
    }

    @Test
    void resetWithoutATerminalRefusesAndNamesForce() {
        assertThat(cli.run("deploy").exitCode()).isZero();
        Cli.execute(db, "INSERT INTO users VALUES (2, 'grace')");

        Cli.Result result = cli.run("reset");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).isEqualTo("reset drops every object in the schema and needs a decision: no terminal "
                + "to ask on, so nothing was done. Pass --force to reset without asking.\n");
        assertThat(Cli.column(db, "SELECT name FROM users")).containsExactly("grace");
    }

    @Test
    void newCreatesAnEmptyTimestampedMigration() throws IOException {
        cli.migration("29990101000000_far_future", "SELECT 1;\n");
        String before = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));

        Cli.Result result = cli.run("new", "add user email", "--locations", "fresh/migrations");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<Path> created;
        try (Stream<Path> files = Files.list(dir.resolve("fresh/migrations"))) {
            created = files.toList();
        }
        assertThat(created).hasSize(1);
        String folder = created.get(0).getFileName().toString();
        assertThat(folder).matches("\\d{14}_add_user_email");
        assertThat(folder.substring(0, 14)).isGreaterThanOrEqualTo(before);
        assertThat(Files.readString(created.get(0).resolve("migration.sql"))).isEqualTo("-- Migration: " + folder
                + "\n-- Written by hand: put its SQL below. Nothing runs it until deploy().\n\n");
        assertThat(result.stdout()).isEqualTo("Created fresh/migrations/" + folder + "/migration.sql\n");

        Cli.Result afterNewest = cli.run("new", "next");
        assertThat(afterNewest.exitCode()).isZero();
        assertThat(afterNewest.stdout()).isEqualTo("Created db/29990101000001_next/migration.sql\n");

        Cli.Result withoutDatabase = new Cli(dir).run("new", "backfill");
        assertThat(withoutDatabase.exitCode()).as(withoutDatabase.toString()).isZero();
        assertThat(withoutDatabase.stdout()).isEqualTo("Created db/29990101000002_backfill/migration.sql\n");

        Cli.Result summed = new Cli(dir).run("new", "with_sum", "--integrity-file");
        assertThat(summed.exitCode()).as(summed.toString()).isZero();
        assertThat(Files.readString(dir.resolve("db/migrations.sum"))).contains("29990101000003_with_sum");

        Cli.Result bad = cli.run("new", "!!!");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr()).isEqualTo("The migration name '!!!' has no letter or digit; "
                + "name it after what it does, e.g. add_user_email\n");
    }
}
