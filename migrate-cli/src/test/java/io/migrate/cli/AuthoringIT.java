package io.migrate.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code migrate dev}, {@code push} and {@code pull}: authoring from a declared schema file, as a user runs them. */
class AuthoringIT extends CommandFixture {

    @BeforeEach
    void setUp() {
        cli.migration("20260101000000_create_users", "CREATE TABLE users (id int PRIMARY KEY, name text);\n");
    }

    private List<String> folders() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("db"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private List<String> columns(String table) {
        return Cli.column(db, "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
                + "AND table_name = '" + table + "' ORDER BY ordinal_position");
    }

    @Test
    void devWritesTheMigrationAppliesItAndThenIsInSync() throws IOException {
        assertThat(cli.run("deploy").exitCode()).isZero();
        cli.file("schema.sql", "CREATE TABLE users (id int PRIMARY KEY, name text, email text);\n");

        Cli.Result result = cli.run("dev", "--name", "add user email", "--schema-file", "schema.sql");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<String> folders = folders();
        assertThat(folders).hasSize(2);
        String folder = folders.get(1);
        assertThat(folder).matches("\\d{14}_add_user_email");
        assertThat(result.stdout()).isEqualTo("Created and applied db/" + folder + "/migration.sql\n"
                + "  [+] Added column \"email\"\n");
        assertThat(Files.readString(dir.resolve("db/" + folder + "/migration.sql")))
                .endsWith("ALTER TABLE \"public\".\"users\" ADD COLUMN \"email\" text;\n");
        assertThat(columns("users")).containsExactly("id", "name", "email");
        assertThat(Cli.applied(db, "_migrations")).containsExactly("20260101000000_create_users", folder);

        Cli.Result again = cli.run("dev", "--name", "again", "--schema-file", "schema.sql");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.stdout()).isEqualTo("Already in sync: the migrations create the declared schema, "
                + "no migration written.\n");
        assertThat(folders()).hasSize(2);
    }

    @Test
    void devCreateOnlyWritesWithoutApplyingAndTakesTheSchemaFileFromTheEnvironment() throws IOException {
        cli.file("sql/schema.sql", "CREATE TABLE users (id int PRIMARY KEY, name text);\nCREATE TABLE posts (id int);\n")
                .env("MIGRATE_SCHEMA_FILE", "sql/schema.sql");

        Cli.Result result = cli.run("dev", "--name", "add_posts", "--create-only");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        String folder = folders().get(1);
        assertThat(result.stdout()).isEqualTo("Created db/" + folder + "/migration.sql (not applied: review it, then "
                + "run migrate deploy)\n  [+] Added tables: public.posts\n");
        assertThat(Cli.column(db, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).isEmpty();

        assertThat(cli.run("deploy").exitCode()).isZero();
        assertThat(Cli.applied(db, "_migrations")).containsExactly("20260101000000_create_users", folder);
        assertThat(columns("posts")).containsExactly("id");

        Cli.Result json = cli.run("dev", "--name", "nothing", "--json");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        assertThat(json.stdout()).isEqualTo("{\"outcome\":\"ALREADY_IN_SYNC\",\"name\":null,\"file\":null,"
                + "\"changes\":[],\"warnings\":[]}\n");
    }

    @Test
    void devThatLosesDataStopsWithoutATerminalNamingTheFlag() throws IOException {
        assertThat(cli.run("deploy").exitCode()).isZero();
        Cli.execute(db, "INSERT INTO users VALUES (1, 'ada')");
        cli.file("migrate.properties", "schemaFile = schema.sql\n")
                .file("schema.sql", "CREATE TABLE users (id int PRIMARY KEY);\n");

        Cli.Result refused = cli.run("dev", "--name", "drop_name");

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.stdout()).isEmpty();
        assertThat(refused.stderr()).isEqualTo("[DATA_LOSS_NOT_ACCEPTED] createMigration(\"drop_name\") stopped before "
                + "writing anything: the migration would lose data:\n"
                + "  - DATA LOSS: column public.users.name is dropped (1 row holds a value)\n"
                + "If that is intended, run it again with acceptDataLoss(true) (with createOnly(true) to edit the SQL "
                + "first). A rename is never guessed: to keep the data, write the RENAME by hand in the migration\n"
                + "No terminal to ask on, so nothing was changed. Pass --accept-data-loss to create the migration anyway.\n");
        assertThat(folders()).containsExactly("20260101000000_create_users");
        assertThat(columns("users")).containsExactly("id", "name");

        Cli.Result accepted = cli.run("dev", "--name", "drop_name", "--accept-data-loss");
        assertThat(accepted.exitCode()).as(accepted.toString()).isZero();
        assertThat(accepted.stdout()).contains("  [-] Removed column \"name\"\nReview before committing:\n"
                + "  - DATA LOSS: column public.users.name is dropped (1 row holds a value)\n");
        assertThat(columns("users")).containsExactly("id");

        cli.file("schema.sql", "CREATE TABLE users (id int PRIMARY KEY, nickname text);\n");
        Cli.Result json = cli.run("dev", "--name", "add_nickname", "--create-only", "--json");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        String folder = folders().get(2);
        assertThat(json.stdout()).isEqualTo("{\"outcome\":\"CREATED\",\"name\":\"" + folder + "\",\"file\":\"db/"
                + folder + "/migration.sql\",\"changes\":[\"[+] Added column \\\"nickname\\\"\"],\"warnings\":[]}\n");
        assertThat(columns("users")).containsExactly("id");
    }

    @Test
    void pushDryRunPrintsWhatWouldRunThenPushAppliesItOnce() {
        cli.file("schema.sql", "CREATE TABLE videos (id int PRIMARY KEY, title text);\n");

        Cli.Result plan = cli.run("push", "--schema-file", "schema.sql", "--dry-run");
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        assertThat(plan.stdout()).isEqualTo("""
                Would push 1 statement:
                  [+] Added tables: public.videos
                SQL:
                CREATE TABLE "public"."videos" (
                    "id" integer NOT NULL,
                    "title" text,
                    CONSTRAINT "videos_pkey" PRIMARY KEY (id)
                );
                """);
        assertThat(Cli.column(db, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).isEmpty();

        Cli.Result json = cli.run("push", "--schema-file", "schema.sql", "--json");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        assertThat(json.stdout()).isEqualTo("{\"applied\":true,\"inSync\":false,\"changes\":[\"[+] Added tables: "
                + "public.videos\"],\"warnings\":[],\"statements\":[\"CREATE TABLE \\\"public\\\".\\\"videos\\\" (\\n"
                + "    \\\"id\\\" integer NOT NULL,\\n    \\\"title\\\" text,\\n    CONSTRAINT \\\"videos_pkey\\\" "
                + "PRIMARY KEY (id)\\n)\"]}\n");
        assertThat(columns("videos")).containsExactly("id", "title");
        // push writes no migration and no history
        assertThat(Cli.column(db, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).containsExactly("videos");

        Cli.Result again = cli.run("push", "--schema-file", "schema.sql");
        assertThat(again.exitCode()).isZero();
        assertThat(again.stdout()).isEqualTo("Already in sync: nothing to push\n");
    }

    @Test
    void pushThatLosesDataStopsWithoutATerminalAndARenameKeepsTheData() {
        Cli.execute(db, "CREATE TABLE videos (id int PRIMARY KEY, title text); INSERT INTO videos VALUES (1, 'intro')");
        cli.file("schema.sql", "CREATE TABLE videos (id int PRIMARY KEY, name text);\n");

        Cli.Result refused = cli.run("push", "--schema-file", "schema.sql");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.stderr()).isEqualTo("[DATA_LOSS_NOT_ACCEPTED] Push stopped before changing anything: it would "
                + "lose data:\n  - DATA LOSS: column public.videos.title is dropped (1 row holds a value)\nIf that is "
                + "intended, push again with acceptDataLoss(true). A rename is never guessed: declare it with "
                + "renames(Map.of(\"table.old_column\", \"table.new_column\")) to keep the data\n"
                + "No terminal to ask on, so nothing was changed. Pass --accept-data-loss to push anyway.\n");
        assertThat(columns("videos")).containsExactly("id", "title");

        Cli.Result renamed = cli.run("push", "--schema-file", "schema.sql", "--rename", "videos.title=videos.name");
        assertThat(renamed.exitCode()).as(renamed.toString()).isZero();
        assertThat(renamed.stdout()).isEqualTo("Pushed 1 statement:\n"
                + "  [*] ALTER TABLE \"public\".\"videos\" RENAME COLUMN \"title\" TO \"name\"\n");
        assertThat(Cli.column(db, "SELECT name FROM videos")).containsExactly("intro");

        Cli.execute(db, "ALTER TABLE videos ADD COLUMN legacy text");
        Cli.Result scoped = cli.run("push", "--schema-file", "schema.sql", "--scope-tables", "videos", "--accept-data-loss");
        assertThat(scoped.exitCode()).as(scoped.toString()).isZero();
        assertThat(scoped.stdout()).startsWith("Pushed 1 statement:\n");
        assertThat(columns("videos")).containsExactly("id", "name");

        Cli.Result badRename = cli.run("push", "--schema-file", "schema.sql", "--rename", "videos.title");
        assertThat(badRename.exitCode()).isEqualTo(2);
        assertThat(badRename.stderr()).isEqualTo("Value for option option '--rename' (OLD=NEW) should be in KEY=VALUE "
                + "format but was videos.title\nRun 'migrate push --help' for usage.\n");

        Cli.Result blankTable = cli.run("push", "--schema-file", "schema.sql", "--scope-tables", "");
        assertThat(blankTable.exitCode()).isEqualTo(2);
        assertThat(blankTable.stderr()).isEqualTo("[INVALID_CONFIGURATION] pushScope = tables(): a table name must not be "
                + "blank\n  (set by the flag --scope-tables)\n");

        Cli.Result bothScopes = cli.run("push", "--scope-schema", "public", "--scope-tables", "videos");
        assertThat(bothScopes.exitCode()).isEqualTo(2);
        assertThat(bothScopes.stderr()).startsWith("Error: --scope-schema=SCHEMA, --scope-tables=TABLE are mutually exclusive");
    }

    @Test
    void pushToADatabaseThatSaysItIsProductionNeedsForce() {
        Cli.execute(db, "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET migrate.environment = ''production''', "
                + "current_database()); END $$");
        cli.file("schema.sql", "CREATE TABLE videos (id int PRIMARY KEY);\n");

        Cli.Result refused = cli.run("push", "--schema-file", "schema.sql");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr()).isEqualTo("[PUSH_TO_PRODUCTION] Push refused: the database looks like production "
                + "(its setting migrate.environment is 'production'). Push changes a schema without a migration and is "
                + "for development databases; bring production up to date with deploy(). If this database is not "
                + "production, set allowPushToProduction(true)\n  (on the command line: pass --force)\n");
        assertThat(Cli.column(db, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).isEmpty();

        Cli.Result forced = cli.run("push", "--schema-file", "schema.sql", "--force");
        assertThat(forced.exitCode()).as(forced.toString()).isZero();
        assertThat(columns("videos")).containsExactly("id");
    }

    @Test
    void pullWritesASchemaFileThatPushesBackAsNoChange() throws IOException {
        Cli.execute(db, "CREATE TABLE videos (id int PRIMARY KEY, title text)");

        Cli.Result result = cli.run("pull", "sql/schema.sql");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).isEqualTo("Wrote sql/schema.sql\n");
        assertThat(Files.readString(dir.resolve("sql/schema.sql"))).contains("CREATE TABLE \"public\".\"videos\" (");

        Cli.Result push = cli.run("push", "--schema-file", "sql/schema.sql");
        assertThat(push.exitCode()).as(push.toString()).isZero();
        assertThat(push.stdout()).isEqualTo("Already in sync: nothing to push\n");
    }

    @Test
    void everyAuthoringCommandHasHelpWithExamples() {
        for (String command : List.of("dev", "push", "pull", "new")) {
            Cli.Result help = cli.run(command, "--help");
            assertThat(help.exitCode()).as(command).isZero();
            assertThat(help.stdout()).as(command).startsWith("Usage: migrate " + command).contains("\nExamples:\n  migrate " + command);
        }
        Cli.Result missing = cli.run("dev");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr()).isEqualTo("Missing required option: '--name=NAME'\nRun 'migrate dev --help' for usage.\n");
    }
}
