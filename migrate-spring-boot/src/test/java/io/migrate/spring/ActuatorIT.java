package io.migrate.spring;

import io.migrate.spring.test.MigratedTestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code migrate} endpoint and health indicator over HTTP, on a database with one migration left pending. */
@SpringBootTest(classes = ActuatorIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "migrate.target=20260101090000_create_items",
        "management.endpoints.web.exposure.include=health,migrate",
        "management.endpoint.health.show-details=always"})
@MigratedTestDatabase(empty = true)
class ActuatorIT {

    @Autowired
    Environment environment;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void statusAsJsonAndHealthDownOnceAMigrationFailed() throws Exception {
        HttpResponse<String> status = get("/actuator/migrate");
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/json"));
        assertThat(status.body()).startsWith("{\"verdict\":\"PENDING\",\"historyTable\":\"\\\"public\\\".\\\"_migrations\\\"\","
                + "\"historyTableExists\":true,\"locations\":[\"classpath:db\"],\"migrations\":[{\"name\":"
                + "\"20260101090000_create_items\",\"state\":\"APPLIED\"");
        assertThat(status.body()).contains("{\"name\":\"20260102090000_add_item_price\",\"state\":\"PENDING\"");

        HttpResponse<String> health = get("/actuator/health/migrate");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"", "\"verdict\":\"PENDING\"", "\"applied\":1",
                "\"pending\":[\"20260102090000_add_item_price\"]").doesNotContain("\"failed\"");

        // What a migration that failed midway leaves in the history.
        jdbc.update("UPDATE _migrations SET finished_at = NULL, logs = 'boom' WHERE migration_name = '20260101090000_create_items'");
        HttpResponse<String> down = get("/actuator/health/migrate");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("\"status\":\"DOWN\"", "\"verdict\":\"PROBLEMS\"",
                "\"failed\":[\"20260101090000_create_items\"]");
        assertThat(get("/actuator/health").body()).contains("\"status\":\"DOWN\"");
    }

    private HttpResponse<String> get(String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }
}
