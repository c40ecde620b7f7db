package io.migrate.it;

import io.migrate.Migrator;
import io.migrate.api.ErrorCode;
import io.migrate.api.StatusReport;
import io.migrate.api.ValidationException;
import io.migrate.schema.SchemaDiff;
import io.migrate.schema.SchemaSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Manual changes to a migrated database are named by drift detection, and the fix script removes them. */
class DriftIT {

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @TempDir
    Path dir;

    private MigrationDir migrations() {
        return new MigrationDir(dir)
                .add("20260101000000_users", """
                        CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL, created timestamptz DEFAULT now());
                        CREATE INDEX users_email_idx ON users (email);
                        """)
                .add("20260102000000_greet", """
                        CREATE FUNCTION greet(name text) RETURNS text LANGUAGE sql AS $$SELECT 'hi ' || name$$;
                        """);
    }

    @Test
    void eachManualChangeIsNamedAndTheFixScriptRemovesIt() throws Exception {
        MigrationDir migrations = migrations();
        Migrator migrator = Migrator.configure(db.dataSource()).locations(migrations.location()).detectDrift(true);
        migrator.deploy();
        migrations.add("20260103000000_pending", "CREATE TABLE later (id int);");

        StatusReport clean = migrator.status();
        assertThat(clean.drift()).hasValueSatisfying(d -> assertThat(d.isEmpty()).isTrue());
        assertThat(clean.hasDrift()).isFalse();
        assertThat(Migrator.configure(db.dataSource()).locations(migrations.location()).status().drift())
                .as("no drift check unless asked for").isEmpty();
        migrator.validate();

        db.execute("ALTER TABLE users ADD COLUMN nickname text");
        db.execute("DROP INDEX users_email_idx");
        db.execute("ALTER TABLE users ALTER COLUMN created SET DEFAULT clock_timestamp()");
        db.execute("CREATE OR REPLACE FUNCTION greet(name text) RETURNS text LANGUAGE sql AS $$SELECT 'hello ' || name$$");

        StatusReport drifted = migrator.status();
        assertThat(drifted.hasDrift()).isTrue();
        assertThat(drifted.verdict()).isEqualTo(StatusReport.Verdict.PROBLEMS);
        assertThat(drifted.toString()).contains("""
                Drift detected: the database schema is not in sync with the migration history.
                Compared with what the applied migrations create, the database has these changes:
                  [*] Changed functions: public.greet(text)
                  [*] Changed the "public.users" table
                    [-] Removed index "users_email_idx"
                    [*] Altered column "created" (default now() -> clock_timestamp())
                    [+] Added column "nickname"
                Put them in a new migration, or remove them with the SQL of drift().get().reverse().script().""");
        assertThat(drifted.toJson()).endsWith(",\"drift\":[\"public.users: [-] Removed index \\\"users_email_idx\\\"\","
                + "\"[*] Changed functions: public.greet(text)\","
                + "\"public.users: [*] Altered column \\\"created\\\" (default now() -> clock_timestamp())\","
                + "\"public.users: [+] Added column \\\"nickname\\\"\"]}");

        ValidationException e = catchThrowableOfType(ValidationException.class, migrator::validate);
        assertThat(e.code()).isEqualTo(ErrorCode.DRIFT_DETECTED);
        assertThat(e.getMessage()).isEqualTo("""
                [DRIFT_DETECTED] The database schema is not in sync with the migration history (drift):
                  - DRIFT_DETECTED public.users: [-] Removed index "users_email_idx"
                  - DRIFT_DETECTED public.greet(text): [*] Changed functions: public.greet(text)
                  - DRIFT_DETECTED public.users: [*] Altered column "created" (default now() -> clock_timestamp())
                  - DRIFT_DETECTED public.users: [+] Added column "nickname"
                Put the changes in a new migration, or remove them with the SQL of\
                 status().drift().get().reverse().script() (detectDrift(true) on)""");

        SchemaDiff fix = drifted.drift().orElseThrow().reverse();
        assertThat(fix.warnings()).containsExactly(
                "The column \"nickname\" of table \"public.users\" is dropped: all the data it holds will be lost.");
        SchemaDiffIT.run(db.dataSource(), fix.script());

        assertThat(migrator.status().hasDrift()).as("after the fix script:\n%s", fix.script()).isFalse();
        migrator.validate();
        assertThat(db.column("SELECT greet('x')")).containsExactly("hi x");

        migrations.delete("20260103000000_pending");
        db.execute("ALTER TABLE users ADD COLUMN nickname text");
        SchemaDiff toMigrations = migrator.diff(SchemaSource.database(), SchemaSource.migrations());
        assertThat(toMigrations.statements()).containsExactly("ALTER TABLE \"public\".\"users\" DROP COLUMN \"nickname\"");
    }

    @Test
    void theReplayIsKeptAsATemplateAndClonedNextTime() throws Exception {
        MigrationDir migrations = migrations().add("20260103000000_unique_" + System.nanoTime(), "CREATE TABLE t (id int);");
        Migrator migrator = Migrator.configure(db.dataSource()).locations(migrations.location()).detectDrift(true);
        migrator.deploy();
        migrator.status();
        String built = logs.lines().stream().filter(l -> l.startsWith("INFO Built the shadow template ")).findFirst().orElseThrow();
        String template = built.substring("INFO Built the shadow template ".length());

        long start = System.nanoTime();
        assertThat(migrator.status().hasDrift()).isFalse();
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(logs.lines().stream().filter(l -> l.startsWith("INFO Built the shadow template ")))
                .as("the second check clones the template (took %d ms)", millis).containsExactly(built);
        assertThat(db.column("SELECT datname FROM pg_database WHERE datname = '" + template + "'")).containsExactly(template);
    }
}
