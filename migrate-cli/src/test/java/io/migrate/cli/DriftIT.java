package io.migrate.cli;

import io.migrate.testkit.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** detectDrift, shadowDatabase and shadowInit from every place a setting comes from, with the shadow's password masked. */
class DriftIT extends CommandFixture {

    String shadow;
    String password;

    @BeforeEach
    void setUp() {
        shadow = db.name() + "_shadow";
        Cli.execute(db, "CREATE DATABASE " + shadow);
        password = db.password() == null ? ConnectionIT.INVENTED_PASSWORD.replace("@", "_").replace(":", "_") : db.password();
        cli.migration("20260101000000_create_users", "CREATE TABLE users (id int PRIMARY KEY, name text);\n");
        assertThat(cli.run("deploy").exitCode()).isZero();
    }

    @AfterEach
    void dropShadow() {
        Cli.execute(db, "DROP DATABASE IF EXISTS " + shadow + " WITH (FORCE)");
    }

    private String shadowUrl(String database) {
        return "postgresql://" + db.user() + ":" + password + "@" + Cli.hostAndPort(db) + "/" + database;
    }

    /** Tables the shadow database holds: the migrations replayed there, so it was the one used. */
    private String shadowTables() {
        String url = db.jdbcUrl().replace("/" + db.name(), "/" + shadow);
        try (var c = java.sql.DriverManager.getConnection(url, db.user(), db.password()); var rs = c.createStatement().executeQuery(
                "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'")) {
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void driftMakesStatusExit4AndNamesEachDifference() {
        Cli.Result clean = cli.run("status", "--detect-drift");
        assertThat(clean.exitCode()).as(clean.toString()).isZero();
        assertThat(clean.stdout()).endsWith("Database schema is up to date!\n");

        Cli.execute(db, "ALTER TABLE users ADD COLUMN email text");

        Cli.Result withoutCheck = cli.run("status");
        assertThat(withoutCheck.exitCode()).isZero();

        Cli.Result drifted = cli.run("status", "--detect-drift");
        assertThat(drifted.exitCode()).as(drifted.toString()).isEqualTo(4);
        assertThat(drifted.stdout()).contains("Drift detected: the database schema is not in sync with the migration history.\n",
                "    [+] Added column \"email\"\n");

        Cli.Result json = cli.env("MIGRATE_DETECT_DRIFT", "true").run("status", "--json");
        assertThat(json.exitCode()).isEqualTo(4);
        assertThat(json.stdout()).startsWith("{\"verdict\":\"PROBLEMS\",")
                .endsWith(",\"drift\":[\"public.users: [+] Added column \\\"email\\\"\"]}\n");

        Cli.Result flagWins = cli.run("status", "--no-detect-drift");
        assertThat(flagWins.exitCode()).isZero();

        Cli.Result validate = cli.run("validate", "--json");
        assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(1);
        assertThat(validate.stdout()).startsWith("{\"error\":{\"code\":\"DRIFT_DETECTED\",\"exitCode\":1,\"message\":"
                + "\"[DRIFT_DETECTED] ").endsWith(",\"problems\":[{\"code\":\"DRIFT_DETECTED\",\"migration\":\"public.users\","
                + "\"detail\":\"[+] Added column \\\"email\\\"\"}]}}\n");
        assertThat(validate.stderr()).startsWith("[DRIFT_DETECTED] The database schema is not in sync with the migration "
                + "history (drift):\n  - DRIFT_DETECTED public.users: [+] Added column \"email\"\n");
    }

    @Test
    void shadowDatabaseFromFileEnvironmentAndFlagWithItsPasswordMasked() {
        Cli.execute(db, "ALTER TABLE users ADD COLUMN email text");

        Cli.Result prismaVariable = cli.env("SHADOW_DATABASE_URL", shadowUrl(shadow)).run("status", "--detect-drift", "--verbose");
        assertThat(prismaVariable.exitCode()).as(prismaVariable.toString()).isEqualTo(4);
        assertThat(shadowTables()).isEqualTo("_migrations,users");
        assertThat(prismaVariable.all()).doesNotContain(password);

        // Below every other source: the file's value, a database that does not exist, wins over SHADOW_DATABASE_URL.
        cli.file("migrate.properties", "shadowDatabase = " + shadowUrl(shadow + "_none") + "\n");
        Cli.Result file = cli.run("status", "--detect-drift", "--json");
        assertThat(file.exitCode()).as(file.toString()).isEqualTo(1);
        assertThat(file.stdout()).startsWith("{\"error\":{\"code\":\"SHADOW_DATABASE_FAILED\",\"exitCode\":1,");
        assertThat(file.all()).doesNotContain(password);

        Cli.Result environment = cli.env("MIGRATE_SHADOW_DATABASE", shadowUrl(shadow)).run("status", "--detect-drift");
        assertThat(environment.exitCode()).as(environment.toString()).isEqualTo(4);

        Cli.Result flag = cli.run("validate", "--detect-drift", "--shadow-database-url", shadowUrl(shadow + "_none"));
        assertThat(flag.exitCode()).isEqualTo(1);
        assertThat(flag.stderr()).startsWith("[SHADOW_DATABASE_FAILED] ");
        assertThat(flag.all()).doesNotContain(password);

        Cli.Result same = cli.run("status", "--detect-drift", "--shadow-database-url", shadowUrl(db.name()));
        assertThat(same.exitCode()).isEqualTo(2);
        assertThat(same.stderr()).isEqualTo("[INVALID_CONFIGURATION] shadowDatabase = 'postgresql://" + Cli.hostAndPort(db)
                + "/" + db.name() + "': must be another database than url: a shadow database is emptied before each use\n"
                + "  (set by the flag --shadow-database-url)\n");
        assertThat(Cli.column(db, "SELECT count(*) FROM users")).containsExactly("0");
    }

    @Test
    void shadowInitAsSqlOrAFile() {
        cli.migration("20260102000000_uses_schema", "CREATE TABLE audit.events (id int);\n");
        String url = shadowUrl(shadow);

        Cli.Result without = cli.run("diff", "--from-empty", "--to-migrations", "--shadow-database-url", url);
        assertThat(without.exitCode()).as(without.toString()).isEqualTo(1);
        assertThat(without.stderr()).startsWith("[SHADOW_MIGRATION_FAILED] ");

        Cli.Result sql = cli.run("diff", "--from-empty", "--to-migrations", "--shadow-database-url", url,
                "--shadow-init", "CREATE SCHEMA audit");
        assertThat(sql.exitCode()).as(sql.toString()).isZero();
        assertThat(sql.stdout()).contains("audit.events");

        cli.file("shadow-init.sql", "CREATE SCHEMA audit;\n");
        Cli.Result file = cli.env("MIGRATE_SHADOW_INIT", "shadow-init.sql")
                .run("diff", "--from-empty", "--to-migrations", "--shadow-database-url", url);
        assertThat(file.exitCode()).as(file.toString()).isZero();
        assertThat(file.stdout()).contains("audit.events");

        Cli.Result missing = cli.run("diff", "--from-empty", "--to-migrations", "--shadow-init", "nope.sql");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr()).isEqualTo("[INVALID_CONFIGURATION] shadowInit = 'nope.sql': names a file that cannot "
                + "be read (NoSuchFileException); give SQL statements or the path of a readable .sql file\n"
                + "  (set by the flag --shadow-init)\n");
    }
}
