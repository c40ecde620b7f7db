package io.migrate.internal.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FailuresTest {

    @Test
    void statementMasksPasswordLiteral() {
        assertThat(Failures.standard().statement("ALTER ROLE app WITH PASSWORD 'secret'"))
                .isEqualTo("ALTER ROLE app WITH PASSWORD '***'");
    }

    @Test
    void statementMasksPasswordLiteralWithDoubledQuotesAndAnyCase() {
        assertThat(Failures.standard().statement("create user app encrypted password 'it''s secret' valid until 'infinity'"))
                .isEqualTo("create user app encrypted password '***' valid until 'infinity'");
    }

    @Test
    void statementMasksPasswordOnTheNextLine() {
        assertThat(Failures.standard().statement("ALTER ROLE app PASSWORD\n  'secret'"))
                .isEqualTo("ALTER ROLE app PASSWORD '***'");
    }

    @Test
    void statementMasksEveryPassword() {
        assertThat(Failures.standard().statement("CREATE USER MAPPING FOR app SERVER s OPTIONS (user 'u', password 'one');"
                + " ALTER ROLE b PASSWORD 'two'"))
                .isEqualTo("CREATE USER MAPPING FOR app SERVER s OPTIONS (user 'u', password '***');"
                        + " ALTER ROLE b PASSWORD '***'");
    }

    @Test
    void statementLeavesOtherLiteralsAlone() {
        assertThat(Failures.standard().statement("INSERT INTO t (password_hint) VALUES ('secret')"))
                .isEqualTo("INSERT INTO t (password_hint) VALUES ('secret')");
    }

    @Test
    void statementIsOneLineWithWhitespaceCollapsed() {
        assertThat(Failures.standard().statement("\n  CREATE TABLE t (\n\tid int,\r\n  name text\n)  \n"))
                .isEqualTo("CREATE TABLE t ( id int, name text )");
    }

    @Test
    void statementOf200CharactersIsKept() {
        String sql = "SELECT " + "x".repeat(193);
        assertThat(sql).hasSize(200);

        assertThat(Failures.standard().statement(sql)).isEqualTo(sql);
    }

    @Test
    void statementOf201CharactersIsShortenedTo200WithEllipsis() {
        String sql = "SELECT " + "x".repeat(194);

        assertThat(Failures.standard().statement(sql)).isEqualTo(sql.substring(0, 199) + "…").hasSize(200);
    }

    @Test
    void longStatementIsShortenedAfterJoiningLines() {
        String sql = "SELECT\n" + "  x,\n".repeat(100) + "  y\nFROM t";
        String shortened = Failures.standard().statement(sql);

        assertThat(shortened).hasSize(200).endsWith("…").doesNotContain("\n").startsWith("SELECT x, x, ");
    }

    @Test
    void passwordIsMaskedBeforeShortening() {
        String sql = "ALTER ROLE app PASSWORD '" + "s".repeat(300) + "'";
        assertThat(Failures.standard().statement(sql)).isEqualTo("ALTER ROLE app PASSWORD '***'");
    }

    @Test
    void textMasksPasswordAndKeepsLines() {
        assertThat(Failures.standard().mask("ERROR: bad\n  ALTER ROLE app PASSWORD 'secret'\nDETAIL: x"))
                .isEqualTo("ERROR: bad\n  ALTER ROLE app PASSWORD '***'\nDETAIL: x");
    }

    @Test
    void textWithoutPasswordIsUnchanged() {
        assertThat(Failures.standard().mask("relation \"t\" does not exist")).isEqualTo("relation \"t\" does not exist");
    }

    @Test
    void nullTextStaysNull() {
        assertThat(Failures.standard().mask(null)).isNull();
    }

    @Test
    void withoutADialectOnlyTheStandardsClassesAreKnown() {
        assertThat(Failures.standard().connectionLost(new java.sql.SQLException("gone", "08006"))).isTrue();
        assertThat(Failures.standard().connectionLost(new java.sql.SQLException("terminated", "57P01"))).isFalse();
        assertThat(Failures.standard().kind(new java.sql.SQLException("x"))).isEqualTo(io.migrate.spi.ErrorKind.OTHER);
    }

    @Test
    void bookkeepingFailuresSayWhatWasBeingDoneAndMaskSecrets() {
        assertThat(Failures.standard().bookkeeping("creating the history table",
                new java.sql.SQLException("near PASSWORD 'x'", "42501")))
                .hasMessage("[DATABASE_ERROR] The database refused creating the history table (SQLSTATE 42501: near"
                        + " PASSWORD '***'). Check that the user may create and write the history table in that schema");
        assertThat(Failures.standard().bookkeeping("reading the history table", new java.sql.SQLException("gone", "08006")))
                .hasMessage("[CONNECTION_LOST] The connection to the database was lost while reading the history table"
                        + " (SQLSTATE 08006: gone). Nothing is held: the server releases the lock with the session. Check"
                        + " the database and the network, then deploy again");
    }
}
