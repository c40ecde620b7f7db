package io.migrate.testkit;

import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseTemplateTest {

    @Test
    void settersRejectBadValuesNamingTheProperty() {
        DatabaseTemplate.Builder builder = DatabaseTemplate.postgres();

        assertThatThrownBy(() -> builder.poolSize(-1))
                .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessage("[INVALID_CONFIGURATION] poolSize = '-1': must be from 0 to 32");
        assertThatThrownBy(() -> builder.seed(" "))
                .hasMessage("[INVALID_CONFIGURATION] seed = ' ': must be a classpath: or filesystem: path of an SQL file");
        assertThatThrownBy(() -> builder.locations("http://example.com/db"))
                .hasMessage("[INVALID_CONFIGURATION] locations = 'http://example.com/db': must start with classpath: or filesystem:");
        assertThatThrownBy(() -> builder.table("bad name"))
                .hasMessageStartingWith("[INVALID_CONFIGURATION] table = 'bad name': must be 1 to 63 letters");
        assertThatThrownBy(() -> builder.server(null))
                .hasMessage("[INVALID_CONFIGURATION] server = null: must not be null");
    }

    @Test
    void theExtensionChecksItsSettingsTheSameWay() {
        assertThatThrownBy(() -> MigratedDatabase.postgres().schema("1st"))
                .hasMessageStartingWith("[INVALID_CONFIGURATION] schema = '1st': must be 1 to 63 letters");
        assertThatThrownBy(() -> MigratedDatabase.postgres().poolSize(33))
                .hasMessage("[INVALID_CONFIGURATION] poolSize = '33': must be from 0 to 32");
    }

    @Test
    void emptyDatabasesTakeNoMigrationSettings() {
        String rule = ": an empty database runs no migrations and no seed; use DatabaseTemplate.postgres() or"
                + " MigratedDatabase.postgres() for migrated databases";
        DatabaseTemplate.Builder empty = DatabaseTemplate.empty();
        assertThatThrownBy(() -> empty.locations("classpath:db"))
                .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessage("[INVALID_CONFIGURATION] locations" + rule);
        assertThatThrownBy(empty::seed).hasMessage("[INVALID_CONFIGURATION] seed" + rule);
        assertThatThrownBy(() -> empty.seed("classpath:db/seed.sql")).hasMessage("[INVALID_CONFIGURATION] seed" + rule);
        assertThatThrownBy(() -> empty.schema("app")).hasMessage("[INVALID_CONFIGURATION] schema" + rule);
        assertThatThrownBy(() -> MigratedDatabase.empty().table("history")).hasMessage("[INVALID_CONFIGURATION] table" + rule);
    }

    @Test
    void outsideATestThereIsNoCurrentDatabase() {
        assertThatThrownBy(() -> MigratedDatabase.postgres().dataSource())
                .isInstanceOf(MigrationException.class)
                .hasMessageStartingWith("[INVALID_CONFIGURATION] No test database on this thread");
    }
}
