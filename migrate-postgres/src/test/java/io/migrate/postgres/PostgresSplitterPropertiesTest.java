package io.migrate.postgres;

import io.migrate.spi.ScriptSyntaxException;
import io.migrate.spi.SqlStatement;
import io.migrate.spi.SqlStatement.Kind;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class PostgresSplitterPropertiesTest {

    /** A generated script and the statements it must split into, with where each starts. */
    record Script(String text, List<String> statements, List<Integer> offsets) {
        @Override
        public String toString() {
            return text;
        }
    }

    @Property(tries = 1000)
    void splitsGeneratedScriptsIntoTheirStatements(@ForAll("scripts") Script script) {
        List<SqlStatement> split = PostgresSplitter.split(script.text());

        assertThat(split).extracting(SqlStatement::sql).containsExactlyElementsOf(script.statements());
        assertThat(split).extracting(SqlStatement::kind).containsOnly(Kind.ORDINARY);
        List<Integer> lines = script.offsets().stream().map(offset -> lineAt(script.text(), offset)).toList();
        assertThat(split).extracting(SqlStatement::line).containsExactlyElementsOf(lines);

        // every character outside separators and between-statement comments lands in exactly one statement, in order
        StringBuilder rest = new StringBuilder();
        int pos = 0;
        for (int k = 0; k < split.size(); k++) {
            int offset = script.offsets().get(k);
            assertThat(script.text().startsWith(split.get(k).sql(), offset)).isTrue();
            rest.append(script.text(), pos, offset);
            pos = offset + split.get(k).sql().length();
        }
        rest.append(script.text().substring(pos));
        assertThat(PostgresSplitter.split(rest.toString())).isEmpty();
    }

    @Property(tries = 1000)
    void arbitraryTextNeverHangsAndFailsOnlyWithScriptSyntaxException(@ForAll("noise") String text) {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            List<SqlStatement> split;
            try {
                split = PostgresSplitter.split(text);
            } catch (ScriptSyntaxException e) {
                assertThat(e.line()).isBetween(1, lineAt(text, text.length()));
                return;
            }
            int pos = 0;
            int line = 1;
            for (SqlStatement statement : split) {
                assertThat(statement.sql()).isNotBlank().isEqualTo(statement.sql().strip());
                assertThat(statement.line()).isGreaterThanOrEqualTo(line);
                // the statement is a slice of the text after the previous one, on the line it names
                int at = text.indexOf(statement.sql(), pos);
                while (at >= 0 && lineAt(text, at) != statement.line()) {
                    at = text.indexOf(statement.sql(), at + 1);
                }
                assertThat(at).as("slice %s at line %s", statement.sql(), statement.line()).isGreaterThanOrEqualTo(pos);
                pos = at + statement.sql().length();
                line = statement.line();
                if (statement.kind() == Kind.COPY_IN) {
                    assertThat(statement.copyData()).doesNotContain("\r\n");
                    assertThat(statement.copyData().isEmpty() || statement.copyData().endsWith("\n")).isTrue();
                }
            }
        });
    }

    private static int lineAt(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    @Provide
    Arbitrary<Script> scripts() {
        Arbitrary<String> statement = Combinators.combine(
                Arbitraries.of("SELECT", "insert", "Update", "WITH", "x", "delete"),
                fragment().list().ofMaxSize(6),
                separator().list().ofSize(6)
        ).as((first, fragments, separators) -> {
            StringBuilder sql = new StringBuilder(first);
            for (int k = 0; k < fragments.size(); k++) {
                sql.append(separators.get(k)).append(fragments.get(k));
            }
            return sql.toString();
        });
        return Combinators.combine(
                gapPiece().list().ofMaxSize(3),
                statement.list().ofMinSize(1).ofMaxSize(6),
                gapPiece().list().ofMaxSize(3).list().ofSize(6),
                Arbitraries.of(true, false)
        ).as(PostgresSplitterPropertiesTest::script);
    }

    private static Script script(List<String> leading, List<String> statements, List<List<String>> gaps,
                                 boolean lastHasSemicolon) {
        StringBuilder text = new StringBuilder(String.join("", leading));
        List<String> expected = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        for (int k = 0; k < statements.size(); k++) {
            offsets.add(text.length());
            text.append(statements.get(k));
            expected.add(statements.get(k).stripTrailing());
            boolean last = k == statements.size() - 1;
            if (!last || lastHasSemicolon) {
                text.append(';').append(String.join("", gaps.get(k)));
            }
        }
        return new Script(text.toString(), expected, offsets);
    }

    private static Arbitrary<String> content(String... tokens) {
        return Arbitraries.of(tokens).list().ofMaxSize(6).map(list -> String.join("", list));
    }

    private static Arbitrary<String> fragment() {
        Arbitrary<String> word = Arbitraries.of("x", "tbl", "col_1", "a$b$", "foo$$", "ünï", "$1", "$12", "1e5",
                "somee", "e", "u", "b", "n", "x1", "::", "=", "+", ",", ".", "*", "-", "/", "$", "$abc", "begin", "end");
        Arbitrary<String> plain = content("a", ";", "''", "\\", "\"", "$$", "--", "/*", "*/", "\n", " ", "é")
                .map(c -> "'" + c + "'");
        Arbitrary<String> prefixed = Combinators.combine(Arbitraries.of("U&", "u&", "B", "x", "N"), plain)
                .as(String::concat);
        Arbitrary<String> eString = Combinators.combine(
                Arbitraries.of("E", "e"),
                content("a", ";", "\\'", "\\\\", "''", "\"", "$$", "--", "\n", "\\n"))
                .as((e, c) -> e + "'" + c + "'");
        Arbitrary<String> quotedIdentifier = Combinators.combine(
                Arbitraries.of("", "U&"),
                content("a", ";", "'", "\"\"", "$", "--", "/*", " ", "\\"))
                .as((prefix, c) -> prefix + "\"" + c + "\"");
        Arbitrary<String> dollarQuote = Combinators.combine(
                Arbitraries.of("", "a", "fn", "x_1", "é", "A9"),
                content("a", ";", "'", "\"", "$", "$x$", "$$", "$a", "--", "/*", "\n", "\\", "BEGIN", "END"))
                .as((tag, body) -> "$" + tag + "$" + body + "$" + tag + "$")
                .filter(PostgresSplitterPropertiesTest::closesAtItsEnd);
        Arbitrary<String> lineComment = content("a", ";", "'", "\"", "$$", "/*", "*/", "\\", " ")
                .map(c -> "--" + c + "\n");
        Arbitrary<String> blockComment = Combinators.combine(
                content("a", ";", "'", "\"", "$$", "--", "\\", "\n", " "),
                content("a", ";", "'", "\n"),
                Arbitraries.integers().between(0, 2))
                .as((outer, inner, depth) -> "/*" + outer + "/*".repeat(depth) + inner + "*/".repeat(depth) + "*/");
        Arbitrary<String> parenthesized = Arbitraries.of("(a; b)", "(';' ; \"x;\")", "((1);(2))", "($$;$$ ;)");
        return Arbitraries.frequencyOf(
                Tuple.of(4, word),
                Tuple.of(1, plain),
                Tuple.of(1, prefixed),
                Tuple.of(1, eString),
                Tuple.of(1, quotedIdentifier),
                Tuple.of(1, dollarQuote),
                Tuple.of(1, lineComment),
                Tuple.of(1, blockComment),
                Tuple.of(1, parenthesized));
    }

    /** The closing tag must be the first occurrence of the tag after the opening one. */
    private static boolean closesAtItsEnd(String quote) {
        String tag = quote.substring(0, quote.indexOf('$', 1) + 1);
        return quote.indexOf(tag, tag.length()) == quote.length() - tag.length();
    }

    /** Whitespace and comments between the fragments of one statement; each starts with whitespace. */
    private static Arbitrary<String> separator() {
        return Arbitraries.of(" ", "\n", "\t", "  ", "\r\n", " -- sep ; ' \n", " /* ; /* ' */ */ ", "\n\n");
    }

    /** What may follow a statement's semicolon: whitespace, comments and empty statements. */
    private static Arbitrary<String> gapPiece() {
        return Arbitraries.of("", " ", "\n", "\r\n", "\t", ";", "-- gap ; ' /* \n", "/* gap ; /* ' */ */", "/**/");
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.of(
                        "a", "E", "U", "&", "'", "\"", "$", "\\", "/", "*", "-", ";", "\n", "\r", " ", "(", ")", "1",
                        "x", ".", "é", "/*", "*/", "--", "$$", "$a$", "E'", "COPY t FROM stdin;\n", "\\.\n", "BEGIN",
                        "END", "CASE", "CREATE FUNCTION ", "\uD83D\uDE00")
                .list().ofMaxSize(40)
                .map(list -> String.join("", list));
    }
}
