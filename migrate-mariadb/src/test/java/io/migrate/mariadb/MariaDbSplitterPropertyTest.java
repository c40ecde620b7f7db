package io.migrate.mariadb;

import io.migrate.spi.ScriptSyntaxException;
import io.migrate.spi.SqlStatement;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Scripts that switch delimiters around routine bodies split back into their statements, verbatim. */
class MariaDbSplitterPropertyTest {

    private static final List<String> PLAIN = List.of("SELECT 1", "INSERT INTO t VALUES ('a;b', \"c;\\\"d\")",
            "SELECT `x;y` FROM t # c;\n", "SELECT 2 -- d;\n", "/*!40101 SET @a = ';' */");
    private static final List<String> BODIES = List.of(
            "CREATE PROCEDURE p()\nBEGIN\n  INSERT INTO t VALUES (1);\n  SELECT ';';\nEND",
            "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; SET NEW.b = 2; END",
            "BEGIN NOT ATOMIC DECLARE x INT; SET x = 1; END");
    private static final List<String> DELIMITERS = List.of("//", "$$", ";;", "|");

    @Property(tries = 500)
    void splitsScriptsWithDelimiterBlocksBackIntoTheirStatements(@ForAll("picks") List<Integer> picks) {
        StringBuilder script = new StringBuilder();
        List<String> expected = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        for (int pick : picks) {
            if (pick % 3 == 0) {
                String delimiter = DELIMITERS.get(pick / 3 % DELIMITERS.size());
                String body = BODIES.get(pick % BODIES.size());
                script.append("DELIMITER ").append(delimiter).append('\n');
                lines.add(lineAt(script));
                script.append(body).append(delimiter).append("\nDELIMITER ;\n");
                expected.add(body);
            } else {
                String statement = PLAIN.get(pick % PLAIN.size());
                lines.add(lineAt(script));
                script.append(statement).append(statement.endsWith("\n") ? ";\n" : ";\n");
                expected.add(statement.strip());
            }
        }
        List<SqlStatement> split = MariaDbSplitter.split(script.toString());
        assertThat(split).extracting(SqlStatement::sql).as(script.toString()).containsExactlyElementsOf(expected);
        assertThat(split).extracting(SqlStatement::line).as(script.toString()).containsExactlyElementsOf(lines);
    }

    @Property(tries = 500)
    void failsOnlyWithScriptSyntaxException(@ForAll("noise") String text) {
        try {
            MariaDbSplitter.split(text);
        } catch (ScriptSyntaxException e) {
            assertThat(e.line()).isBetween(1, (int) text.chars().filter(c -> c == '\n').count() + 1);
        }
    }

    @Provide
    Arbitrary<List<Integer>> picks() {
        return Arbitraries.integers().between(0, 1000).list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.strings().withChars("ab;'\"`#-/*!\\\n DELIMTR").ofMaxLength(60);
    }

    private static int lineAt(CharSequence text) {
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
