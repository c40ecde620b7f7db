package io.migrate.testkit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** Runs small test classes through the JUnit engine and looks at what their databases became. */
class KeepOnFailureIT {

    /** The database each test of the classes below had, by test name. */
    static final Map<String, String> databases = new ConcurrentHashMap<>();

    private final PostgresServer server = PostgresServer.shared();
    private final List<String> kept = new ArrayList<>();

    static class KeepingTests {
        @RegisterExtension
        static final MigratedDatabase db = MigratedDatabase.postgres().keepOnFailure(true);

        @Test
        void fails(Database database) {
            databases.put("KeepingTests.fails", database.name());
            fail("on purpose");
        }

        @Test
        void passes(Database database) {
            databases.put("KeepingTests.passes", database.name());
        }
    }

    static class DroppingTests {
        @RegisterExtension
        static final MigratedDatabase db = MigratedDatabase.postgres().keepOnFailure(false);

        @Test
        void fails(Database database) {
            databases.put("DroppingTests.fails", database.name());
            fail("on purpose");
        }
    }

    static class PerClassKeepingTests {
        @RegisterExtension
        static final MigratedDatabase db = MigratedDatabase.postgres().perClass().keepOnFailure(true);

        @Test
        void passes(Database database) {
            databases.put("PerClassKeepingTests.passes", database.name());
        }

        @Test
        void fails(Database database) {
            databases.put("PerClassKeepingTests.fails", database.name());
            fail("on purpose");
        }
    }

    @MigratedPostgres(perClass = true)
    static class PerClassPassingTests {
        @Test
        void passes(Database database) {
            databases.put("PerClassPassingTests.passes", database.name());
        }
    }

    @AfterEach
    void dropKept() {
        kept.forEach(server::dropDatabase);
    }

    @Test
    void aFailedTestsDatabaseIsKeptAndItsUrlLogged() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            EngineTestKit.engine("junit-jupiter").selectors(selectClass(KeepingTests.class)).execute()
                    .testEvents().assertStatistics(s -> s.succeeded(1).failed(1));

            String failed = databases.get("KeepingTests.fails");
            kept.add(failed);
            assertThat(TestServers.exists(server, failed)).isTrue();
            assertThat(comment(failed)).matches("migrate-testkit kept \\d+ " + KeepingTests.class.getName().replace("$", "\\$") + "#fails");
            assertThat(TestServers.gone(server, databases.get("KeepingTests.passes"))).isTrue();
            assertThat(logs.text()).contains("WARN Kept the database of " + KeepingTests.class.getName() + "#fails: "
                    + server.jdbcUrl(failed) + " (user " + server.user() + ")");
        }
    }

    @Test
    void withoutKeepOnFailureAFailedTestsDatabaseIsDropped() throws Exception {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(DroppingTests.class)).execute()
                .testEvents().assertStatistics(s -> s.failed(1));

        assertThat(TestServers.gone(server, databases.get("DroppingTests.fails"))).isTrue();
    }

    @Test
    void aClassDatabaseIsKeptWhenOneOfItsTestsFailedAndDroppedWhenAllPassed() throws Exception {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(PerClassKeepingTests.class),
                selectClass(PerClassPassingTests.class)).execute()
                .testEvents().assertStatistics(s -> s.succeeded(2).failed(1));

        String shared = databases.get("PerClassKeepingTests.fails");
        kept.add(shared);
        assertThat(databases.get("PerClassKeepingTests.passes")).isEqualTo(shared);
        assertThat(TestServers.exists(server, shared)).isTrue();
        assertThat(comment(shared)).endsWith(PerClassKeepingTests.class.getName() + "#fails");
        assertThat(TestServers.gone(server, databases.get("PerClassPassingTests.passes"))).isTrue();
    }

    private String comment(String database) throws SQLException {
        try (PreparedStatement ps = TestServers.admin(server).prepareStatement(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }
}
