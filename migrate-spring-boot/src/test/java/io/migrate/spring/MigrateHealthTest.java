package io.migrate.spring;

import io.migrate.api.MigrationState;
import io.migrate.api.MigrationStatus;
import io.migrate.api.StatusReport;
import io.migrate.spring.actuate.MigrateHealth;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MigrateHealthTest {

    private static MigrationStatus status(String name, MigrationState state) {
        return new MigrationStatus(name, state, "c", null, null, null, 1, state == MigrationState.FAILED ? "boom" : null);
    }

    private static StatusReport report(MigrationStatus... migrations) {
        return new StatusReport("\"public\".\"_migrations\"", true, List.of("classpath:db"), List.of(migrations));
    }

    @Test
    void upToDate() {
        MigrateHealth health = MigrateHealth.of(report(status("1_a", MigrationState.APPLIED)));
        assertThat(health.up()).isTrue();
        assertThat(health.details()).containsExactly(Map.entry("verdict", "UP_TO_DATE"),
                Map.entry("historyTable", "\"public\".\"_migrations\""), Map.entry("applied", 1), Map.entry("pending", List.of()));
    }

    @Test
    void pendingIsUpAndListed() {
        MigrateHealth health = MigrateHealth.of(report(status("1_a", MigrationState.APPLIED),
                status("2_b", MigrationState.PENDING), status("3_c", MigrationState.ROLLED_BACK)));
        assertThat(health.up()).isTrue();
        assertThat(health.details()).containsEntry("verdict", "PENDING").containsEntry("pending", List.of("2_b", "3_c"))
                .doesNotContainKeys("failed", "problems");
    }

    @Test
    void failedIsDown() {
        MigrateHealth health = MigrateHealth.of(report(status("1_a", MigrationState.FAILED), status("2_b", MigrationState.PENDING)));
        assertThat(health.up()).isFalse();
        assertThat(health.details()).containsEntry("verdict", "PROBLEMS").containsEntry("failed", List.of("1_a"))
                .containsEntry("pending", List.of("2_b")).doesNotContainKey("problems");
    }

    @Test
    void otherProblemsAreReportedButUp() {
        MigrateHealth health = MigrateHealth.of(report(status("1_a", MigrationState.MODIFIED),
                status("2_b", MigrationState.MISSING), status("0_z", MigrationState.OUT_OF_ORDER)));
        assertThat(health.up()).isTrue();
        assertThat(health.details()).containsEntry("verdict", "PROBLEMS")
                .containsEntry("problems", List.of("1_a (MODIFIED)", "2_b (MISSING)", "0_z (OUT_OF_ORDER)"));
    }
}
