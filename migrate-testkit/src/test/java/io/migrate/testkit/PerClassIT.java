package io.migrate.testkit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The annotation form, with one database for the whole class. */
@MigratedPostgres(locations = "classpath:db", seed = "classpath:db/seed.sql", perClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PerClassIT {

    private static String name;

    @BeforeAll
    static void receivesTheClassDatabase(Database database) {
        name = database.name();
    }

    @Order(1)
    @Test
    void writes(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO users (email, name) VALUES ('kept@example.com', 'Kept')");
        }
    }

    @Order(2)
    @Test
    void laterTestsOfTheClassSeeWhatEarlierOnesWrote(Database database) throws SQLException {
        assertThat(database.name()).isEqualTo(name);
        try (Connection c = database.connect()) {
            assertThat(TestServers.queryString(c, "SELECT count(*) FROM users")).isEqualTo("3");
        }
    }

    @AfterAll
    static void stillThereInAfterAll(Database database) throws SQLException {
        assertThat(database.name()).isEqualTo(name);
        assertThat(TestServers.exists(database.server(), name)).isTrue();
    }
}
