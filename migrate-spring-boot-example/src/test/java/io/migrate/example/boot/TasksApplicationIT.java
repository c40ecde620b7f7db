package io.migrate.example.boot;

import io.migrate.spring.test.MigratedTestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The application starts on an empty database, migrates it before JPA validates it, and serves requests. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@MigratedTestDatabase(empty = true)
class TasksApplicationIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    Environment environment;

    @Test
    void servesTasksOnTheSchemaItMigrated() throws Exception {
        HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/tasks"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Write the release notes\",\"priority\":2}")));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).matches("\\{\"id\":\\d+,\"title\":\"Write the release notes\",\"priority\":2,\"done\":false}");
        send(HttpRequest.newBuilder(uri("/tasks")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Tag the release\",\"priority\":5}")));

        HttpResponse<String> open = send(HttpRequest.newBuilder(uri("/tasks")).GET());
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(open.body()).matches("\\[\\{\"id\":\\d+,\"title\":\"Tag the release\",\"priority\":5,\"done\":false},"
                + "\\{\"id\":\\d+,\"title\":\"Write the release notes\",\"priority\":2,\"done\":false}]");

        HttpResponse<String> migrate = send(HttpRequest.newBuilder(uri("/actuator/migrate")).GET());
        assertThat(migrate.body()).startsWith("{\"verdict\":\"UP_TO_DATE\"")
                .contains("\"name\":\"20260201090000_create_tasks\",\"state\":\"APPLIED\"",
                        "\"name\":\"20260202090000_add_task_priority\",\"state\":\"APPLIED\"");
        HttpResponse<String> health = send(HttpRequest.newBuilder(uri("/actuator/health")).GET());
        assertThat(health.statusCode()).isEqualTo(200);
        // Spring Boot 3 and 4 write the keys in different orders.
        String migrateHealth = health.body().substring(health.body().indexOf("\"migrate\":{"));
        assertThat(migrateHealth.substring(0, migrateHealth.indexOf('}', migrateHealth.indexOf('}') + 1) + 1))
                .contains("\"status\":\"UP\"", "\"verdict\":\"UP_TO_DATE\"", "\"applied\":2", "\"pending\":[]");
    }

    @Test
    void rejectsABlankTitle() throws Exception {
        HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/tasks")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\" \",\"priority\":1}")));
        assertThat(refused.statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path);
    }
}
