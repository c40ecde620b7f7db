package io.migrate.internal.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LocationScannerTest {

    @TempDir
    Path dir;

    /** The size the scan saw may be out of date by the time the file is read: the file as it is then wins. */
    @Test
    void aFileIsReadWholeWhateverSizeTheScanSaw() throws Exception {
        Path file = Files.writeString(dir.resolve("migration.sql"), "CREATE TABLE a (id int);\n");
        byte[] expected = "CREATE TABLE a (id int);\n".getBytes(StandardCharsets.UTF_8);

        assertThat(LocationScanner.read(file, expected.length)).isEqualTo(expected);
        assertThat(LocationScanner.read(file, 5)).as("grown since").isEqualTo(expected);
        assertThat(LocationScanner.read(file, 10_000)).as("shrunk since").isEqualTo(expected);

        String big = "x".repeat(100_000);
        Files.writeString(file, big);
        assertThat(LocationScanner.read(file, 3)).isEqualTo(big.getBytes(StandardCharsets.UTF_8));

        Files.writeString(file, "");
        assertThat(LocationScanner.read(file, 0)).isEmpty();
        assertThat(LocationScanner.read(file, 7)).isEmpty();
    }
}
