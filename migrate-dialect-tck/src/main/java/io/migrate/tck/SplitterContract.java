package io.migrate.tck;

import io.migrate.spi.ScriptSyntaxException;
import io.migrate.spi.SqlStatement;
import io.migrate.spi.SqlStatement.Kind;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.migrate.tck.Kit.spi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link io.migrate.spi.Dialect#split(String)}: statements come back verbatim with their lines, what
 * stands between them holds none, and transaction control and non-transactional statements are marked.
 */
public interface SplitterContract extends DialectKit {

    /** Statements joined with {@code ;} and gaps, split, and joined back from the pieces, give the input. */
    @Property(tries = 300)
    default void splitsJoinedStatementsBackVerbatim(@ForAll("kitScripts") List<Integer> picks) {
        List<String> statements = sql().splitStatements();
        List<String> gaps = sql().splitGaps();
        StringBuilder script = new StringBuilder();
        int[] offsets = new int[picks.size() / 2];
        for (int k = 0; k + 1 < picks.size(); k += 2) {
            script.append(gaps.get(picks.get(k) % gaps.size()));
            offsets[k / 2] = script.length();
            script.append(statements.get(picks.get(k + 1) % statements.size())).append(';');
        }
        String text = script.toString();
        List<SqlStatement> split = dialect().split(text);

        List<String> expected = new java.util.ArrayList<>();
        for (int k = 0; k + 1 < picks.size(); k += 2) {
            expected.add(statements.get(picks.get(k + 1) % statements.size()));
        }
        assertThat(split).extracting(SqlStatement::sql)
                .as(spi("split(String)", "each statement verbatim, without its ';', from the script:\n" + text))
                .containsExactlyElementsOf(expected);
        StringBuilder joined = new StringBuilder();
        int pos = 0;
        for (int k = 0; k < split.size(); k++) {
            joined.append(text, pos, offsets[k]).append(split.get(k).sql());
            pos = offsets[k] + split.get(k).sql().length();
            int line = (int) text.substring(0, offsets[k]).chars().filter(ch -> ch == '\n').count() + 1;
            assertThat(split.get(k).line()).as(spi("split(String)", "statement " + (k + 1) + " starts on line " + line
                    + " of the script:\n" + text)).isEqualTo(line);
        }
        joined.append(text.substring(pos));
        assertThat(joined.toString()).as(spi("split(String)", "pieces that join back to the script")).isEqualTo(text);
    }

    @Provide
    default Arbitrary<List<Integer>> kitScripts() {
        return Arbitraries.integers().between(0, 1000).list().ofMinSize(0).ofMaxSize(16)
                .filter(list -> list.size() % 2 == 0);
    }

    @Test
    default void findsNothingBetweenStatements() {
        for (String gap : sql().splitGaps()) {
            assertThat(dialect().split(gap + ";" + gap))
                    .as(spi("split(String)", "no statement in a script of blanks, comments and ';' only: '" + gap + "'"))
                    .isEmpty();
        }
        assertThat(dialect().split("")).as(spi("split(String)", "no statement in an empty script")).isEmpty();
    }

    @Test
    default void keepsTheLastStatementWithoutDelimiter() {
        assertThat(dialect().split("SELECT 1;\nSELECT 2")).extracting(SqlStatement::sql)
                .as(spi("split(String)", "a last statement without ';' as a statement")).containsExactly("SELECT 1", "SELECT 2");
    }

    @Test
    default void refusesUnterminatedConstructs() {
        for (String script : sql().unterminated()) {
            int lastLine = (int) script.chars().filter(ch -> ch == '\n').count() + 1;
            ScriptSyntaxException e = catchThrowableOfType(ScriptSyntaxException.class, () -> dialect().split(script));
            assertThat(e).as(spi("split(String)", "a ScriptSyntaxException for the unterminated construct in:\n" + script))
                    .isNotNull();
            assertThat(e.line()).as(spi("split(String)", "the line where the unterminated construct opens in:\n" + script))
                    .isEqualTo(lastLine);
        }
        assertThatThrownBy(() -> dialect().split((String) null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    default void marksTransactionControl() {
        List<SqlStatement> split = dialect().split("BEGIN;\nINSERT INTO t (a) VALUES (1);\nCOMMIT;\nROLLBACK;\n");
        assertThat(split).extracting(SqlStatement::kind)
                .as(spi("split(String)", "BEGIN, ORDINARY, COMMIT, ROLLBACK kinds for BEGIN; INSERT; COMMIT; ROLLBACK"))
                .containsExactly(Kind.BEGIN, Kind.ORDINARY, Kind.COMMIT, Kind.ROLLBACK);
    }

    @Test
    default void marksWhatCannotRunInATransaction() {
        String statement = sql().nonTransactional();
        if (statement != null) {
            assertThat(dialect().split(statement + ";")).extracting(SqlStatement::kind)
                    .as(spi("split(String)", "NON_TRANSACTIONAL for: " + statement)).containsExactly(Kind.NON_TRANSACTIONAL);
        }
        String ddl = sql().createTable("kit_a");
        assertThat(dialect().split(ddl + ";")).extracting(SqlStatement::kind)
                .as(spi("split(String)", (sql().ddlTransactional() ? "ORDINARY" : "NON_TRANSACTIONAL (DDL commits on this"
                        + " database)") + " for: " + ddl))
                .containsExactly(sql().ddlTransactional() ? Kind.ORDINARY : Kind.NON_TRANSACTIONAL);
    }
}
