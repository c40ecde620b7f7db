package io.migrate.it;

import io.migrate.Migrator;
import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Settings in a script that change how the rest of it is read or sent. */
class ScriptSettingsIT {

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    private Migrator migrator(MigrationDir migrations) {
        return Migrator.configure(db.dataSource()).locations(migrations.location());
    }

    @Test
    void backslashEscapesAfterStandardConformingStringsOffEndStatementsWherePsqlEndsThem() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_escapes", """
                        CREATE TABLE t (id int, v text);
                        SET standard_conforming_strings = off;
                        INSERT INTO t VALUES (1, 'it\\'s; here');
                        INSERT INTO t VALUES (2, 'tab\\there');
                        """)
                .add("20260102000000_plain", "INSERT INTO t VALUES (3, 'back\\slash');\n");

        assertThat(migrator(migrations).deploy().applied()).hasSize(2);

        assertThat(db.column("SELECT v FROM t ORDER BY id")).containsExactly("it's; here", "tab\there", "back\\slash");
    }

    @Test
    void aDateStyleTheDriverCannotReadIsRefusedWithWhatToDoNotReportedAsALostConnection() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_dates", "CREATE TABLE d (v date);\nSET DateStyle = 'German';\nINSERT INTO d VALUES ('1.2.2026');\n");

        MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, migrator(migrations)::deploy);

        assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
        assertThat(e.sqlState()).isEqualTo("0A000");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("  Statement: SET DateStyle = 'German'\n  SQLSTATE 0A000: SET DateStyle with an"
                + " output format other than ISO cannot run through JDBC: the PostgreSQL driver reads dates in ISO format"
                + " only and closes the connection when the format changes. Keep ISO first (SET DateStyle = 'ISO, DMY'"
                + " still reads day-first input), or format dates with to_char\n")
                .contains("It ran in a transaction and was rolled back");
        assertThat(db.tableExists("d")).isFalse();
    }

    @Test
    void aDateStyleThatKeepsIsoOutputRunsAndChangesHowDatesAreRead() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_dates", "SET DateStyle = 'ISO, DMY';\nCREATE TABLE d AS SELECT '01/02/2026'::date AS v;\n");

        assertThat(migrator(migrations).deploy().applied()).hasSize(1);

        assertThat(db.column("SELECT v FROM d")).containsExactly("2026-02-01");
    }

    @Test
    void aClientEncodingOtherThanUtf8IsRefusedWithWhatToDo() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_encoding", "SET client_encoding = 'LATIN1';\nCREATE TABLE e (v text);\n");

        MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, migrator(migrations)::deploy);

        assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
        assertThat(e.getMessage()).contains("SQLSTATE 0A000: SET client_encoding to anything but UTF8 cannot run through"
                + " JDBC: the PostgreSQL driver exchanges text in UTF-8 only and closes the connection when the encoding"
                + " changes. Migration files are read as UTF-8 whatever this says; remove the SET");
        assertThat(migrator(new MigrationDir(dir).add("20260101000000_encoding",
                "SET client_encoding = 'UTF8';\nCREATE TABLE e (v text);\n")).deploy().applied()).hasSize(1);
    }
}
