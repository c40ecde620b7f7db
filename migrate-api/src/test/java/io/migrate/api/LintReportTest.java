package io.migrate.api;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LintReportTest {

    private static final LintFinding REWRITE = new LintFinding("table-rewrite", LintFinding.Severity.ERROR,
            "rewrites \"events\" (41 M rows, 9 GB)", "20260102000000_widen", "C:\\db\\20260102000000_widen\\migration.sql", 3,
            "ALTER TABLE events ALTER COLUMN n TYPE bigint", "events",
            "Expand/contract:\n\tadd a column");
    private static final LintFinding TEXT = new LintFinding("prefer-text", LintFinding.Severity.INFO, "café is varchar(10)",
            "20260102000000_widen", null, 5, null, "events.café", "Declare café text");

    @Test
    void toJsonHoldsEveryFieldOfEveryFindingEscaped() {
        LintReport report = new LintReport(List.of("20260102000000_widen"), List.of(REWRITE, TEXT), true);

        assertThat(report.toJson()).isEqualTo("{\"errors\":true,\"sized\":true,\"migrations\":[\"20260102000000_widen\"],"
                + "\"findings\":[{\"rule\":\"table-rewrite\",\"severity\":\"ERROR\","
                + "\"message\":\"rewrites \\\"events\\\" (41 M rows, 9 GB)\",\"migration\":\"20260102000000_widen\","
                + "\"source\":\"C:\\\\db\\\\20260102000000_widen\\\\migration.sql\",\"line\":3,"
                + "\"statement\":\"ALTER TABLE events ALTER COLUMN n TYPE bigint\",\"object\":\"events\","
                + "\"alternative\":\"Expand/contract:\\n\\tadd a column\"},"
                + "{\"rule\":\"prefer-text\",\"severity\":\"INFO\",\"message\":\"café is varchar(10)\","
                + "\"migration\":\"20260102000000_widen\",\"source\":null,\"line\":5,\"statement\":null,"
                + "\"object\":\"events.café\",\"alternative\":\"Declare café text\"}]}");
    }

    @Test
    void toJsonOfAReportWithoutFindingsSaysNoErrors() {
        assertThat(new LintReport(List.of("a", "b"), List.of(), false).toJson())
                .isEqualTo("{\"errors\":false,\"sized\":false,\"migrations\":[\"a\",\"b\"],\"findings\":[]}");
        assertThat(LintReport.NONE.toJson()).isEqualTo("{\"errors\":false,\"sized\":false,\"migrations\":[],\"findings\":[]}");
    }
}
