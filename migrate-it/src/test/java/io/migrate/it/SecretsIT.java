package io.migrate.it;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.migrate.Migrator;
import io.migrate.api.MigrationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** No password reaches a log line, an exception or the history table. */
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
        StringBuilder logged = new StringBuilder();
        for (ILoggingEvent event : logs.list) {
            logged.append(event.getFormattedMessage()).append('\n');
            if (event.getThrowableProxy() != null) {
                logged.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
            }
        }
        assertThat(logged).as("the run was logged").contains("Database: jdbc:postgresql://").contains("statement 1 of 1");
        assertThat(logged.toString()).doesNotContain(PASSWORD);
        assertThat(e.getMessage()).doesNotContain(PASSWORD);
        assertThat(db.column("SELECT coalesce(logs, '') FROM _migrations")).isNotEmpty()
                .allSatisfy(log -> assertThat(log).doesNotContain(PASSWORD));
        // The trace includes the driver's own SQLException; its text is the server's, which does not echo the statement.
        assertThat(trace.toString()).doesNotContain(PASSWORD);
    }
}
