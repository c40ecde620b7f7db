package io.migrate.internal.source;

import io.migrate.api.Checksum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReadCacheTest {

    @TempDir
    Path dir;

    private Migration readOnly() {
        List<Migration> all = MigrationReader.read(List.of(Location.parse("filesystem:" + dir)),
                getClass().getClassLoader()).migrations();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private static String sha(String text) {
        return Checksum.sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFileWhoseSizeAndModificationTimeAreUnchangedIsNotReadAgain() throws Exception {
        Path file = Files.createDirectories(dir.resolve("20260101000000_init")).resolve("migration.sql");
        Files.writeString(file, "CREATE TABLE a (id int);\n");
        FileTime time = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
        Files.setLastModifiedTime(file, time);
        assertThat(readOnly().checksum()).isEqualTo(sha("CREATE TABLE a (id int);\n"));

        // Same size, same time: the identity is unchanged, so what was read before stands.
        Files.writeString(file, "CREATE TABLE b (id int);\n");
        Files.setLastModifiedTime(file, time);
        assertThat(readOnly().checksum()).isEqualTo(sha("CREATE TABLE a (id int);\n"));

        // Any change of time or size is a new identity, read and hashed again.
        Files.setLastModifiedTime(file, FileTime.fromMillis(time.toMillis() + 1000));
        Migration again = readOnly();
        assertThat(again.checksum()).isEqualTo(sha("CREATE TABLE b (id int);\n"));
        assertThat(again.script()).isEqualTo("CREATE TABLE b (id int);\n");
        Files.writeString(file, "CREATE TABLE bc (id int);\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(time.toMillis() + 1000));
        assertThat(readOnly().checksum()).isEqualTo(sha("CREATE TABLE bc (id int);\n"));
    }

    @Test
    void aFileModifiedJustNowIsReadEveryTime() throws Exception {
        Path file = Files.createDirectories(dir.resolve("20260101000000_init")).resolve("migration.sql");
        Files.writeString(file, "CREATE TABLE a (id int);\n");
        FileTime time = Files.getLastModifiedTime(file);
        assertThat(readOnly().checksum()).isEqualTo(sha("CREATE TABLE a (id int);\n"));

        // Rewritten within the same tick of the file system's clock: the time alone would not show it.
        Files.writeString(file, "CREATE TABLE b (id int);\n");
        Files.setLastModifiedTime(file, time);
        assertThat(readOnly().checksum()).isEqualTo(sha("CREATE TABLE b (id int);\n"));
    }

    @Test
    void largeFilesAreReadEveryTime() throws Exception {
        Path file = Files.createDirectories(dir.resolve("20260101000000_big")).resolve("migration.sql");
        String big = "SELECT '" + "x".repeat(ReadCache.LARGEST_KEPT) + "';\n";
        Files.writeString(file, big);
        FileTime time = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
        Files.setLastModifiedTime(file, time);
        assertThat(readOnly().checksum()).isEqualTo(sha(big));

        String other = big.replace("SELECT 'x", "SELECT 'y");
        Files.writeString(file, other);
        Files.setLastModifiedTime(file, time);
        assertThat(readOnly().checksum()).isEqualTo(sha(other));
    }
}
