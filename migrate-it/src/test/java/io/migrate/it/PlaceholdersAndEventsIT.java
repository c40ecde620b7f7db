package io.migrate.it;

import io.migrate.Migrator;
import io.migrate.api.AppliedMigration;
import io.migrate.api.DeployResult;
import io.migrate.api.ErrorCode;
import io.migrate.api.InvalidMigrationException;
import io.migrate.api.MigrationException;
import io.migrate.api.MigrationFailedException;
import io.migrate.api.MigrationListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** ${name} placeholders, and listeners that observe a deploy. */
class PlaceholdersAndEventsIT {

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @TempDir
    Path dir;

    @Test
    void placeholdersAreReplacedWhenConfiguredAndChangingAValueIsNotAnEdit() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_reporting", "CREATE SCHEMA ${schema};\nCREATE TABLE ${schema}.daily (day date, ${metric} bigint);\n");

        Migrator.configure(db.dataSource()).locations(migrations.location())
                .placeholders(Map.of("schema", "reporting", "metric", "signups")).deploy();
        assertThat(db.column("SELECT column_name FROM information_schema.columns WHERE table_schema = 'reporting'"
                + " AND table_name = 'daily' ORDER BY 1")).containsExactly("day", "signups");

        // Another environment's values: the file as written is unchanged, so it is still applied.
        Migrator.configure(db.dataSource()).locations(migrations.location())
                .placeholders(Map.of("schema", "reports_eu", "metric", "signups")).validate();
    }

    @Test
    void anUnknownPlaceholderIsAnErrorNamingTheFileAndLineBeforeAnythingRuns() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_a", "CREATE TABLE a (id int);\n")
                .add("20260102000000_grants", "CREATE TABLE b (id int);\n\nGRANT SELECT ON b TO ${reader_role};\n");

        InvalidMigrationException e = catchThrowableOfType(InvalidMigrationException.class, () -> Migrator.configure(db.dataSource())
                .locations(migrations.location()).placeholders(Map.of("writer_role", "app")).deploy());

        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_PLACEHOLDER);
        assertThat(e.line()).isEqualTo(3);
        Path file = migrations.root().resolve("20260102000000_grants").resolve("migration.sql");
        assertThat(e.getMessage()).isEqualTo("[UNKNOWN_PLACEHOLDER] Placeholder ${reader_role} at line 3 of " + file
                + " has no value. Known placeholders: writer_role; add it with placeholders(...)");
        assertThat(db.tableExists("a")).isFalse();
        assertThat(db.tableExists("_migrations")).isFalse();
    }

    @Test
    void withoutPlaceholdersConfiguredADollarBraceIsLeftAsWritten() throws Exception {
        MigrationDir migrations = new MigrationDir(dir).add("20260101000000_a", "CREATE TABLE a (t text DEFAULT '${not_a_placeholder}');\n");
        Migrator.configure(db.dataSource()).locations(migrations.location()).deploy();
        assertThat(db.column("SELECT column_default FROM information_schema.columns WHERE table_name = 'a'"))
                .containsExactly("'${not_a_placeholder}'::text");
    }

    @Test
    void listenersHearEachStepAndOneThatThrowsChangesNothing() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        MigrationListener recorder = new MigrationListener() {
            public void beforeDeploy(int pending) {
                events.add("beforeDeploy " + pending);
            }

            public void afterDeploy(DeployResult result) {
                events.add("afterDeploy " + result.applied().size());
            }

            public void beforeMigration(String name) {
                events.add("before " + name);
            }

            public void afterMigration(AppliedMigration m) {
                events.add("after " + m.name() + " " + m.statements());
            }

            public void onFailure(String name, MigrationException failure) {
                events.add("failed " + name + " " + failure.code());
            }
        };
        MigrationListener broken = new MigrationListener() {
            public void afterMigration(AppliedMigration m) {
                throw new IllegalStateException("metrics backend down");
            }
        };
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_a", "CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\n")
                .add("20260102000000_b", "CREATE TABLE b (id int);\n");

        Migrator.configure(db.dataSource()).locations(migrations.location()).listener(broken).listener(recorder).deploy();
        migrations.add("20260103000000_c", "SELECT * FROM nowhere;\n");
        assertThatThrownBy(() -> Migrator.configure(db.dataSource()).locations(migrations.location()).listener(recorder).deploy())
                .isInstanceOf(MigrationFailedException.class);

        assertThat(events).containsExactly("beforeDeploy 2", "before 20260101000000_a", "after 20260101000000_a 2",
                "before 20260102000000_b", "after 20260102000000_b 1", "afterDeploy 2",
                "beforeDeploy 1", "before 20260103000000_c", "failed 20260103000000_c MIGRATION_FAILED");
        assertThat(db.column("SELECT migration_name FROM _migrations WHERE finished_at IS NOT NULL ORDER BY 1"))
                .containsExactly("20260101000000_a", "20260102000000_b");
        assertThat(logs.lines()).anySatisfy(l -> assertThat(l).startsWith("WARN Listener ").contains("threw in afterMigration; ignored"));
    }
}
