package io.migrate.testkit;

import io.migrate.api.MigrationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigratedDatabaseIT {

    @RegisterExtension
    static final MigratedDatabase db = MigratedDatabase.postgres().locations("classpath:db").seed();

    private static final Set<String> used = ConcurrentHashMap.newKeySet();

    private String fromBeforeEach;

    @BeforeEach
    void remember(Database database) {
        fromBeforeEach = database.name();
        used.add(database.name());
    }

    @Order(1)
    @RepeatedTest(3)
    void eachTestStartsFromTheSeedAlone(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            assertThat(TestServers.queryString(c, "SELECT count(*) FROM users")).isEqualTo("2");
            st.execute("INSERT INTO users (email, name) VALUES ('new@example.com', 'New')");
            st.execute("DELETE FROM orders");
            assertThat(TestServers.queryString(c, "SELECT count(*) FROM users")).isEqualTo("3");
        }
    }

    @Order(2)
    @Test
    void allParameterKindsAndTheFieldNameTheSameDatabase(DataSource ds, Database database, @JdbcUrl String url)
            throws SQLException {
        try (Connection c = ds.getConnection()) {
            assertThat(TestServers.queryString(c, "SELECT current_database()")).isEqualTo(database.name());
        }
        assertThat(database.name()).isEqualTo(fromBeforeEach).startsWith("mtk_db_");
        assertThat(database.jdbcUrl()).endsWith("/" + database.name());
        assertThat(url).isEqualTo(database.connectionUrl()).startsWith(database.jdbcUrl() + "?user=" + database.user());
        assertThat(db.database()).isSameAs(database);
        assertThat(db.jdbcUrl()).isEqualTo(url);
        // The README's example: the URL alone connects, as the testkit's user, to the test's database.
        try (Connection c = DriverManager.getConnection(url)) {
            assertThat(TestServers.queryString(c, "SELECT current_user || ' ' || current_database()"))
                    .isEqualTo(database.user() + " " + database.name());
        }
    }

    @Order(3)
    @Test
    void theDatabaseHoldsTheMigrationsAndTheSeed(Database database) throws SQLException {
        try (Connection c = database.connect()) {
            assertThat(TestServers.queryString(c, "SELECT string_agg(migration_name, ',' ORDER BY migration_name)"
                    + " FROM _migrations WHERE finished_at IS NOT NULL"))
                    .isEqualTo("20260301000000_create_users,20260302000000_create_orders,20260303000000_order_totals");
            assertThat(TestServers.queryString(c, "SELECT total_cents FROM user_totals WHERE email = 'ada@example.com'"))
                    .isEqualTo("1500");
            assertThat(TestServers.queryString(c, "SELECT count(*) FROM orders WHERE status = 'shipped'")).isEqualTo("1");
        }
    }

    @Order(4)
    @Test
    void theTemplateIsClosedToConnectionsAndMarkedAsTemplate() throws SQLException {
        DatabaseTemplate template = db.template();
        try (Statement st = TestServers.admin(template.server()).createStatement();
             var rs = st.executeQuery("SELECT datistemplate, datallowconn FROM pg_database WHERE datname = '"
                     + template.name() + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).isTrue();
            assertThat(rs.getBoolean(2)).isFalse();
        }
        assertThat(template.name()).matches("mtk_tpl_[0-9a-f]{32}");
    }

    @Order(5)
    @Test
    void settingsAreFrozenOnceTestsRun() {
        assertThatThrownBy(() -> db.poolSize(4))
                .isInstanceOf(MigrationException.class)
                .hasMessage("[INVALID_CONFIGURATION] MigratedDatabase is in use already: configure it where it is"
                        + " created, before the first test");
    }

    @AfterAll
    static void everyTestHadItsOwnDatabaseAndItIsDroppedAfterwards() throws Exception {
        assertThat(used).hasSize(7);
        PostgresServer server = PostgresServer.shared();
        for (String name : List.copyOf(used)) {
            assertThat(TestServers.gone(server, name)).as("%s is dropped", name).isTrue();
        }
    }
}
