package io.migrate.it;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.migrate.Migrator;
import io.migrate.api.MigrationFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every form in which PostgreSQL SQL carries a password, and the server's own quotation of the
 * failing statement in its Where: context, stays out of messages, causes, logs and history rows.
 */
class SecretFormsIT {

    private static final String SECRET = "S3cr3t-Pa55";

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

    @ParameterizedTest
    @ValueSource(strings = {
            "DO $$ BEGIN EXECUTE 'ALTER ROLE no_such_role_x PASSWORD ''" + SECRET + "'''; END $$;",
            "DO $$ BEGIN EXECUTE format('ALTER ROLE %I PASSWORD ''" + SECRET + "''', 'no_such_role_x'); END $$;",
            "ALTER ROLE no_such_role_x PASSWORD U&'" + SECRET + "';",
            "ALTER ROLE no_such_role_x PASSWORD /* rotated */ '" + SECRET + "';",
            "ALTER ROLE no_such_role_x PASSWORD E'" + SECRET + "\\'x';",
            "SELECT dblink_connect('host=127.0.0.1 user=u password=" + SECRET + " dbname=x');",
            "CREATE SUBSCRIPTION s_x CONNECTION 'host=127.0.0.1 port=1 user=u password=" + SECRET + " dbname=x'"
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
        assertThat(trace.toString()).as("the message and every cause").doesNotContain(SECRET);
        StringBuilder logged = new StringBuilder();
        for (ILoggingEvent event : logs.list) {
            logged.append(event.getFormattedMessage()).append('\n');
            if (event.getThrowableProxy() != null) {
                logged.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
            }
        }
        assertThat(logged).as("the run was logged at DEBUG").contains("20260102000000_secret statement 1 of");
        assertThat(logged.toString()).doesNotContain(SECRET);
        assertThat(db.column("SELECT coalesce(logs, '') FROM _migrations WHERE migration_name = '20260102000000_secret'"))
                .singleElement().satisfies(log -> assertThat(log).contains("***").doesNotContain(SECRET));
    }
}
