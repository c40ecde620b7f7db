package io.migrate.example.boot;

import io.migrate.testkit.Database;
import io.migrate.testkit.MigratedDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A broken migration keeps the application from starting, with Spring Boot's report of the library's message. */
@ExtendWith(OutputCaptureExtension.class)
class BrokenMigrationIT {

    @RegisterExtension
    static final MigratedDatabase db = MigratedDatabase.empty();

    @Test
    void failsToStartWithTheAnalysedMessage(Database database, CapturedOutput output) {
        assertThatThrownBy(() -> SpringApplication.run(TasksApplication.class, "--server.port=0",
                "--spring.datasource.url=" + database.jdbcUrl(), "--spring.datasource.username=" + database.user(),
                "--migrate.locations=classpath:db,classpath:broken"))
                .hasRootCauseInstanceOf(org.postgresql.util.PSQLException.class);
        assertThat(output.toString().replace("\r\n", "\n")).contains("""
                ***************************
                APPLICATION FAILED TO START
                ***************************

                Description:

                [MIGRATION_FAILED] Migration 20260203090000_rename_typo failed at line 2 of classpath:broken/20260203090000_rename_typo/migration.sql
                  Statement: ALTER TABLE tasks RENAME COLUMN titel TO name
                  SQLSTATE 42703: ERROR: column "titel" does not exist
                It ran in a transaction and was rolled back: nothing of it was applied. The attempt is recorded as \
                rolled back. Fix the migration and deploy again; it will be retried.

                Action:

                Do what the description above says, then start the application again. To start without migrating \
                meanwhile, set migrate.mode=none.
                """);
        // The two migrations before it stay applied; the server was never started.
        assertThat(output.toString()).doesNotContain("Tomcat started on port");
    }
}
