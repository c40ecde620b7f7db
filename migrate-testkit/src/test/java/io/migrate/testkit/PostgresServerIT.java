package io.migrate.testkit;

import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresServerIT {

    /** No Docker engine listens there, whatever the machine has. */
    private static final Map<String, String> NO_DOCKER = Map.of("DOCKER_HOST", "tcp://127.0.0.1:1");

    @Test
    void aDemandedTestcontainersProviderFailsWhenDockerIsNotReachable() throws Exception {
        try (ChildJvm child = ChildJvm.start(List.of("-Dmigrate.testkit.provider=testcontainers",
                "-D" + PostgresServer.URL_PROPERTY + "=jdbc:postgresql://127.0.0.1:1/postgres"), NO_DOCKER, "server")) {
            assertThat(child.waitFor(120)).as(child.output()).isEqualTo(2);
            assertThat(child.output()).contains("ERROR [CONNECTION_FAILED] migrate.testkit.provider = testcontainers"
                    + " demands Testcontainers, but no Docker engine is reachable");
        }
    }

    @Test
    void withoutUrlAndDockerTheEmbeddedServerIsChosenAndTheReasonLogged() throws Exception {
        try (ChildJvm child = ChildJvm.start(List.of(), NO_DOCKER, "server")) {
            assertThat(child.waitFor(180)).as(child.output()).isEqualTo(0);
            assertThat(child.output())
                    .contains("(embedded chosen: no URL given and no Docker engine is reachable)")
                    .contains("PROVIDER embedded");
        }
    }

    @Test
    void aDemandedUrlProviderWithoutUrlFails() throws Exception {
        try (ChildJvm child = ChildJvm.start(List.of("-Dmigrate.testkit.provider=url"), NO_DOCKER, "server")) {
            assertThat(child.waitFor(120)).as(child.output()).isEqualTo(2);
            assertThat(child.output()).contains("ERROR [INVALID_CONFIGURATION] migrate.testkit.provider = url demands an"
                    + " existing server, but no URL is given");
        }
    }

    @Test
    void aServerOfAnotherMajorVersionThanDemandedIsRefused() {
        int actual = PostgresServer.shared().majorVersion();
        int other = actual == 13 ? 14 : 13;
        Map<String, String> settings = new HashMap<>(TestServers.sameServer());
        settings.put(PostgresServer.VERSION_PROPERTY, String.valueOf(other));

        assertThatThrownBy(() -> PostgresServer.start(Setting.of(settings), PostgresServer.systemProbes()))
                .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessageContaining("migrate.testkit.postgres-version = '" + other + "', but the url server")
                .hasMessageContaining("is PostgreSQL " + actual + ". Point migrate.testkit.url at a server of that version");
    }

    @Test
    void aVersionOutsideTheSupportedRangeIsRejected() {
        Map<String, String> settings = new HashMap<>(TestServers.sameServer());
        settings.put(PostgresServer.VERSION_PROPERTY, "12");

        assertThatThrownBy(() -> PostgresServer.start(Setting.of(settings), PostgresServer.systemProbes()))
                .hasMessage("[INVALID_CONFIGURATION] migrate.testkit.postgres-version = '12': must be a PostgreSQL major"
                        + " version from 13 to 18");
    }

    @Test
    void passwordsReachNeitherMessagesNorLogs() throws Exception {
        String secret = "s3cret-Pa55";
        Map<String, String> unreachable = Map.of(PostgresServer.URL_PROPERTY,
                "jdbc:postgresql://127.0.0.1:1/postgres?user=app&password=" + secret);
        Map<String, String> notJdbc = Map.of(PostgresServer.URL_PROPERTY, "postgres://app:x@h/db?password=" + secret);
        try (LogCapture logs = new LogCapture()) {
            assertThatThrownBy(() -> PostgresServer.start(Setting.of(unreachable), PostgresServer.systemProbes()))
                    .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED))
                    .hasMessageContaining("Cannot use the test PostgreSQL existing server 127.0.0.1:1 as app")
                    .message().doesNotContain(secret);
            assertThatThrownBy(() -> PostgresServer.start(Setting.of(notJdbc), PostgresServer.systemProbes()))
                    .hasMessageContaining("postgres://h/db': not a PostgreSQL JDBC URL")
                    .message().doesNotContain(secret).doesNotContain("app:x");

            PostgresServer shared = PostgresServer.shared();
            if (shared.password() == null) {
                // The server trusts its clients: any password works, and must still stay hidden.
                Map<String, String> settings = new HashMap<>(TestServers.sameServer());
                settings.put(PostgresServer.URL_PROPERTY, shared.jdbcUrl(shared.adminDatabase()) + "?password=" + secret);
                PostgresServer server = PostgresServer.start(Setting.of(settings), PostgresServer.systemProbes());
                try (Database db = DatabaseTemplate.postgres().server(server).poolSize(0).prepare().newDatabase();
                     Connection c = db.connect()) {
                    assertThat(c.isValid(1)).isTrue();
                    db.keep("a test that looks at logs");
                    assertThat(db.jdbcUrl() + db + server).doesNotContain(secret);
                    // The URL a test receives carries the password, encoded, so that it connects on its own.
                    assertThat(db.connectionUrl()).isEqualTo(db.jdbcUrl() + "?user=" + db.user() + "&password="
                            + URLEncoder.encode(secret, StandardCharsets.UTF_8));
                    try (Connection byUrl = DriverManager.getConnection(db.connectionUrl())) {
                        assertThat(byUrl.isValid(1)).isTrue();
                    }
                    server.dropDatabase(db.name());
                } finally {
                    server.stop();
                }
            }
            assertThat(logs.lines()).isNotEmpty();
            assertThat(logs.text()).doesNotContain(secret);
        }
    }
}
