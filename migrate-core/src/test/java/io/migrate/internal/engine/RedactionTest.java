package io.migrate.internal.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {

    @Test
    void urlDropsUserInfoAndParameters() {
        assertThat(Redaction.url("jdbc:postgresql://u:secret@h:5432/db?password=x&ssl=true"))
                .isEqualTo("jdbc:postgresql://h:5432/db");
    }

    @Test
    void urlDropsSemicolonParameters() {
        assertThat(Redaction.url("jdbc:sqlserver://h:1433;databaseName=db;password=secret"))
                .isEqualTo("jdbc:sqlserver://h:1433");
    }

    @Test
    void urlWithoutCredentialsOrParametersIsUnchanged() {
        assertThat(Redaction.url("jdbc:postgresql://h1:5432,h2:5433/db"))
                .isEqualTo("jdbc:postgresql://h1:5432,h2:5433/db");
    }

    @Test
    void urlKeepsHostWhenOnlyAParameterHoldsAnAtSign() {
        assertThat(Redaction.url("jdbc:postgresql://h/db?user=a@example.com&password=secret"))
                .isEqualTo("jdbc:postgresql://h/db");
    }

    @Test
    void nullUrlIsUnknown() {
        assertThat(Redaction.url(null)).isEqualTo("(unknown URL)");
    }

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
}
