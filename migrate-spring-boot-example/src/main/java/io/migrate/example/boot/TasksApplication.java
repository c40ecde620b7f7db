package io.migrate.example.boot;

import io.migrate.testkit.Database;
import io.migrate.testkit.DatabaseTemplate;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import java.util.HashMap;
import java.util.Map;

/**
 * A Spring Boot application whose schema migrate deploys at start-up, before JPA checks it
 * ({@code ddl-auto=validate}).
 *
 * <p>The database is {@code spring.datasource.url} (or {@code SPRING_DATASOURCE_URL}), e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres} with {@code spring.datasource.username}. Without
 * one, it runs on an empty database from the testkit's server: {@code MIGRATE_TESTKIT_URL}'s, else an
 * embedded PostgreSQL, for as long as the application runs.
 */
@SpringBootApplication
public class TasksApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(TasksApplication.class);
        if (!configured(args)) {
            Database database = DatabaseTemplate.empty().prepare().newDatabase();
            Map<String, Object> defaults = new HashMap<>();
            defaults.put("spring.datasource.url", database.jdbcUrl());
            defaults.put("spring.datasource.username", database.user());
            defaults.put("spring.datasource.password", database.password() == null ? "" : database.password());
            application.setDefaultProperties(defaults);
        }
        application.run(args);
    }

    private static boolean configured(String[] args) {
        for (String arg : args) {
            if (arg.startsWith("--spring.datasource.url=")) {
                return true;
            }
        }
        return System.getProperty("spring.datasource.url") != null || System.getenv("SPRING_DATASOURCE_URL") != null;
    }
}
