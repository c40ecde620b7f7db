package io.migrate.cli;

import io.migrate.testkit.Database;
import io.migrate.testkit.MigratedDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** URL forms, where the URL comes from, and that no password is ever printed. */
class ConnectionIT {

    /** A password with characters that must be percent-encoded in a URL; the server may ignore it (trust). */
    static final String INVENTED_PASSWORD = "Pa55:w@rd-7f3k";
    static final String ENCODED_PASSWORD = "Pa55%3Aw%40rd-7f3k";

    @RegisterExtension
    final MigratedDatabase extension = MigratedDatabase.empty();

    @TempDir
    Path dir;

    Database db;
    Cli cli;
    String password;
    String encodedPassword;

    @BeforeEach
    void setUp() {
        db = extension.database();
        cli = new Cli(dir).migration("20260101000000_create_users", "CREATE TABLE users (id int);\n");
        password = db.password() == null ? INVENTED_PASSWORD : db.password();
        encodedPassword = db.password() == null ? ENCODED_PASSWORD : java.net.URLEncoder.encode(password,
                java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String prismaUrl(String scheme, String query) {
        return scheme + "://" + db.user() + ":" + encodedPassword + "@" + Cli.hostAndPort(db) + "/" + db.name() + query;
    }

    @Test
    void jdbcUrlWithItsUserAsAParameter() {
        Cli.Result result = cli.run("deploy", "--url", Cli.jdbcUrl(db));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(Cli.applied(db, "public._migrations")).containsExactly("20260101000000_create_users");
    }

    @Test
    void jdbcUrlWithUserAndPasswordFlags() {
        Cli.Result result = cli.run("deploy", "--url", db.jdbcUrl(), "--user", db.user(), "--password", password);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.all()).doesNotContain(password);
        assertThat(Cli.applied(db, "public._migrations")).containsExactly("20260101000000_create_users");
    }

    @Test
    void prismaUrlWithSchemaDeploysIntoThatSchema() {
        Cli.Result result = cli.env("DATABASE_URL",
                prismaUrl("postgresql", "?schema=sales&sslmode=disable&connection_limit=5&connect_timeout=10")).run("deploy");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(Cli.applied(db, "sales._migrations")).containsExactly("20260101000000_create_users");
        assertThat(Cli.column(db, "SELECT schemaname FROM pg_tables WHERE tablename = 'users'")).containsExactly("sales");
        assertThat(result.all()).doesNotContain(password).doesNotContain(encodedPassword);

        Cli.Result status = cli.run("status");
        assertThat(status.exitCode()).isZero();
        assertThat(status.stdout()).isEqualTo("1 migration found in filesystem:db\n\nDatabase schema is up to date!\n");
    }

    @Test
    void schemaFlagBeatsTheUrlsSchema() {
        Cli.Result result = cli.run("deploy", "--url", prismaUrl("postgres", "?schema=sales"), "--schema", "billing");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(Cli.applied(db, "billing._migrations")).containsExactly("20260101000000_create_users");
        assertThat(Cli.column(db, "SELECT nspname FROM pg_namespace WHERE nspname = 'sales'")).isEmpty();
    }

    @Test
    void urlFlagBeatsMigrateUrlWhichBeatsDatabaseUrl() {
        String nowhere = "postgresql://" + db.user() + "@" + Cli.hostAndPort(db) + "/no_such_database_cli";
        cli.env("DATABASE_URL", nowhere).env("MIGRATE_URL", Cli.jdbcUrl(db));

        assertThat(cli.run("deploy").exitCode()).isZero();
        Cli.Result flag = cli.run("status", "--url", nowhere);
        assertThat(flag.exitCode()).isEqualTo(1);
        assertThat(flag.stderr()).startsWith("[CONNECTION_FAILED] Cannot connect to the database")
                .contains("no_such_database_cli");
    }

    @Test
    void missingOrForeignUrlIsAUsageError() {
        Cli.Result none = cli.run("status");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.stdout()).isEmpty();
        assertThat(none.stderr()).isEqualTo("No database URL: pass --url, or set DATABASE_URL, MIGRATE_URL or url in "
                + "migrate.properties (e.g. postgresql://user:password@localhost:5432/app)\n");

        Cli.Result foreign = cli.env("DATABASE_URL", "mysql://root:" + password + "@localhost/app").run("deploy");
        assertThat(foreign.exitCode()).isEqualTo(2);
        assertThat(foreign.stderr()).isEqualTo("The database URL mysql://localhost/app is not a JDBC URL "
                + "(jdbc:postgresql://…) nor a postgresql:// or postgres:// URL\n");
    }

    @Test
    void unreachableServerExitsOneWithoutThePassword() {
        Cli.Result result = cli.run("deploy", "--verbose", "--url",
                "postgresql://someone:" + ENCODED_PASSWORD + "@127.0.0.1:1/app?connect_timeout=2");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("[CONNECTION_FAILED] Cannot connect to the database (SQLSTATE 08001: "
                + "Connection to 127.0.0.1:1 refused.");
        assertThat(result.all()).doesNotContain(INVENTED_PASSWORD).doesNotContain(ENCODED_PASSWORD);
    }

    @Test
    void passwordIsMaskedEvenWhereTheDatabaseRepeatsIt() {
        cli.migration("20260102000000_leaky", "SELECT '" + password.replace("'", "''") + "'::int;\n");

        for (String[] args : new String[][] {
                {"deploy", "--verbose", "--url", prismaUrl("postgresql", "")},
                {"deploy", "--verbose", "--url", db.jdbcUrl() + "?user=" + db.user() + "&password=" + encodedPassword},
                {"deploy", "--verbose", "--url", db.jdbcUrl(), "--user", db.user(), "--password", password}}) {
            Cli.Result result = cli.run(args);

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            assertThat(result.stderr()).contains("[MIGRATION_FAILED] Migration 20260102000000_leaky failed at line 1",
                    "SELECT '****'::int", "invalid input syntax for type integer: \"****\"");
            assertThat(result.all()).doesNotContain(password).doesNotContain(encodedPassword);
        }

        Cli.Result fromEnvironment = cli.env("MIGRATE_PASSWORD", password).env("MIGRATE_USER", db.user())
                .env("DATABASE_URL", db.jdbcUrl()).run("status", "--json", "--verbose");
        assertThat(fromEnvironment.exitCode()).as(fromEnvironment.toString()).isEqualTo(3);
        assertThat(fromEnvironment.stdout()).contains("\"name\":\"20260102000000_leaky\",\"state\":\"ROLLED_BACK\"",
                "invalid input syntax for type integer: \\\"****\\\"");
        assertThat(fromEnvironment.all()).doesNotContain(password);
    }
}
