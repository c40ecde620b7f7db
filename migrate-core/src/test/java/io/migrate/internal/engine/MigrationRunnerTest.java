package io.migrate.internal.engine;

import io.migrate.spi.SqlStatement;
import io.migrate.spi.SqlStatement.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationRunnerTest {

    private static final List<SqlStatement> FOUR = List.of(new SqlStatement("a", 1, Kind.NON_TRANSACTIONAL),
            new SqlStatement("b", 3, Kind.NON_TRANSACTIONAL), new SqlStatement("c", 6, Kind.NON_TRANSACTIONAL),
            new SqlStatement("d", 9, Kind.NON_TRANSACTIONAL));

    @Test
    void saysWhichStatementsTookEffectFailedAndNeverRan() {
        assertThat(MigrationRunner.progress(FOUR, 0, false))
                .isEqualTo("failed: statement 1 (line 1); not run: statements 2–4 (lines 3–9).");
        assertThat(MigrationRunner.progress(FOUR, 2, false))
                .isEqualTo("Took effect: statements 1–2 (lines 1–3); failed: statement 3 (line 6); not run: statement 4 (line 9).");
        assertThat(MigrationRunner.progress(FOUR, 3, true))
                .isEqualTo("Took effect: statements 1–3 (lines 1–6); interrupted: statement 4 (line 9).");
        assertThat(MigrationRunner.progress(FOUR, 4, false)).isEqualTo("Took effect: statements 1–4 (lines 1–9).");
    }
}
