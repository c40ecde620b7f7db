package io.migrate.spring;

import io.migrate.spring.test.MigratedTestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Without locations of its own, {@code @MigratedTestDatabase} migrates the template from the application's migrate.* settings. */
@SpringBootTest(classes = MigratedTestDatabaseLocationsIT.App.class,
        properties = {"migrate.locations[0]=classpath:alt", "migrate.table=_alt_history"})
@MigratedTestDatabase
class MigratedTestDatabaseLocationsIT {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MigrateInitializer initializer;

    @Test
    void templateFollowsTheApplicationsProperties() {
        assertThat(jdbc.queryForList("SELECT migration_name FROM _alt_history", String.class))
                .containsExactly("20260301090000_create_notes");
        assertThat(initializer.result().orElseThrow().upToDate()).isTrue();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }
}
