package io.migrate.internal.source;

import io.migrate.api.Checksum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LargeFileTest {

    @TempDir
    Path dir;

    private static String sha(String text) {
        return Checksum.sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFileOverOneMebibyteIsHashedAndCheckedWithoutBeingHeld() throws Exception {
        String crlf = "INSERT INTO t VALUES ('ünïcode; \r in a string');\r\n".repeat(30_000) + "\r";
        Path file = Files.createDirectories(dir.resolve("20260101000000_big")).resolve("migration.sql");
        Files.writeString(file, crlf);

        List<Migration> read = MigrationReader.read(List.of(Location.parse("filesystem:" + dir)),
                getClass().getClassLoader()).migrations();

        Migration m = read.get(0);
        assertThat(m.large()).isNotNull();
        assertThat(m.bytes()).isNull();
        assertThat(m.checksum()).isEqualTo(sha(crlf));
        assertThat(m.script()).isEqualTo(crlf);
        String lf = crlf.replace("\r\n", "\n");
        assertThat(m.matches(sha(lf))).as("the same file checked out with LF line ends").isTrue();
        assertThat(m.matches(sha(lf.replace("\n", "\r\n")))).isTrue();
        assertThat(m.matches(sha(lf + " "))).isFalse();
        // the same rules as for a file held in memory
        Migration small = new Migration("x", "x", crlf.getBytes(StandardCharsets.UTF_8), sha(crlf), crlf);
        assertThat(small.matches(sha(lf))).isTrue();
    }
}
