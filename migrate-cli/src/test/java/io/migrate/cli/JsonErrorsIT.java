package io.migrate.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** With --json a failing command still prints one JSON object on standard output, with the exit code it has without. */
class JsonErrorsIT extends CommandFixture {

    @BeforeEach
    void setUp() {
        cli.migration("20260101000000_create_users", "CREATE TABLE users (id int PRIMARY KEY, name text);\n");
    }

    @Test
    void failedMigrationWithItsLineAndSqlState() {
        cli.migration("20260102000000_broken", "SELECT 1;\nUPDATE users SET nme = 'b';\n");

        Cli.Result plain = cli.run("deploy");
        Cli.Result json = cli.run("deploy", "--json");

        assertThat(json.exitCode()).as(json.toString()).isEqualTo(1).isEqualTo(plain.exitCode());
        assertThat(json.stdout()).isEqualTo("{\"error\":{\"code\":\"MIGRATION_FAILED\",\"exitCode\":1,\"message\":"
                + Json.quote(json.stderr().substring(json.stderr().indexOf("[MIGRATION_FAILED]")).strip()) + ",\"migration\":\"20260102000000_broken\",\"line\":2,"
                + "\"sqlState\":\"42703\",\"transactional\":true}}\n");
        assertThat(json.stderr()).startsWith("Applying 1 migration\n")
                .contains("\n[MIGRATION_FAILED] Migration 20260102000000_broken failed at line 2 of ");
    }

    @Test
    void validationProblemsEachWithItsCode() {
        assertThat(cli.run("deploy").exitCode()).isZero();
        cli.migration("20260101000000_create_users", "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n");

        Cli.Result json = cli.run("deploy", "--json");

        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(json.stdout()).startsWith("{\"error\":{\"code\":\"CHECKSUM_MISMATCH\",\"exitCode\":1,\"message\":\"")
                .endsWith("\"problems\":[{\"code\":\"CHECKSUM_MISMATCH\",\"migration\":\"20260101000000_create_users\","
                        + "\"detail\":" + Json.quote(json.stderr().lines().filter(l -> l.startsWith("  - "))
                        .findFirst().orElseThrow().substring("  - CHECKSUM_MISMATCH 20260101000000_create_users: ".length()))
                        + "}]}}\n");
    }

    @Test
    void usageErrorsOnTheCommandLineAndInSettings() {
        Cli.Result unknownFlag = cli.run("status", "--json", "--tabel", "x");
        assertThat(unknownFlag.exitCode()).isEqualTo(2);
        assertThat(unknownFlag.stdout()).isEqualTo("{\"error\":{\"code\":\"USAGE\",\"exitCode\":2,"
                + "\"message\":\"Unknown options: '--tabel', 'x'\"}}\n");

        Cli.Result badSetting = cli.run("plan", "--json", "--lock-timeout", "soon");
        assertThat(badSetting.exitCode()).isEqualTo(2);
        assertThat(badSetting.stdout()).isEqualTo("{\"error\":{\"code\":\"INVALID_CONFIGURATION\",\"exitCode\":2,"
                + "\"message\":\"[INVALID_CONFIGURATION] lockTimeout = 'soon': must be a duration such as 500ms, 10s, 5min, "
                + "1h or PT10S\\n  (set by the flag --lock-timeout)\"}}\n");

        Cli.Result noUrl = new Cli(dir).run("lint", "--json");
        assertThat(noUrl.exitCode()).isEqualTo(2);
        assertThat(noUrl.stdout()).startsWith("{\"error\":{\"code\":\"USAGE\",\"exitCode\":2,\"message\":\"No database URL: ");

        Cli.Result withoutJson = cli.run("status", "--tabel", "x");
        assertThat(withoutJson.stdout()).isEmpty();
    }

    @Test
    void connectionRefusedWithThePasswordMasked() {
        String password = "n0t-Th3-pa55word";
        for (String command : new String[] {"deploy", "status", "plan", "lint", "validate"}) {
            Cli.Result result = cli.run(command, "--json", "--url", "postgresql://app:" + password + "@127.0.0.1:1/app");

            assertThat(result.exitCode()).as(command).isEqualTo(1);
            assertThat(result.stdout()).as(command).startsWith("{\"error\":{\"code\":\"CONNECTION_FAILED\",\"exitCode\":1,"
                    + "\"message\":\"[CONNECTION_FAILED] Cannot connect to the database ").endsWith("}}\n");
            assertThat(result.all()).as(command).doesNotContain(password);
        }
        Cli.Result passwordInAMessage = cli.run("status", "--json", "--url", "jdbc:postgresql://127.0.0.1:1/app?password="
                + password, "--table", password);
        assertThat(passwordInAMessage.exitCode()).isEqualTo(2);
        assertThat(passwordInAMessage.stdout()).contains("table = '****'").doesNotContain(password);
    }
}
