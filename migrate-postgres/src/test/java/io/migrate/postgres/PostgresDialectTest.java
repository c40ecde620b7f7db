package io.migrate.postgres;

import io.migrate.spi.ErrorKind;
import io.migrate.spi.SqlStatement;
import io.migrate.spi.SqlStatement.Kind;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The dialect's answers that need no server: error kinds, secret masking, the whole-script transaction rule. */
class PostgresDialectTest {

    private final PostgresDialect dialect = new PostgresDialect();

    @Test
    void sessionsEndedByTheServerAreLostConnections() {
        assertThat(List.of("57P01", "57P02", "57P03", "08006", "08003"))
                .allSatisfy(state -> assertThat(dialect.classify(new SQLException("x", state))).isEqualTo(ErrorKind.CONNECTION_LOST));
    }

    @Test
    void lockNotAvailableIsItsOwnKind() {
        assertThat(dialect.classify(new SQLException("canceling statement due to lock timeout", "55P03")))
                .isEqualTo(ErrorKind.LOCK_NOT_AVAILABLE);
    }

    @Test
    void invalidTransactionTerminationNeedsNoTransaction() {
        assertThat(dialect.classify(new SQLException("invalid transaction termination", "2D000")))
                .isEqualTo(ErrorKind.NEEDS_NO_TRANSACTION);
    }

    @Test
    void otherErrorsAndMissingStatesAreOther() {
        assertThat(dialect.classify(new SQLException("syntax error", "42601"))).isEqualTo(ErrorKind.OTHER);
        assertThat(dialect.classify(new SQLException("no state"))).isEqualTo(ErrorKind.OTHER);
    }

    @Test
    void masksStandardPasswordLiteral() {
        assertThat(dialect.maskSecrets("ALTER ROLE app WITH PASSWORD 'it''s secret'"))
                .isEqualTo("ALTER ROLE app WITH PASSWORD '***'");
    }

    @Test
    void masksDollarQuotedPassword() {
        assertThat(dialect.maskSecrets("ALTER ROLE app PASSWORD $$secret$$")).isEqualTo("ALTER ROLE app PASSWORD '***'");
        assertThat(dialect.maskSecrets("ALTER ROLE app PASSWORD $pw$it's secret$pw$ LOGIN"))
                .isEqualTo("ALTER ROLE app PASSWORD '***' LOGIN");
    }

    /** A tagged dollar quote ends only at the same tag: {@code $q$pa$$word$q$} is one literal. */
    @Test
    void masksDollarQuotedPasswordContainingDollars() {
        assertThat(dialect.maskSecrets("ALTER ROLE app PASSWORD $q$pa$$word$q$")).isEqualTo("ALTER ROLE app PASSWORD '***'");
    }

    /** PostgreSQL accepts an escape string literal as a password: {@code PASSWORD E'...'}. */
    @Test
    void masksEscapeStringPassword() {
        assertThat(dialect.maskSecrets("ALTER ROLE app PASSWORD E'sec\\'ret' LOGIN")).isEqualTo("ALTER ROLE app PASSWORD '***' LOGIN");
    }

    @Test
    void masksPasswordInTheServersMessageAndKeepsLines() {
        assertThat(dialect.maskSecrets("near PASSWORD $x$secret$x$\nDETAIL: x")).isEqualTo("near PASSWORD '***'\nDETAIL: x");
    }

    @Test
    void nullStaysNull() {
        assertThat(dialect.maskSecrets(null)).isNull();
    }

    @Test
    void loneCallNeedsNoTransaction() {
        assertThat(dialect.needsNoTransaction(List.of(statement("CALL refresh_totals()"))))
                .contains("a procedure called alone may commit");
    }

    @Test
    void loneCallAfterLeadingCommentsNeedsNoTransaction() {
        assertThat(dialect.needsNoTransaction(List.of(statement(
                "-- nightly job\n/* may commit\n   in between */\n  call refresh_totals(1)"))))
                .contains("a procedure called alone may commit");
    }

    @Test
    void loneStatementThatOnlyStartsLikeCallMayRunInATransaction() {
        assertThat(dialect.needsNoTransaction(List.of(statement("callback_log_cleanup()")))).isEmpty();
        assertThat(dialect.needsNoTransaction(List.of(statement("SELECT 1 -- CALL p()")))).isEmpty();
    }

    @Test
    void callAmongOtherStatementsMayRunInATransaction() {
        assertThat(dialect.needsNoTransaction(List.of(statement("CREATE TABLE a (id int)"), statement("CALL fill(a)"))))
                .isEmpty();
    }

    /** The key must never change: deployers of two versions of the library must exclude each other. */
    @Test
    void lockKeyIsTheFirstEightBytesOfSha256OverSchemaAndTableOrPrismasKey() {
        assertThat(PostgresDialect.lockKey("public", "_migrations")).isEqualTo(1136215896742593354L);
        assertThat(PostgresDialect.lockKey("app", "history")).isEqualTo(-8903441283580466878L);
        assertThat(PostgresDialect.lockKey("anything", "_prisma_migrations")).isEqualTo(72707369L);
    }

    @Test
    void quoteDoublesQuotes() {
        assertThat(dialect.quote("a\"b")).isEqualTo("\"a\"\"b\"");
    }

    private static SqlStatement statement(String sql) {
        return new SqlStatement(sql, 1, Kind.ORDINARY);
    }
}
