package io.migrate.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTest {

    @Test
    void theCostCurveListsTheSizesThatRan() {
        Report report = new Report();
        report.add("apply-a", "apply 100", Tool.MIGRATE, Report.Unit.MS, List.of(500.0), 0, null);
        report.add("apply-a", "apply 100", Tool.FLYWAY, Report.Unit.MS, List.of(1000.0), 0, null);
        report.add("noop-a", "no-op 100", Tool.MIGRATE, Report.Unit.MS, List.of(5.0), 0, null);
        report.add("noop-a", "no-op 100", Tool.FLYWAY, Report.Unit.MS, List.of(12.5), 0, null);

        String curve = report.renderCurve(List.of(new Report.CurvePoint(100, "apply-a", "noop-a"),
                new Report.CurvePoint(10_000, "apply-c", "noop-c")));

        assertThat(curve).isEqualTo("""
                | migrations | apply: migrate | apply: Flyway | no-op: migrate | no-op: Flyway |
                |--:|--:|--:|--:|--:|
                | 100 | 500.0 ms | 1,000 ms | 5.00 ms | 12.5 ms |
                """);
    }

    @Test
    void verdictsSayPassMissOrReported() {
        Report report = new Report();
        report.add("k", "label", Tool.MIGRATE, Report.Unit.MS, List.of(1.0), 1, "boom");
        report.target("k", Tool.MIGRATE, "fast", "1 ms", true);
        report.target("k", Tool.MIGRATE, "faster", "1 ms", false);
        report.note("share", "2 ms");

        assertThat(report.failures("k", Tool.MIGRATE)).isEqualTo(1);
        assertThat(report.renderVerdicts()).isEqualTo("""
                | target | measured | result |
                |---|---|---|
                | fast | 1 ms | pass |
                | faster | 1 ms | **MISS** |
                | share | 2 ms | reported |
                """);
    }
}
