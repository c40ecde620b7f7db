package io.migrate.spring;

import io.migrate.testkit.MigratedDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's two-line set-up without migrate-spring-boot-test: the JUnit extension and a dynamic property source. */
@SpringBootTest(classes = DynamicPropertySourceRecipeIT.App.class)
class DynamicPropertySourceRecipeIT {

    @RegisterExtension static final MigratedDatabase db = MigratedDatabase.postgres().perClass();
    @DynamicPropertySource static void database(DynamicPropertyRegistry r) { r.add("spring.datasource.url", db::jdbcUrl); r.add("spring.datasource.username", () -> db.database().user()); }

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theApplicationUsesTheClassDatabase() {
        assertThat(jdbc.queryForObject("SELECT current_database()", String.class)).isEqualTo(db.database().name());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM _migrations", Integer.class)).isEqualTo(2);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }
}
