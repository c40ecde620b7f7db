package io.migrate.cli;

import io.migrate.testkit.Database;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** migrate.properties, then MIGRATE_* variables, then flags; bad values; help; progress and logs. */
class ConfigurationIT extends CommandFixture {

    @BeforeEach
    void setUp() {
        cli.migration("20260101000000_create_users", "CREATE TABLE users (id int);\n");
    }

    private String historyTables() {
        return String.join(",", Cli.column(db, "SELECT tablename FROM pg_tables WHERE tablename LIKE 'history_%' ORDER BY 1"));
    }

    @Test
    void fileThenEnvironmentThenFlags() {
        cli.file("migrate.properties", "# settings\ntable = history_file\nlocations = db\n");
        assertThat(cli.run("deploy").exitCode()).isZero();
        assertThat(historyTables()).isEqualTo("history_file");

        cli.env("MIGRATE_TABLE", "history_env");
        Cli.Result environment = cli.run("status");
        assertThat(environment.exitCode()).isEqualTo(3);
        assertThat(environment.stdout()).contains("The history table \"public\".\"history_env\" does not exist yet");

        Cli.Result flag = cli.run("status", "--table", "history_flag");
        assertThat(flag.exitCode()).isEqualTo(3);
        assertThat(flag.stdout()).contains("The history table \"public\".\"history_flag\" does not exist yet");
    }

    @Test
    void configFileFlagAndUrlInTheFile() {
        cli.file("conf/prod.properties", "url = " + Cli.jdbcUrl(db) + "\nlocations = filesystem:sql\ntable = history_conf\n")
                .migration("sql", "20260101000000_other", "CREATE TABLE other (id int);\n");
        Cli.Result result = new Cli(dir).run("deploy", "--config", "conf/prod.properties");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(Cli.applied(db, "history_conf")).containsExactly("20260101000000_other");

        Cli.Result missing = cli.run("deploy", "--config", "conf/nope.properties");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr()).isEqualTo("The configuration file conf/nope.properties does not exist\n");
    }

    @Test
    void locationsAndPlaceholdersFromEveryPlace() {
        cli.migration("other", "20260101000000_grant", "CREATE TABLE ${table_name} (note text DEFAULT '${note}');\n")
                .file("migrate.properties", "placeholders.table_name = from_file\nplaceholders.note = file\n")
                .env("MIGRATE_LOCATIONS", "other");

        Cli.Result result = cli.run("deploy", "--placeholder", "note=flag");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(Cli.column(db, "SELECT column_default FROM information_schema.columns WHERE table_name = 'from_file'"))
                .containsExactly("'flag'::text");
    }

    @Test
    void booleanFlagsOverrideTheEnvironmentBothWays() {
        assertThat(cli.run("deploy").exitCode()).isZero();
        cli.migration("20250101000000_older", "CREATE TABLE older (id int);\n").env("MIGRATE_OUT_OF_ORDER", "true");

        Cli.Result refused = cli.run("deploy", "--no-out-of-order");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr()).startsWith("[OUT_OF_ORDER] ");

        Cli.Result applied = cli.env("MIGRATE_OUT_OF_ORDER", "false").run("deploy", "--out-of-order");
        assertThat(applied.exitCode()).as(applied.toString()).isZero();
        assertThat(Cli.applied(db, "_migrations")).containsExactlyInAnyOrder("20250101000000_older", "20260101000000_create_users");
    }

    @Test
    void badValuesAreUsageErrorsWithTheLibrarysMessage() {
        cli.file("migrate.properties", "lockTimeout = soon\n");
        Cli.Result unparsable = cli.run("deploy");
        assertThat(unparsable.exitCode()).isEqualTo(2);
        assertThat(unparsable.stdout()).isEmpty();
        assertThat(unparsable.stderr()).isEqualTo("[INVALID_CONFIGURATION] lockTimeout = 'soon': must be a duration such as "
                + "500ms, 10s, 5min, 1h or PT10S\n  (set by the configuration file migrate.properties)\n");

        Cli.Result environment = cli.env("MIGRATE_LOCK_TIMEOUT", "0s").run("deploy");
        assertThat(environment.exitCode()).isEqualTo(2);
        assertThat(environment.stderr()).isEqualTo("[INVALID_CONFIGURATION] lockTimeout = 'PT0S': must be a positive "
                + "duration\n  (set by the environment variable MIGRATE_LOCK_TIMEOUT)\n");

        Cli.Result flag = cli.run("deploy", "--lock-timeout", "1s", "--table", "1bad");
        assertThat(flag.exitCode()).isEqualTo(2);
        assertThat(flag.stderr()).isEqualTo("[INVALID_CONFIGURATION] table = '1bad': must be 1 to 63 letters, digits, "
                + "'_' or '$', not starting with a digit or '$'\n  (set by the flag --table)\n");

        Cli.Result bool = cli.env("MIGRATE_OUT_OF_ORDER", "yes").run("deploy", "--lock-timeout", "1s");
        assertThat(bool.exitCode()).isEqualTo(2);
        assertThat(bool.stderr()).isEqualTo("[INVALID_CONFIGURATION] outOfOrder = 'yes': must be true or false\n"
                + "  (set by the environment variable MIGRATE_OUT_OF_ORDER)\n");

        cli.file("migrate.properties", "lockTimout = 5s\n");
        Cli.Result unknown = cli.run("deploy");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).isEqualTo("The configuration file migrate.properties has an unknown setting "
                + "'lockTimout'; settings are url, user, password, locations, schema, table, target, outOfOrder, "
                + "validateApplied, lockTimeout, lockWaitTimeout, statementTimeout, lockRetries, progressInterval, "
                + "seedLocation, schemaFile, integrityFile, lintOnDeploy, detectDrift, shadowDatabase, shadowInit and "
                + "placeholders.<name>\n");
        assertThat(Cli.column(db, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).isEmpty();
    }

    @Test
    void databaseUrlFromADotEnvFileAsPrismaReadsIt() {
        Cli noEnvironment = new Cli(dir).file(".env", "# Prisma's file\nexport DATABASE_URL=\"" + Cli.jdbcUrl(db)
                + "\"  \nMIGRATE_TABLE=history_dotenv # a comment\n");

        Cli.Result fromFile = noEnvironment.run("deploy");
        assertThat(fromFile.exitCode()).as(fromFile.toString()).isZero();
        assertThat(historyTables()).isEqualTo("history_dotenv");

        Cli.Result environmentWins = noEnvironment.env("MIGRATE_TABLE", "history_env").run("status");
        assertThat(environmentWins.exitCode()).isEqualTo(3);
        assertThat(environmentWins.stdout()).contains("\"public\".\"history_env\" does not exist yet");

        cli.file("conf/ci.env", "MIGRATE_TABLE=history_ci\nMIGRATE_LOCK_TIMEOUT=soon\n");
        Cli.Result other = new Cli(dir).run("status", "--env-file", "conf/ci.env", "--url", Cli.jdbcUrl(db));
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.stderr()).isEqualTo("[INVALID_CONFIGURATION] lockTimeout = 'soon': must be a duration such as "
                + "500ms, 10s, 5min, 1h or PT10S\n  (set by MIGRATE_LOCK_TIMEOUT in conf/ci.env)\n");

        Cli.Result missing = new Cli(dir).run("status", "--env-file", "conf/none.env");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr()).isEqualTo("The environment file conf/none.env does not exist\n");

        cli.file(".env", "DATABASE_URL=\"postgresql://unterminated\n");
        Cli.Result malformed = new Cli(dir).run("status");
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.stderr()).isEqualTo("The environment file .env has a double quote that is not closed, at line 1\n");
    }

    @Test
    void usageErrorsOnTheCommandLine() {
        Cli.Result unknownFlag = cli.run("deploy", "--tabel", "x");
        assertThat(unknownFlag.exitCode()).isEqualTo(2);
        assertThat(unknownFlag.stderr()).startsWith("Unknown options: '--tabel', 'x'\n")
                .endsWith("Run 'migrate deploy --help' for usage.\n");

        Cli.Result unknownCommand = cli.run("deplyo");
        assertThat(unknownCommand.exitCode()).isEqualTo(2);
        assertThat(unknownCommand.stderr()).startsWith("Unmatched argument at index 0: 'deplyo'\nDid you mean: migrate deploy ");

        Cli.Result nothing = cli.run();
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.stdout()).isEmpty();
        assertThat(nothing.stderr()).startsWith("Usage: migrate [-hV] [COMMAND]\n").contains("\nExit codes:\n");
    }

    @Test
    void helpOnEveryCommandWithExamples() {
        Cli.Result top = cli.run("--help");
        assertThat(top.exitCode()).isZero();
        assertThat(top.stdout()).contains("Commands:\n", "  deploy ", "  accept-checksum ", "  new ",
                "  3  status: migrations are pending; diff --exit-code: the schemas differ\n", "  diff ");
        for (String command : Main.COMMANDS) {
            Cli.Result help = cli.run(command, "--help");
            assertThat(help.exitCode()).as(command).isZero();
            assertThat(help.stdout()).as(command).startsWith("Usage: migrate " + command + " ")
                    .contains("\nExamples:\n  ", "\n  migrate " + command, "--url=URL");
            assertThat(help.stderr()).isEmpty();
        }
        Cli.Result version = cli.run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.stdout()).matches("migrate \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n");
    }

    @Test
    void progressOfALongMigrationAndLogsWhenVerbose() {
        cli.migration("20260102000000_slow", "SELECT pg_sleep(2.5);\n");

        Cli.Result quiet = cli.env("MIGRATE_PROGRESS_INTERVAL", "1s").run("deploy");

        assertThat(quiet.exitCode()).as(quiet.toString()).isZero();
        assertThat(quiet.stderr()).contains("  20260102000000_slow …\n",
                "Still applying 20260102000000_slow: statement 1 of 1 (line 1), 1 s so far\n");
        assertThat(quiet.stderr()).doesNotContain("DEBUG", "INFO Applied");

        Cli.Result verbose = cli.run("status", "--verbose");
        assertThat(verbose.exitCode()).isZero();
        assertThat(verbose.stdout()).endsWith("Database schema is up to date!\n");
        assertThat(verbose.stderr()).contains("DEBUG Database - Database: jdbc:postgresql://");
    }
}
