package io.migrate.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code migrate diff} between migrations, schema files, databases and nothing; {@code --exit-code} for CI. */
class DiffIT extends CommandFixture {

    @BeforeEach
    void setUp() {
        cli.migration("20260101000000_create_users", "CREATE TABLE users (id int PRIMARY KEY, name text);\n");
    }

    @Test
    void scriptFromNothingToTheMigrations() {
        Cli.Result result = cli.run("diff", "--from-empty", "--to-migrations", "--script");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).isEqualTo("""
                CREATE TABLE "public"."users" (
                    "id" integer NOT NULL,
                    "name" text,
                    CONSTRAINT "users_pkey" PRIMARY KEY (id)
                );
                """);
        assertThat(Cli.column(db, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).isEmpty();
    }

    @Test
    void exitCodeTellsWhetherTheDatabaseDriftedFromItsMigrations() {
        assertThat(cli.run("deploy").exitCode()).isZero();
        String url = Cli.jdbcUrl(db);

        Cli.Result same = cli.run("diff", "--from-migrations", "--to-url", url, "--exit-code");
        assertThat(same.exitCode()).as(same.toString()).isZero();
        assertThat(same.stdout()).isEqualTo("No difference detected.\n");

        Cli.execute(db, "ALTER TABLE users ADD COLUMN email text");
        Cli.Result drifted = cli.run("diff", "--from-migrations", "--to-url", url, "--exit-code");
        assertThat(drifted.exitCode()).isEqualTo(3);
        assertThat(drifted.stdout()).isEqualTo("[*] Changed the \"public.users\" table\n  [+] Added column \"email\"\n");

        Cli.Result json = cli.run("diff", "--from-url", url, "--to-migrations", "--json");
        assertThat(json.exitCode()).isZero();
        assertThat(json.stdout()).isEqualTo("{\"empty\":false,\"summary\":\"[*] Changed the \\\"public.users\\\" table\\n"
                + "  [-] Removed column \\\"email\\\"\",\"warnings\":[\"The column \\\"email\\\" of table \\\"public.users\\\" is "
                + "dropped: all the data it holds will be lost.\"],\"statements\":[\"ALTER TABLE \\\"public\\\".\\\"users\\\" "
                + "DROP COLUMN \\\"email\\\"\"]}\n");
    }

    @Test
    void schemaFileAgainstTheMigrations() {
        cli.file("schema.sql", "CREATE TABLE users (id int PRIMARY KEY, name text, email text);\n");

        Cli.Result result = cli.run("diff", "--from-migrations", "--to-schema", "schema.sql", "--script", "--exit-code");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.stdout()).contains("ALTER TABLE \"public\".\"users\" ADD COLUMN \"email\" text");
    }

    @Test
    void bothSidesAreRequired() {
        Cli.Result result = cli.run("diff", "--from-empty");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).isEqualTo("Error: Missing required argument (specify one of these): (--to-empty | "
                + "--to-migrations[=LOCATIONS] | --to-schema=FILE | --to-url=URL)\nRun 'migrate diff --help' for usage.\n");
    }
}
