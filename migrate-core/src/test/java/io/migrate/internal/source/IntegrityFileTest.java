package io.migrate.internal.source;

import io.migrate.api.Checksum;
import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntegrityFileTest {

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    private static String total(String lines) {
        return Checksum.sha256(lines.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aMatchingFilePasses() {
        String lines = "1_a " + A + "\n2_b " + B + "\n";
        IntegrityFile.compare("db/migrations.sum", "# c\n" + lines + "total " + total(lines) + "\n", Map.of("1_a", A, "2_b", B));
    }

    @Test
    void aLeftoverMergeConflictIsNamedWithItsLine() {
        String text = "1_a " + A + "\n<<<<<<< HEAD\n2_b " + B + "\n=======\n2_c " + B + "\n>>>>>>> theirs\ntotal x\n";
        assertThatThrownBy(() -> IntegrityFile.compare("db/migrations.sum", text, Map.of("1_a", A, "2_b", B, "2_c", B)))
                .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTEGRITY_MISMATCH))
                .hasMessageContaining("  - line 2: not \"<folder> <sha256>\" (a leftover merge conflict marker?): <<<<<<< HEAD\n");
    }

    @Test
    void aChangedTotalIsCaught() {
        String lines = "1_a " + A + "\n";
        assertThatThrownBy(() -> IntegrityFile.compare("db/migrations.sum", lines + "total " + B + "\n", Map.of("1_a", A)))
                .hasMessageContaining("  - total: " + B + " is not the checksum of the lines above it (" + total(lines) + ")");
    }

    @Test
    void writeListsEachFolderInOrderAndATotal(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("2_b"));
        Files.writeString(dir.resolve("2_b/migration.sql"), "SELECT 2;");
        Files.createDirectories(dir.resolve("1_a"));
        Files.writeString(dir.resolve("1_a/migration.sql"), "SELECT 1;");
        String text = Files.readString(IntegrityFile.write(dir));
        String lines = "1_a " + Checksum.sha256("SELECT 1;".getBytes(StandardCharsets.UTF_8)) + "\n2_b "
                + Checksum.sha256("SELECT 2;".getBytes(StandardCharsets.UTF_8)) + "\n";
        assertThat(text).endsWith(lines + "total " + total(lines) + "\n");
        IntegrityFile.compare("x", text, Map.of("1_a", Checksum.sha256("SELECT 1;".getBytes(StandardCharsets.UTF_8)),
                "2_b", Checksum.sha256("SELECT 2;".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void largeScriptsAreCheckedTooAndAnEditIsCaught(@TempDir Path dir) throws Exception {
        String big = "SELECT '" + "x".repeat((int) LargeFile.THRESHOLD) + "';\n";
        Files.createDirectories(dir.resolve("1_big"));
        Files.writeString(dir.resolve("1_big/migration.sql"), big);
        IntegrityFile.write(dir);
        java.util.List<Location> locations = java.util.List.of(Location.parse("filesystem:" + dir));
        IntegrityFile.check(locations, getClass().getClassLoader());

        Files.writeString(dir.resolve("1_big/migration.sql"), big.replace("SELECT 'x", "SELECT 'y"));
        assertThatThrownBy(() -> IntegrityFile.check(locations, getClass().getClassLoader()))
                .isInstanceOfSatisfying(MigrationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INTEGRITY_MISMATCH);
                    assertThat(e.getMessage()).contains("1_big: migration.sql has checksum "
                            + Checksum.sha256(big.replace("SELECT 'x", "SELECT 'y").getBytes(StandardCharsets.UTF_8)));
                });
    }
}
