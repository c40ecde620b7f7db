package io.migrate;

import io.migrate.api.ErrorCode;
import io.migrate.api.JavaMigration;
import io.migrate.api.MigrationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every setter of the builder refuses a bad value at once, with {@code property = 'value': rule}. */
class MigratorTest {

    private static final String IDENTIFIER_RULE = "must be 1 to 63 letters, digits, '_' or '$', not starting with a digit or '$'";

    static Stream<Arguments> badValues() {
        return Stream.of(
                bad("locations()", m -> m.locations(), "locations = '[]': at least one location is required"),
                bad("locations(null array)", m -> m.locations((String[]) null), "locations = null: at least one location is required"),
                bad("locations(null)", m -> m.locations((String) null), "locations = null: a location must not be blank"),
                bad("locations(blank)", m -> m.locations("classpath:db", " "), "locations = ' ': a location must not be blank"),
                bad("locations(no path)", m -> m.locations("classpath: "), "locations = 'classpath: ': needs a path after the prefix"),
                bad("locations(filesystem: only)", m -> m.locations("filesystem:"), "locations = 'filesystem:': needs a path after the prefix"),
                bad("locations(other scheme)", m -> m.locations("https://example.com/db"),
                        "locations = 'https://example.com/db': must start with classpath: or filesystem:"),
                bad("schema(null)", m -> m.schema(null), "schema = null: " + IDENTIFIER_RULE),
                bad("schema(digit first)", m -> m.schema("1app"), "schema = '1app': " + IDENTIFIER_RULE),
                bad("schema(too long)", m -> m.schema("s".repeat(64)), "schema = '" + "s".repeat(64) + "': " + IDENTIFIER_RULE),
                bad("table(empty)", m -> m.table(""), "table = '': " + IDENTIFIER_RULE),
                bad("table(dash)", m -> m.table("my-migrations"), "table = 'my-migrations': " + IDENTIFIER_RULE),
                bad("table(quote)", m -> m.table("x\"; DROP"), "table = 'x\"; DROP': " + IDENTIFIER_RULE),
                bad("lockTimeout(null)", m -> m.lockTimeout(null), "lockTimeout = null: must be a positive duration"),
                bad("lockTimeout(zero)", m -> m.lockTimeout(Duration.ZERO), "lockTimeout = 'PT0S': must be a positive duration"),
                bad("lockTimeout(negative)", m -> m.lockTimeout(Duration.ofSeconds(-1)), "lockTimeout = 'PT-1S': must be a positive duration"),
                bad("dialect(null)", m -> m.dialect(null), "dialect = null: must not be null"),
                bad("classLoader(null)", m -> m.classLoader(null), "classLoader = null: must not be null"),
                bad("target(null)", m -> m.target(null), "target = null: must name a migration, e.g. 20260213123456_add_user_name"),
                bad("target(blank)", m -> m.target("  "), "target = '  ': must name a migration, e.g. 20260213123456_add_user_name"),
                bad("seedLocation(null)", m -> m.seedLocation(null),
                        "seedLocation = null: must be classpath:<path> or filesystem:<path> of a file"),
                bad("seedLocation(no path)", m -> m.seedLocation("classpath:"),
                        "seedLocation = 'classpath:': must be classpath:<path> or filesystem:<path> of a file"),
                bad("javaSeed(null)", m -> m.javaSeed(null), "javaSeed = null: must not be null"),
                bad("javaMigrations(null array)", m -> m.javaMigrations((JavaMigration[]) null),
                        "javaMigrations = 'null': must not be or contain null"),
                bad("javaMigrations(null element)", m -> m.javaMigrations((JavaMigration) null),
                        "javaMigrations = '[null]': must not be or contain null"),
                bad("placeholders(null)", m -> m.placeholders(null),
                        "placeholders = null: names must be letters, digits, '_', '.' or '-' and values not null"),
                bad("placeholders(space in name)", m -> m.placeholders(Map.of("app user", "x")),
                        "placeholders = '{app user=x}': names must be letters, digits, '_', '.' or '-' and values not null"),
                bad("placeholders(null value)", m -> m.placeholders(Collections.singletonMap("owner", null)),
                        "placeholders = '{owner=null}': names must be letters, digits, '_', '.' or '-' and values not null"),
                bad("lockWaitTimeout(zero)", m -> m.lockWaitTimeout(Duration.ZERO), "lockWaitTimeout = 'PT0S': must be a positive duration"),
                bad("lockWaitTimeout(null)", m -> m.lockWaitTimeout(null), "lockWaitTimeout = null: must be a positive duration"),
                bad("statementTimeout(negative)", m -> m.statementTimeout(Duration.ofMillis(-5)),
                        "statementTimeout = 'PT-0.005S': must be a positive duration"),
                bad("statementTimeout(null)", m -> m.statementTimeout(null), "statementTimeout = null: must be a positive duration"),
                bad("lockRetries(-1)", m -> m.lockRetries(-1), "lockRetries = '-1': must be between 0 and 100"),
                bad("lockRetries(101)", m -> m.lockRetries(101), "lockRetries = '101': must be between 0 and 100"),
                bad("progressInterval(zero)", m -> m.progressInterval(Duration.ZERO), "progressInterval = 'PT0S': must be a positive duration"),
                bad("progressInterval(null)", m -> m.progressInterval(null), "progressInterval = null: must be a positive duration"),
                bad("listener(null)", m -> m.listener(null), "listener = null: must not be null"));
    }

    private static Arguments bad(String call, ThrowingConsumer<Migrator> setter, String message) {
        return arguments(call, setter, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void aBadValueFailsInTheSetterNamingPropertyValueAndRule(String call, ThrowingConsumer<Migrator> setter, String message) {
        Migrator migrator = Migrator.configure(new UnusedDataSource());

        assertThatThrownBy(() -> setter.accept(migrator))
                .isExactlyInstanceOf(MigrationException.class)
                .hasMessage("[INVALID_CONFIGURATION] " + message)
                .satisfies(e -> assertThat(((MigrationException) e).code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION));
    }

    @Test
    void configureRefusesANullDataSource() {
        assertThatThrownBy(() -> Migrator.configure(null))
                .isExactlyInstanceOf(MigrationException.class)
                .hasMessage("[INVALID_CONFIGURATION] dataSource = null: must not be null");
    }

    @Test
    void goodValuesAtTheEdgesOfEachRuleAreAccepted() {
        assertThatCode(() -> Migrator.configure(new UnusedDataSource())
                .locations("db", "classpath:db", " filesystem:/srv/db ", "C:\\migrations")
                .schema("_app$1").table("t".repeat(63))
                .lockTimeout(Duration.ofNanos(1)).lockWaitTimeout(Duration.ofSeconds(5)).statementTimeout(Duration.ofMinutes(30))
                .target("20260213123456_add_user_name").seedLocation("filesystem:seed.sql")
                .placeholders(Map.of("app.owner-1_x", "")).lockRetries(0).lockRetries(100)
                .progressInterval(Duration.ofMillis(1)).javaMigrations())
                .doesNotThrowAnyException();
    }

    /** Setters never connect: a data source that cannot connect is enough to configure with. */
    private static final class UnusedDataSource implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            throw new SQLException("not connected in this test");
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLException("not connected in this test");
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
