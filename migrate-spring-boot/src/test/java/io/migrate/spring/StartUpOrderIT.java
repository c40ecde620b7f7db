package io.migrate.spring;

import io.migrate.spring.test.MigratedTestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On an empty database, a bean that reads through {@code JdbcTemplate} while it is created sees the
 * migrated table filled by {@code spring.sql.init}: migrations ran first, the data script second.
 */
@SpringBootTest(classes = StartUpOrderIT.App.class, properties = {
        "spring.sql.init.mode=always", "spring.sql.init.data-locations=classpath:ordering/data.sql"})
@MigratedTestDatabase(empty = true)
class StartUpOrderIT {

    @Autowired
    ItemsAtStartUp itemsAtStartUp;

    @Autowired
    MigrateInitializer initializer;

    @Test
    void migrationsThenDataScriptThenDatabaseUsers() {
        assertThat(initializer.result().orElseThrow().applied()).hasSize(2);
        assertThat(itemsAtStartUp.names()).containsExactly("from data.sql");
    }

    record ItemsAtStartUp(java.util.List<String> names) {
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        ItemsAtStartUp itemsAtStartUp(JdbcTemplate jdbc) {
            return new ItemsAtStartUp(jdbc.queryForList("SELECT name FROM items ORDER BY id", String.class));
        }
    }
}
