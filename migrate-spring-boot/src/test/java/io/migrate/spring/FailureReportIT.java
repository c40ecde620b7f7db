package io.migrate.spring;

import io.migrate.testkit.Database;
import io.migrate.testkit.MigratedDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A failed migration at start-up is reported by Spring Boot with the library's message, not a stack trace. */
@ExtendWith(OutputCaptureExtension.class)
class FailureReportIT {

    @RegisterExtension
    static final MigratedDatabase db = MigratedDatabase.empty();

    @Test
    void failedMigrationIsTheDescription(Database database, CapturedOutput output) {
        SpringApplication application = new SpringApplication(App.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(() -> application.run("--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.user(), "--migrate.locations=classpath:broken"))
                .hasRootCauseInstanceOf(org.postgresql.util.PSQLException.class);
        assertThat(output.toString().replace("\r\n", "\n")).contains("""
                APPLICATION FAILED TO START
                ***************************

                Description:

                [MIGRATION_FAILED] Migration 20260102090000_bad_insert failed at line 3 of classpath:broken/20260102090000_bad_insert/migration.sql
                  Statement: INSERT INTO items (nmae) VALUES ('second')
                  SQLSTATE 42703: ERROR: column "nmae" of relation "items" does not exist
                    Position: 20
                It ran in a transaction and was rolled back: nothing of it was applied. The attempt is recorded as \
                rolled back. Fix the migration and deploy again; it will be retried.

                Action:

                Do what the description above says, then start the application again. To start without migrating \
                meanwhile, set migrate.mode=none.
                """);
        assertThat(output.toString()).doesNotContain("\tat io.migrate");
    }

    @Test
    void pendingMigrationsInValidateMode(Database database, CapturedOutput output) {
        SpringApplication application = new SpringApplication(App.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(() -> application.run("--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.user(), "--migrate.mode=validate"));
        assertThat(output.toString().replace("\r\n", "\n")).contains("""
                Description:

                [PENDING_MIGRATIONS] 2 migrations are not applied to the database of "public"."_migrations": \
                20260101090000_create_items, 20260102090000_add_item_price. With migrate.mode=validate the application \
                starts only on a database that is up to date: deploy them first (with migrate.mode=deploy, or in the \
                deploy step of your pipeline), then start it again

                Action:

                Deploy the pending migrations, or set migrate.mode=deploy to apply them at start-up.
                """);
    }

    @Test
    void passwordsNeverReachTheOutput(Database database, CapturedOutput output) {
        SpringApplication application = new SpringApplication(App.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        String url = database.jdbcUrl() + (database.jdbcUrl().contains("?") ? "&" : "?") + "password=url-secret-7431";
        // The server trusts local connections, so the passwords are sent but not needed.
        assertThatThrownBy(() -> application.run("--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.user(), "--migrate.url=" + url,
                "--migrate.user=" + database.user(), "--migrate.password=property-secret-9902",
                "--migrate.locations=classpath:broken"));
        assertThat(output.toString()).contains("APPLICATION FAILED TO START", "[MIGRATION_FAILED]")
                .doesNotContain("url-secret-7431").doesNotContain("property-secret-9902");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }
}
