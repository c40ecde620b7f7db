package io.migrate.cli;

import io.migrate.api.MigrationException;
import io.migrate.cli.Configuration.Setting;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigurationTest {

    @Test
    void namesInEveryPlace() {
        assertThat(Setting.LOCK_WAIT_TIMEOUT.key).isEqualTo("lockWaitTimeout");
        assertThat(Setting.LOCK_WAIT_TIMEOUT.environmentName()).isEqualTo("MIGRATE_LOCK_WAIT_TIMEOUT");
        assertThat(Setting.LOCK_WAIT_TIMEOUT.flag()).isEqualTo("--lock-wait-timeout");
        assertThat(Setting.URL.environmentName()).isEqualTo("MIGRATE_URL");
        assertThat(Setting.SHADOW_DATABASE.key).isEqualTo("shadowDatabase");
        assertThat(Setting.SHADOW_DATABASE.environmentName()).isEqualTo("MIGRATE_SHADOW_DATABASE");
        assertThat(Setting.SHADOW_DATABASE.flag()).isEqualTo("--shadow-database-url");
        assertThat(Setting.DETECT_DRIFT.flag()).isEqualTo("--detect-drift");
    }

    @Test
    void durations() {
        assertThat(Configuration.duration(Setting.LOCK_TIMEOUT, "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Configuration.duration(Setting.LOCK_TIMEOUT, "10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Configuration.duration(Setting.LOCK_TIMEOUT, "5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Configuration.duration(Setting.LOCK_TIMEOUT, "5min")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Configuration.duration(Setting.LOCK_TIMEOUT, "2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Configuration.duration(Setting.LOCK_TIMEOUT, "1d")).isEqualTo(Duration.ofDays(1));
        assertThat(Configuration.duration(Setting.LOCK_TIMEOUT, "PT1M30S")).isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() -> Configuration.duration(Setting.LOCK_TIMEOUT, "soon"))
                .isInstanceOf(MigrationException.class)
                .hasMessage("[INVALID_CONFIGURATION] lockTimeout = 'soon': must be a duration such as 500ms, 10s, 5min, 1h or PT10S");
    }
}
