package io.migrate.spring.actuate;

import io.migrate.api.MigrationState;
import io.migrate.api.MigrationStatus;
import io.migrate.api.StatusReport;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The health of the migrations, whichever Spring Boot line shows it: down when a migration is
 * failed (it blocks every later deploy until settled by hand); up otherwise, with what is pending
 * and anything else that needs settling in the details.
 *
 * @param up      whether the status is UP
 * @param details what the health endpoint shows under {@code migrate}
 */
public record MigrateHealth(boolean up, Map<String, Object> details) {

    public MigrateHealth {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** The health that {@code report} shows. */
    public static MigrateHealth of(StatusReport report) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("verdict", report.verdict().name());
        details.put("historyTable", report.historyTable());
        details.put("applied", report.in(MigrationState.APPLIED).size());
        details.put("pending", names(report.pending()));
        List<MigrationStatus> failed = report.in(MigrationState.FAILED);
        if (!failed.isEmpty()) {
            details.put("failed", names(failed));
        }
        List<String> problems = report.problems().stream()
                .filter(m -> m.state() != MigrationState.FAILED)
                .map(m -> m.name() + " (" + m.state() + ")")
                .toList();
        if (!problems.isEmpty()) {
            details.put("problems", problems);
        }
        return new MigrateHealth(failed.isEmpty(), details);
    }

    private static List<String> names(List<MigrationStatus> migrations) {
        return migrations.stream().map(MigrationStatus::name).toList();
    }
}
