package io.migrate.postgres;

import io.migrate.spi.ScriptSyntaxException;
import io.migrate.spi.SqlStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Plain strings follow standard_conforming_strings as the script sets it, as psql's scanner does. */
class PostgresSplitterStringSyntaxTest {

    private static List<String> sqls(String script) {
        return PostgresSplitter.split(script).stream().map(SqlStatement::sql).toList();
    }

    @Test
    void aBackslashIsLiteralInPlainStringsByDefault() {
        assertThat(sqls("SELECT 'a\\'; SELECT 'b';")).containsExactly("SELECT 'a\\'", "SELECT 'b'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SET standard_conforming_strings = off", "SET standard_conforming_strings TO 'off'",
            "set SESSION STANDARD_CONFORMING_STRINGS to false", "SET standard_conforming_strings = 0",
            "SET standard_conforming_strings TO no"})
    void afterTurningItOffABackslashEscapesTheQuote(String set) {
        assertThat(sqls(set + ";\nINSERT INTO t VALUES ('it\\'s; here');\nSELECT 2;"))
                .containsExactly(set, "INSERT INTO t VALUES ('it\\'s; here')", "SELECT 2");
    }

    @Test
    void nationalStringsFollowTheSettingAndBitStringsDoNot() {
        assertThat(sqls("SET standard_conforming_strings = off;\nSELECT N'a\\';b';\nSELECT B'1', X'\\';"))
                .containsExactly("SET standard_conforming_strings = off", "SELECT N'a\\';b'", "SELECT B'1', X'\\'");
    }

    @Test
    void turningItOnAgainOrResettingRestoresLiteralBackslashes() {
        assertThat(sqls("SET standard_conforming_strings = off;\nSET standard_conforming_strings = on;\nSELECT 'a\\';"))
                .endsWith("SELECT 'a\\'");
        assertThat(sqls("SET standard_conforming_strings = off;\nRESET standard_conforming_strings;\nSELECT 'a\\';"))
                .endsWith("SELECT 'a\\'");
        assertThat(sqls("SET standard_conforming_strings = off;\nRESET ALL;\nSELECT 'a\\';")).endsWith("SELECT 'a\\'");
    }

    @Test
    void setLocalLastsUntilTheTransactionEnds() {
        assertThat(sqls("BEGIN;\nSET LOCAL standard_conforming_strings = off;\nSELECT 'x\\';y';\nCOMMIT;\nSELECT 'a\\';"))
                .containsExactly("BEGIN", "SET LOCAL standard_conforming_strings = off", "SELECT 'x\\';y'", "COMMIT",
                        "SELECT 'a\\'");
    }

    @Test
    void theSetItselfIsReadWithTheSettingBeforeIt() {
        assertThat(sqls("SELECT 'a\\'; SET standard_conforming_strings = off; SELECT 'b\\'';"))
                .containsExactly("SELECT 'a\\'", "SET standard_conforming_strings = off", "SELECT 'b\\''");
    }

    @Test
    void otherSettingsAndUnknownValuesChangeNothing() {
        assertThat(sqls("SET escape_string_warning = off;\nSELECT 'a\\';")).endsWith("SELECT 'a\\'");
        assertThat(sqls("SET standard_conforming_strings = maybe;\nSELECT 'a\\';")).endsWith("SELECT 'a\\'");
    }

    @Test
    void anUnterminatedStringSaysBackslashesEscape() {
        assertThatThrownBy(() -> PostgresSplitter.split("SET standard_conforming_strings = off;\nSELECT 'a\\';\n"))
                .isInstanceOf(ScriptSyntaxException.class)
                .hasMessage("line 2: unterminated quoted string starting here; check for a missing closing quote"
                        + " (with standard_conforming_strings off, a backslash escapes the character after it)");
    }

    @Test
    void firstWordOfAStatement() {
        assertThat(PostgresSplitter.firstWord("CALL p()")).isEqualTo("call");
        assertThat(PostgresSplitter.firstWord("Do $$ BEGIN END $$")).isEqualTo("do");
        assertThat(PostgresSplitter.firstWord("(SELECT 1)")).isEmpty();
    }
}
