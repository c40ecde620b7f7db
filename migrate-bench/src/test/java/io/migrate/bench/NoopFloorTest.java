package io.migrate.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NoopFloorTest {

    @Test
    void hashesEachMigrationFileBySha256UnderItsFolderName(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("20260101000000_a"));
        Files.writeString(dir.resolve("20260101000000_a").resolve("migration.sql"), "abc");

        assertThat(NoopFloor.checksums(dir)).isEqualTo(Map.of("20260101000000_a",
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    @Test
    void theCorpusHashesAsThisLibraryRecordsIt(@TempDir Path dir) throws Exception {
        Layout layout = Layout.write(dir.resolve("c"), Corpus.generate(30));

        Map<String, String> checksums = NoopFloor.checksums(layout.prisma());

        assertThat(checksums).hasSize(30).allSatisfy((name, sum) -> assertThat(sum).matches("[0-9a-f]{64}"));
        NoopFloor.compare(Map.copyOf(checksums), checksums);
    }

    @Test
    void aChangedFileIsAMismatch() {
        assertThatThrownBy(() -> NoopFloor.compare(Map.of("m1", "aa"), Map.of("m1", "bb")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("checksum mismatch: m1 was applied as aa, the file hashes to bb");
    }

    @Test
    void aFileNotInTheHistoryIsPending() {
        assertThatThrownBy(() -> NoopFloor.compare(Map.of("m1", "aa"), Map.of("m1", "aa", "m2", "cc")))
                .isInstanceOf(IllegalStateException.class).hasMessage("pending: m2 is not in the history");
    }

    @Test
    void aHistoryRowWithoutAFileIsReported() {
        assertThatThrownBy(() -> NoopFloor.compare(Map.of("m1", "aa", "m0", "dd"), Map.of("m1", "aa")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the history holds 2 migrations, the directory 1");
    }

    @Test
    void theColdNoOpRowsCompareThisLibraryWithTheFloorAndShowTheJvmAlone() {
        Report report = new Report();
        for (String key : List.of(Scenarios.NOOP_COLD_DEPLOY, Scenarios.NOOP_COLD, Scenarios.NOOP_COLD_RSS)) {
            report.add(key, key, Tool.MIGRATE, Report.Unit.MS, List.of(300.0), 0, null);
            report.add(key, key, Tool.FLYWAY, Report.Unit.MS, List.of(600.0), 0, null);
            report.add(key, key, Tool.RAW_JDBC_NOOP, Report.Unit.MS, List.of(200.0), 0, null);
        }

        Bench.noopFloor(report, "1,000", Optional.of(Stats.of(List.of(40.0, 42.0, 41.0))));

        assertThat(report.render()).contains("| raw JDBC | 1 | 200.0 ms | 200.0 ms | 200.0 ms | 0.33x |");
        assertThat(report.renderVerdicts()).contains(
                "| no-op deploy, 1,000 applied, cold: against the raw JDBC floor (read the history, hash the files,"
                        + " compare) | call 1.50x, process wall 1.50x, peak RSS 1.50x of raw JDBC | reported |",
                "| no-op deploy, cold: peak RSS of a JVM that only starts (same flags and class path) | 41.0 MiB"
                        + " (median of 3) | reported |");
    }

    @Test
    void aRepeatCheckHashesAgainOnlyWhatChangedSizeOrTime(@TempDir Path dir) throws Exception {
        Path file = Files.createDirectories(dir.resolve("20260101000000_a")).resolve("migration.sql");
        Files.writeString(file, "abc");
        java.nio.file.attribute.FileTime time = java.nio.file.attribute.FileTime.fromMillis(1_700_000_000_000L);
        Files.setLastModifiedTime(file, time);
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertThat(NoopFloor.checksums(dir)).containsEntry("20260101000000_a", abc);

        // Same size and time: known without reading it, as a warm tool may.
        Files.writeString(file, "xyz");
        Files.setLastModifiedTime(file, time);
        assertThat(NoopFloor.checksums(dir)).containsEntry("20260101000000_a", abc);

        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(1_700_000_001_000L));
        assertThat(NoopFloor.checksums(dir)).containsEntry("20260101000000_a",
                "3608bca1e44ea6c4d268eb6db02260269892c0b42b86bbf1e77a6fa16c3c9282");
    }

    @Test
    void theWarmNoOpIsComparedWithItsFloor() {
        Report report = new Report();
        report.add(Scenarios.NOOP_WARM, "warm", Tool.MIGRATE, Report.Unit.MS, List.of(24.0), 0, null);
        report.add(Scenarios.NOOP_WARM, "warm", Tool.RAW_JDBC_NOOP, Report.Unit.MS, List.of(20.0), 0, null);

        Bench.noopFloor(report, "1,000", Optional.empty());

        assertThat(report.renderVerdicts()).contains("| no-op deploy, 1,000 applied, warm: against the raw JDBC floor"
                + " (connect, read the history, look at each file, compare) | 1.20x of raw JDBC (20.0 ms) | reported |");
    }
}
