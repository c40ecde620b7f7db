package io.migrate.testkit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The annotation form, with one database for the whole class. Each test stands alone, in any order;
 * that they shared one database is checked once all have run.
 */
@MigratedPostgres(locations = "classpath:db", seed = "classpath:db/seed.sql", perClass = true)
class PerClassIT {

    private static final int SEEDED_USERS = 2;
    private static String name;

    @BeforeAll
    static void receivesTheClassDatabase(Database database) {
        name = database.name();
    }

    @Test
    void aTestGetsTheClassDatabaseThroughADataSource(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            assertThat(TestServers.queryString(c, "SELECT current_database()")).isEqualTo(name);
            insertAndFind(c, "first@example.com");
        }
    }

    @Test
    void aTestGetsTheClassDatabaseThroughItsHandle(Database database) throws SQLException {
        assertThat(database.name()).isEqualTo(name);
        try (Connection c = database.connect()) {
            insertAndFind(c, "second@example.com");
        }
    }

    private static void insertAndFind(Connection c, String email) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("INSERT INTO users (email, name) VALUES ('" + email + "', 'Written')");
        }
        assertThat(TestServers.queryString(c, "SELECT count(*) FROM users WHERE email = '" + email + "'")).isEqualTo("1");
    }

    @AfterAll
    static void everyTestWroteIntoTheSameDatabaseAndItIsStillThere(Database database) throws SQLException {
        assertThat(database.name()).isEqualTo(name);
        assertThat(TestServers.exists(database.server(), name)).isTrue();
        try (Connection c = database.connect()) {
            assertThat(TestServers.queryString(c, "SELECT count(*) FROM users")).isEqualTo(String.valueOf(SEEDED_USERS + 2));
        }
    }
}
