package io.migrate.spring;

import io.migrate.spring.test.MigratedTestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code @MigratedTestDatabase} points the application's DataSource at a migrated clone of its own. */
@SpringBootTest(classes = MigratedTestDatabaseIT.App.class)
@MigratedTestDatabase
class MigratedTestDatabaseIT {

    @Autowired
    DataSource dataSource;

    @Autowired
    Environment environment;

    @Autowired
    MigrateInitializer initializer;

    @Test
    void theApplicationRunsOnAMigratedCloneOfItsOwn() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.getCatalog()).startsWith("mtk_db_");
            assertThat(connection.getMetaData().getURL()).isEqualTo(environment.getProperty("spring.datasource.url"));
        }
        assertThat(new JdbcTemplate(dataSource).queryForList("SELECT migration_name FROM _migrations ORDER BY 1",
                String.class)).containsExactly("20260101090000_create_items", "20260102090000_add_item_price");
        // The application's own deploy at start-up found everything applied in the template.
        assertThat(initializer.result().orElseThrow().upToDate()).isTrue();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }
}
