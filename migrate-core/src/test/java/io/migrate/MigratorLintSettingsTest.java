package io.migrate;

import io.migrate.api.MigrationException;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigratorLintSettingsTest {

    /** Never asked for a connection: the setters fail before anything runs. */
    private static final DataSource NO_DATABASE = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
            new Class<?>[]{DataSource.class}, (proxy, method, args) -> {
                throw new AssertionError("no connection expected");
            });

    @Test
    void lintSinceNeedsAMigrationName() {
        assertThatThrownBy(() -> Migrator.configure(NO_DATABASE).lintSince(" ")).isInstanceOf(MigrationException.class)
                .hasMessage("[INVALID_CONFIGURATION] lintSince = ' ': must name a migration, e.g. 20260213123456_add_user_name");
        assertThatThrownBy(() -> Migrator.configure(NO_DATABASE).lintSince(null)).isInstanceOf(MigrationException.class)
                .hasMessage("[INVALID_CONFIGURATION] lintSince = null: must name a migration, e.g. 20260213123456_add_user_name");
    }

    @Test
    void lintLatestNeedsAPositiveCount() {
        assertThatThrownBy(() -> Migrator.configure(NO_DATABASE).lintLatest(0)).isInstanceOf(MigrationException.class)
                .hasMessage("[INVALID_CONFIGURATION] lintLatest = '0': must be 1 or more");
    }
}
