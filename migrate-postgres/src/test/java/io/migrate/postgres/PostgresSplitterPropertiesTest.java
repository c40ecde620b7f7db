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
        // a dollar-quote tag inside a string, an identifier or a comment opens nothing
        Arbitrary<String> tagInQuoteOrComment = Combinators.combine(
                Arbitraries.of("$a$", "$fn$", "$$", "$body$ ;", "$_1$"),
                Arbitraries.of("'%s'", "E'%s'", "\"%s\"", "-- %s ;\n", "/* %s ; */", "U&'%s'"))
                .as((tag, holder) -> holder.formatted(tag));
        // E'' strings whose quotes are escaped by a backslash or doubled, with what would end a statement
        Arbitrary<String> escapedQuotes = content("\\'", "''", "\\\\", ";", "it", "\\'\\'", "--", "/*", "$$", "\\n")
                .map(c -> "E'" + c + "'");
        // U&"" identifiers and U&'' strings, with or without UESCAPE
        Arbitrary<String> unicodeEscapes = Combinators.combine(
                Arbitraries.of("U&\"", "u&\"", "U&'"),
                content("d\\0061t", "a", ";", "\"\"", "''", "!0061", "$$", "--", " "),
                Arbitraries.of("", " UESCAPE '!'"))
                .as((open, body, uescape) -> {
                    char quote = open.charAt(open.length() - 1);
                    String doubled = quote == '"' ? body.replace("'", "x") : body.replace("\"", "x");
                    return open + doubled + quote + uescape;
                });
        // CREATE RULE ... DO ALSO (...; ...): semicolons inside parentheses end nothing
        Arbitrary<String> ruleActions = Combinators.combine(
                Arbitraries.of("INSERT INTO log VALUES (new.id)", "NOTIFY t", "UPDATE c SET n = n + 1",
                        "SELECT ';' AS x", "DELETE FROM q WHERE s = $$;$$").list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.of("; ", ";\n", " ;  ", "; -- action ;\n"))
                .as((actions, separator) -> "DO ALSO (" + String.join(separator, actions) + ")");
        return Arbitraries.frequencyOf(
                Tuple.of(4, word),
                Tuple.of(1, plain),
                Tuple.of(1, prefixed),
                Tuple.of(1, eString),
                Tuple.of(1, quotedIdentifier),
                Tuple.of(1, dollarQuote),
                Tuple.of(1, lineComment),
                Tuple.of(1, blockComment),
                Tuple.of(1, parenthesized),
                Tuple.of(1, tagInQuoteOrComment),
                Tuple.of(1, escapedQuotes),
                Tuple.of(1, unicodeEscapes),
                Tuple.of(1, ruleActions),
                Tuple.of(1, nestedComment()));
    }

    /** Block comments nested to any depth, each level with text that would otherwise end or open something. */
    private static Arbitrary<String> nestedComment() {
        Arbitrary<String> text = content(" ", "a", ";", "'", "\"", "$$", "$a$", "--", "\n", "E'", "*", "/");
        return Arbitraries.recursive(
                () -> text.map(t -> "/*" + t.replace("/*", "/ *").replace("*/", "* /").replace("*", "x").replace("/", "y") + "*/"),
                inner -> Combinators.combine(text, inner.list().ofMinSize(1).ofMaxSize(3), text)
                        .as((before, nested, after) -> "/*" + safe(before) + String.join(" ", nested) + safe(after) + "*/"),
                0, 4);
    }

    /** Text with no {@code *} or {@code /}, so that it neither opens nor closes a comment level. */
    private static String safe(String text) {
        return text.replace("*", "x").replace("/", "y");
    }

    /** What a generated script holds and how it splits, with COPY data for COPY statements. */
    record Piece(String sql, Kind kind, String copyData) {
        String text() {
            return kind == Kind.COPY_IN ? sql + ";\n" + copyData + "\\.\n" : sql + ";\n";
        }
    }

    @Property(tries = 500)
    void splitAndRejoinedGivesTheScriptBack(@ForAll("pieces") List<Piece> pieces) {
        String script = pieces.stream().map(Piece::text).reduce("", String::concat);

        List<SqlStatement> split = PostgresSplitter.split(script);

        assertThat(split).extracting(SqlStatement::sql).containsExactlyElementsOf(pieces.stream().map(Piece::sql).toList());
        assertThat(split).extracting(SqlStatement::kind).containsExactlyElementsOf(pieces.stream().map(Piece::kind).toList());
        String rejoined = split.stream()
                .map(st -> new Piece(st.sql(), st.kind(), st.copyData()).text())
                .reduce("", String::concat);
        assertThat(rejoined).isEqualTo(script);
    }

    @Provide
    Arbitrary<List<Piece>> pieces() {
        // a generated statement, unless it ends in a line comment (that would hold the semicolon after it)
        Arbitrary<Piece> ordinary = scripts().map(script -> script.statements().get(0))
                .filter(sql -> PostgresSplitter.split(sql + ";\n").stream().map(SqlStatement::sql).toList().equals(List.of(sql)))
                .map(sql -> new Piece(sql, Kind.ORDINARY, null));
        return Arbitraries.frequencyOf(
                        Tuple.of(3, ordinary),
                        Tuple.of(2, copyBlock()),
                        Tuple.of(2, atomicBody()),
                        Tuple.of(1, rule()))
                .list().ofMinSize(1).ofMaxSize(6);
    }

    /** COPY ... FROM stdin and data lines that hold what would end, quote or comment SQL. */
    private static Arbitrary<Piece> copyBlock() {
        Arbitrary<String> line = content("1", "\t", "x;y", "'", "\"", "$$", "$a$", "--", "/*", "\\N", "\\t", "E'", ";", "é", " ")
                .filter(l -> !l.strip().equals("\\."));
        return Combinators.combine(
                        Arbitraries.of("COPY t FROM stdin", "COPY t (a, b) FROM stdin", "copy s.t FROM STDIN WITH (FORMAT text)",
                                "COPY \"T;\" (\"a\"\"b\") FROM stdin", "COPY t FROM stdin WITH (FORMAT csv, DELIMITER ';')"),
                        line.list().ofMaxSize(5))
                .as((command, lines) -> new Piece(command, Kind.COPY_IN,
                        lines.stream().map(l -> l + "\n").reduce("", String::concat)));
    }

    /** SQL-standard function bodies: BEGIN ATOMIC ... END with statements, CASE ... END and strings in them. */
    private static Arbitrary<Piece> atomicBody() {
        Arbitrary<String> bodyStatement = Arbitraries.of(
                "SELECT 1", "INSERT INTO t VALUES (1, ';')", "SELECT CASE WHEN x THEN 'a;' ELSE $$b;$$ END",
                "UPDATE t SET v = CASE v WHEN 1 THEN 2 END", "SELECT 'end;' -- end;\n", "SELECT /* end; */ 2",
                "SELECT \"end\" FROM t", "SELECT E'\\';'");
        return Combinators.combine(
                        Arbitraries.of("CREATE FUNCTION f() RETURNS int LANGUAGE sql", "create or replace procedure p(a int)",
                                "CREATE OR REPLACE FUNCTION s.g(x text) RETURNS text"),
                        bodyStatement.list().ofMaxSize(4),
                        Arbitraries.of("; ", ";\n  ", ";"))
                .as((head, body, separator) -> new Piece(head + "\nBEGIN ATOMIC\n  "
                        + body.stream().map(b -> b + separator).reduce("", String::concat) + "\nEND", Kind.ORDINARY, null));
    }

    private static Arbitrary<Piece> rule() {
        return Combinators.combine(
                        Arbitraries.of("CREATE RULE r AS ON INSERT TO t", "CREATE OR REPLACE RULE \"r;\" AS ON UPDATE TO s.t WHERE new.a <> ';'"),
                        Arbitraries.of("INSERT INTO log VALUES (new.id)", "NOTIFY t", "SELECT $x$;$x$",
                                "DELETE FROM q -- ;\n WHERE id = old.id").list().ofMinSize(1).ofMaxSize(3))
                .as((head, actions) -> new Piece(head + " DO ALSO (" + String.join("; ", actions) + ")", Kind.ORDINARY, null));
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
