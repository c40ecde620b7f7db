package io.migrate.it;

import io.migrate.Migrator;
import io.migrate.api.DeployResult;
import io.migrate.api.ErrorCode;
import io.migrate.api.InvalidMigrationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Migration files over 1 MiB are streamed: read, hashed and split a chunk at a time. They must
 * deploy, record and fail exactly as small files do.
 */
class LargeMigrationIT {

    private static final int ROWS = 20_000;

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    private static String inserts(String broken) {
        StringBuilder sql = new StringBuilder("-- migrate:statement-timeout 10min\n"
                + "CREATE TABLE big (id int PRIMARY KEY, note text NOT NULL);\n");
        for (int i = 1; i <= ROWS; i++) {
            sql.append("INSERT INTO big VALUES (").append(i).append(", 'row ").append(i)
                    .append("; it''s a row with some text to make the file larger than a mebibyte');\n");
            if (i == ROWS / 2 && broken != null) {
                sql.append(broken);
            }
        }
        return sql.toString();
    }

    @Test
    void aLargeFileIsAppliedInOneTransactionAndRecordedWithTheChecksumOfTheFileAsStored() throws Exception {
        String sql = "\uFEFF" + inserts(null);
        byte[] bytes = sql.getBytes(StandardCharsets.UTF_8);
        assertThat(bytes.length).isGreaterThan(1 << 20);
        MigrationDir migrations = new MigrationDir(dir).add("20260101000000_big", bytes);

        DeployResult result = Migrator.configure(db.dataSource()).locations(migrations.location()).deploy();

        assertThat(result.applied()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("20260101000000_big");
            assertThat(a.statements()).isEqualTo(ROWS + 1);
            assertThat(a.transactional()).isTrue();
        });
        assertThat(db.column("SELECT count(*) FROM big")).containsExactly(String.valueOf(ROWS));
        assertThat(db.column("SELECT note FROM big WHERE id = 7"))
                .containsExactly("row 7; it's a row with some text to make the file larger than a mebibyte");
        assertThat(db.column("SELECT checksum FROM _migrations"))
                .containsExactly(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        assertThat(Migrator.configure(db.dataSource()).locations(migrations.location()).deploy().upToDate()).isTrue();
    }

    @Test
    void aSyntaxErrorDeepInALargeFileStopsTheDeployBeforeAnythingIsApplied() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_first", "CREATE TABLE first (id int);\n")
                .add("20260102000000_big", inserts("SELECT $x$ never closed;\n"));
        int line = 2 + ROWS / 2 + 1;

        InvalidMigrationException e = catchThrowableOfType(InvalidMigrationException.class,
                () -> Migrator.configure(db.dataSource()).locations(migrations.location()).deploy());

        assertThat(e.code()).isEqualTo(ErrorCode.SCRIPT_SYNTAX);
        assertThat(e.getMessage()).isEqualTo("[SCRIPT_SYNTAX] Migration 20260102000000_big cannot be read at line " + line
                + " of " + migrations.location().substring("filesystem:".length()) + "/20260102000000_big/migration.sql"
                + ": unterminated dollar-quoted string $x$ starting here; check for a missing closing $x$");
        assertThat(db.tableExists("first")).isFalse();
    }

    @Test
    void aLargeFileThatIsNotUtf8IsRefusedAtItsLine() throws Exception {
        byte[] text = inserts(null).getBytes(StandardCharsets.UTF_8);
        int offset = text.length - 10;
        text[offset] = (byte) 0xC3;
        text[offset + 1] = (byte) 0x28;
        int line = 1;
        for (int i = 0; i < offset; i++) {
            line += text[i] == '\n' ? 1 : 0;
        }
        MigrationDir migrations = new MigrationDir(dir).add("20260101000000_big", text);

        InvalidMigrationException e = catchThrowableOfType(InvalidMigrationException.class,
                () -> Migrator.configure(db.dataSource()).locations(migrations.location()).deploy());

        String source = migrations.location().substring("filesystem:".length()) + "/20260101000000_big/migration.sql";
        assertThat(e.code()).isEqualTo(ErrorCode.FILE_NOT_UTF8);
        assertThat(e.getMessage()).isEqualTo("[FILE_NOT_UTF8] " + source + " is not valid UTF-8: byte 0xC3 at line " + line
                + " (byte offset " + offset + "). Save the file as UTF-8");
    }
}
