package io.migrate.it;

import io.migrate.Migrator;
import io.migrate.api.DeployResult;
import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;
import io.migrate.api.MigrationFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A database that refuses writes, as one does when it is made read-only (a standby, a full disk
 * handled by switching to read-only, an operator's {@code default_transaction_read_only}): each
 * deploy fails with a clear code and the server's words, writes nothing, and once writes are
 * allowed again a deploy completes.
 */
class ReadOnlyDatabaseIT {

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    @Test
    void onAnEmptyReadOnlyDatabaseCreatingTheHistoryTableFailsAndNothingIsWritten() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_a", "CREATE TABLE a (id int);\n")
                .add("20260102000000_b", "CREATE TABLE b (id int);\n");
        readOnly(true);

        MigrationException e = catchThrowableOfType(MigrationException.class, () -> migrator(migrations).deploy());

        assertThat(e.code()).isEqualTo(ErrorCode.DATABASE_ERROR);
        assertThat(e.getMessage())
                .startsWith("[DATABASE_ERROR] The database refused reading or creating the history table \"public\".\"_migrations\"")
                .contains("SQLSTATE 25006")
                .contains("cannot execute CREATE TABLE in a read-only transaction");
        assertThat(db.column("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).isEmpty();
        assertNoLockHeld();

        readOnly(false);
        assertThat(migrator(migrations).deploy().applied()).extracting(a -> a.name())
                .containsExactly("20260101000000_a", "20260102000000_b");
    }

    @Test
    void aTransactionalMigrationOnAReadOnlyDatabaseFailsWithNothingHalfWrittenAndIsAppliedOnceWritable() throws Exception {
        MigrationDir migrations = new MigrationDir(dir).add("20260101000000_a", "CREATE TABLE a (id int);\n");
        migrator(migrations).deploy();
        migrations.add("20260102000000_b", "CREATE TABLE b (id int);\nINSERT INTO a VALUES (1);\n");
        List<String> history = history();
        readOnly(true);

        MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, () -> migrator(migrations).deploy());

        assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
        assertThat(e.migration()).isEqualTo("20260102000000_b");
        assertThat(e.sqlState()).isEqualTo("25006");
        assertThat(e.getMessage())
                .startsWith("[MIGRATION_FAILED] Migration 20260102000000_b failed at line 1 of ")
                .contains("SQLSTATE 25006")
                .contains("cannot execute CREATE TABLE in a read-only transaction")
                .contains("nothing of it was applied");
        assertThat(db.tableExists("b")).isFalse();
        assertThat(db.column("SELECT count(*) FROM a")).containsExactly("0");
        assertThat(history()).as("history: the failed attempt could not be recorded either").isEqualTo(history);
        assertNoLockHeld();

        readOnly(false);
        DeployResult result = migrator(migrations).deploy();
        assertThat(result.applied()).extracting(a -> a.name()).containsExactly("20260102000000_b");
        assertThat(db.column("SELECT count(*) FROM a")).containsExactly("1");
    }

    /**
     * The failed attempt of a transactional migration is normally recorded as rolled back; on a
     * read-only database that record is refused too, so the message must not claim it was made.
     */
    @Test
    void aFailedAttemptThatCouldNotBeRecordedIsNotReportedAsRecorded() throws Exception {
        MigrationDir migrations = new MigrationDir(dir).add("20260101000000_a", "CREATE TABLE a (id int);\n");
        migrator(migrations).deploy();
        migrations.add("20260102000000_b", "CREATE TABLE b (id int);\n");
        readOnly(true);

        MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, () -> migrator(migrations).deploy());

        assertThat(db.column("SELECT count(*) FROM _migrations WHERE migration_name = '20260102000000_b'"))
                .as("no row records the attempt").containsExactly("0");
        assertThat(e.getSuppressed()).as("the refused record is attached to the failure").isNotEmpty();
        assertThat(e.getMessage()).contains("nothing of it was applied")
                .doesNotContain("attempt is recorded as rolled back")
                .contains("The attempt could not be recorded either (SQLSTATE 25006");
    }

    @Test
    void aNonTransactionalMigrationOnAReadOnlyDatabaseIsNotStartedAndDoesNotBlockLaterDeploys() throws Exception {
        MigrationDir migrations = new MigrationDir(dir).add("20260101000000_a", "CREATE TABLE a (id int, label text);\n");
        migrator(migrations).deploy();
        migrations.add("20260102000000_index", "CREATE INDEX CONCURRENTLY a_label_idx ON a (label);\n");
        List<String> history = history();
        readOnly(true);

        MigrationException e = catchThrowableOfType(MigrationException.class, () -> migrator(migrations).deploy());

        assertThat(e.code()).isEqualTo(ErrorCode.DATABASE_ERROR);
        assertThat(e.getMessage())
                .startsWith("[DATABASE_ERROR] The database refused recording the start of 20260102000000_index in"
                        + " \"public\".\"_migrations\"")
                .contains("SQLSTATE 25006")
                .contains("cannot execute INSERT in a read-only transaction");
        assertThat(history()).isEqualTo(history);
        assertThat(db.column("SELECT count(*) FROM pg_class WHERE relname = 'a_label_idx'")).containsExactly("0");
        assertNoLockHeld();

        readOnly(false);
        assertThat(migrator(migrations).deploy().applied()).extracting(a -> a.name()).containsExactly("20260102000000_index");
        assertThat(db.column("SELECT indisvalid FROM pg_index WHERE indexrelid = 'a_label_idx'::regclass")).containsExactly("t");
    }

    private Migrator migrator(MigrationDir migrations) {
        return Migrator.configure(db.dataSource()).locations(migrations.location());
    }

    /** Makes new sessions of the test database read-only, or writable again; a session of its own does it. */
    private void readOnly(boolean on) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("SET default_transaction_read_only = off");
            st.execute("ALTER DATABASE \"" + db.name() + "\" SET default_transaction_read_only = " + (on ? "on" : "off"));
        }
    }

    private List<String> history() throws Exception {
        return db.column("SELECT id || ' ' || coalesce(finished_at::text, '-') || ' ' || coalesce(rolled_back_at::text, '-')"
                + " || ' ' || applied_steps_count FROM _migrations ORDER BY started_at, migration_name");
    }

    private void assertNoLockHeld() throws Exception {
        assertThat(db.column("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")).containsExactly("0");
    }
}
