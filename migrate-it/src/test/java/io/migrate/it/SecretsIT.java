package io.migrate.it;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.migrate.Migrator;
import io.migrate.api.MigrationException;
import io.migrate.api.MigrationFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * No password reaches a log line, an exception or the history table: neither the data source's, nor
 * one in any form in which PostgreSQL SQL carries a password (nor the server's own quotation of the
 * failing statement in its Where: context).
 */
class SecretsIT {

    private static final String PASSWORD = "S3cr3t-Pa55w0rd";

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("io.migrate");
    private Level level;

    @BeforeEach
    void captureLogs() {
        level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
        logger.setLevel(level);
    }

    @Test
    void aFailingDeployWithAPasswordInTheUrlAndInTheSqlLeaksItNowhere() throws Exception {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(db.url() + "?user=" + db.server().user() + "&password=" + PASSWORD);
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_roles", "CREATE TABLE t (id int);")
                .add("20260102000000_bad", "ALTER ROLE no_such_role_x WITH LOGIN PASSWORD '" + PASSWORD + "';");

        MigrationException e = catchThrowableOfType(MigrationException.class,
                () -> Migrator.configure(ds).locations(migrations.location()).deploy());

        assertThat(e.getMessage()).contains("PASSWORD '***'");
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        String logged = logged();
        assertThat(logged).as("the run was logged").contains("Database: jdbc:postgresql://").contains("statement 1 of 1");
        assertThat(logged).doesNotContain(PASSWORD);
        assertThat(e.getMessage()).doesNotContain(PASSWORD);
        assertThat(db.column("SELECT coalesce(logs, '') FROM _migrations")).isNotEmpty()
                .allSatisfy(log -> assertThat(log).doesNotContain(PASSWORD));
        // The trace includes the driver's own SQLException; its text is the server's, which does not echo the statement.
        assertThat(trace.toString()).doesNotContain(PASSWORD);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "DO $$ BEGIN EXECUTE 'ALTER ROLE no_such_role_x PASSWORD ''" + PASSWORD + "'''; END $$;",
            "DO $$ BEGIN EXECUTE format('ALTER ROLE %I PASSWORD ''" + PASSWORD + "''', 'no_such_role_x'); END $$;",
            "ALTER ROLE no_such_role_x PASSWORD U&'" + PASSWORD + "';",
            "ALTER ROLE no_such_role_x PASSWORD /* rotated */ '" + PASSWORD + "';",
            "ALTER ROLE no_such_role_x PASSWORD E'" + PASSWORD + "\\'x';",
            "SELECT dblink_connect('host=127.0.0.1 user=u password=" + PASSWORD + " dbname=x');",
            "CREATE SUBSCRIPTION s_x CONNECTION 'host=127.0.0.1 port=1 user=u password=" + PASSWORD + " dbname=x'"
                    + " PUBLICATION p_x WITH (no_such_option = true);",
    })
    void aFailingMigrationWithAPasswordLeaksItNowhere(String sql) throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_first", "CREATE TABLE t (id int);")
                .add("20260102000000_secret", sql);

        MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class,
                () -> Migrator.configure(db.dataSource()).locations(migrations.location()).deploy());

        assertThat(e.migration()).isEqualTo("20260102000000_secret");
        assertThat(e.getMessage()).contains("***");
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).as("the message and every cause").doesNotContain(PASSWORD);
        String logged = logged();
        assertThat(logged).as("the run was logged at DEBUG").contains("20260102000000_secret statement 1 of");
        assertThat(logged).doesNotContain(PASSWORD);
        assertThat(db.column("SELECT coalesce(logs, '') FROM _migrations WHERE migration_name = '20260102000000_secret'"))
                .singleElement().satisfies(log -> assertThat(log).contains("***").doesNotContain(PASSWORD));
    }

    /** Every line logged under io.migrate during the test, with the stack traces logged with them. */
    private String logged() {
        StringBuilder logged = new StringBuilder();
        for (ILoggingEvent event : logs.list) {
            logged.append(event.getFormattedMessage()).append('\n');
            if (event.getThrowableProxy() != null) {
                logged.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
            }
        }
        return logged.toString();
    }
}
