package io.migrate.postgres;

import io.migrate.spi.ScriptSyntaxException;
import io.migrate.spi.SqlStatement;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The streaming form splits exactly as the whole-string form does, statements, kinds, lines, COPY
 * data and syntax errors alike, whatever the chunk size: windows may end inside any construct.
 */
class PostgresStatementStreamPropertiesTest {

    @Property(tries = 1500)
    void streamingSplitsAsTheWholeScriptDoes(@ForAll("scripts") String script, @ForAll @IntRange(min = 1, max = 40) int chunk) {
        List<SqlStatement> whole;
        try {
            whole = PostgresSplitter.split(script);
        } catch (ScriptSyntaxException expected) {
            ScriptSyntaxException streamed = catchThrowableOfType(ScriptSyntaxException.class, () -> stream(script, chunk));
            assertThat(streamed).as("streaming must fail as the whole script does").isNotNull();
            assertThat(streamed.getMessage()).isEqualTo(expected.getMessage());
            assertThat(streamed.line()).isEqualTo(expected.line());
            return;
        }
        assertThat(stream(script, chunk)).isEqualTo(whole);
    }

    private static List<SqlStatement> stream(String script, int chunk) {
        List<SqlStatement> out = new ArrayList<>();
        new PostgresStatementStream(new StringReader(script), chunk).forEachRemaining(out::add);
        return out;
    }

    @Provide
    Arbitrary<String> scripts() {
        Arbitrary<String> piece = Arbitraries.of("SELECT 1", ";", " ", "\n", "\r\n", "'a;b'", "'it''s'", "E'x\\'y'",
                "\"q;\"", "$$ a; b $$", "$t$ ; $t$", "-- c;\n", "/* a; /* b */ ; */", "(1;2)", "CREATE FUNCTION f() AS",
                "BEGIN ATOMIC SELECT 1; END", "COPY t FROM stdin;\n1\t2\n\\.\n", "INSERT INTO t VALUES (1)", "é", "\\x",
                "'open", "$$open", "/* open", "ünï", "CREATE INDEX CONCURRENTLY i ON t (a)", "BEGIN", "COMMIT", "x$1",
                "SET standard_conforming_strings = off;", "SET LOCAL standard_conforming_strings TO off;",
                "RESET standard_conforming_strings;", "'a\\'b'", "N'\\';'");
        return piece.list().ofMaxSize(30).map(list -> String.join("", list));
    }
}
