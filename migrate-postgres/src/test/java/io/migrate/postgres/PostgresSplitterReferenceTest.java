package io.migrate.postgres;

import io.migrate.spi.ScriptSyntaxException;
import io.migrate.spi.SqlStatement;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tuned splitter, whole and streamed, finds exactly what {@link ReferenceSplitter} finds:
 * the same statements, kinds, lines and COPY data, or the same error on the same line, for token
 * soups that mix every construct the splitter knows and the keywords that change how it reads on.
 */
class PostgresSplitterReferenceTest {

    @Property(tries = 10000)
    void splitsAsTheReferenceDoes(@ForAll("soups") String script) {
        assertThat(outcome(() -> PostgresSplitter.split(script))).isEqualTo(outcome(() -> ReferenceSplitter.split(script)));
    }

    @Property(tries = 1500)
    void streamsAsTheReferenceSplits(@ForAll("soups") String script, @ForAll @IntRange(min = 1, max = 64) int chunk) {
        assertThat(outcome(() -> {
            List<SqlStatement> out = new ArrayList<>();
            new PostgresStatementStream(new StringReader(script), chunk).forEachRemaining(out::add);
            return out;
        })).isEqualTo(outcome(() -> ReferenceSplitter.split(script)));
    }

    /** A script too long to be copied whole is streamed by split(String), with the same result. */
    @Test
    void splitsALongScriptAsTheReferenceDoes() {
        StringBuilder script = new StringBuilder("SET standard_conforming_strings = off;\n");
        for (int k = 0; script.length() < 1_300_000; k++) {
            script.append("INSERT INTO t VALUES (").append(k).append(", 'a\\'; b', E'x''y', $q$ ; $q$, \"c;\")")
                    .append(k % 7 == 0 ? ";\n-- note ;\n" : ";\n");
            if (k % 5000 == 0) {
                script.append("COPY t FROM stdin;\n1\t;\n\\.\nRESET standard_conforming_strings;\n"
                        + "CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\nEND;\n"
                        + "SET standard_conforming_strings = off;\n");
            }
        }
        String text = script.toString();

        List<SqlStatement> split = PostgresSplitter.split(text);

        assertThat(split).isEqualTo(ReferenceSplitter.split(text));
        assertThat(split.get(split.size() - 1).line()).isEqualTo((int) text.chars().filter(c -> c == '\n').count());
    }

    /** The statements, or the error's line and message. */
    private static Object outcome(Supplier<List<SqlStatement>> split) {
        try {
            return split.get();
        } catch (ScriptSyntaxException e) {
            return "error at line " + e.line() + ": " + e.getMessage();
        }
    }

    @Provide
    Arbitrary<String> soups() {
        Arbitrary<String> token = Arbitraries.of(
                // words, and the ones that decide a statement's kind or how strings read
                "SELECT", "x", "t", "é", "ünï", "a$b", "_1", "1e5", "12", "begin", "BEGIN", "end", "END", "case", "CASE",
                "create", "CREATE", "OR", "replace", "function", "PROCEDURE", "atomic", "ALTER", "TABLE", "detach",
                "CONCURRENTLY", "concurrently", "index", "UNIQUE", "drop", "database", "set", "SET", "LOCAL", "session",
                "reset", "RESET", "all", "standard_conforming_strings", "on", "off", "TO", "=", "'off'", "copy", "COPY",
                "from", "FROM", "stdin", "STDIN", "to", "commit", "ROLLBACK", "prepared", "work", "abort", "start",
                "transaction", "vacuum", "reindex", "schema", "system", "cluster", "verbose", "discard", "subscription",
                "publication", "tablespace",
                // strings, identifiers, dollar quotes, comments, and their prefixes
                "'", "''", "'a;b'", "'it''s'", "'x\\'", "\\", "E'", "e'\\''", "E'a\\'b'", "N'\\';'", "b'01'", "X'ff'",
                "U&'d\\0061t'", "u&\"x\"", "U&", "&", "\"", "\"q;\"", "\"a\"\"b\"", "$", "$$", "$1", "$a$", "$fn$",
                "$$ a; b $$", "$t$ ; $t$", "$a$ $b$ ; $a$", "--", "-- c;\n", "/*", "*/", "/* a; /* b */ ; */", "-", "/",
                // structure and separators
                ";", ";", ";", "(", ")", "(1;2)", ",", ".", "::", " ", " ", " ", "\n", "\n", "\r\n", "\t", "\r",
                "\\.\n", "\\x", "COPY t FROM stdin;\n1\t2\n\\.\n", "\uD83D\uDE00",
                // statements whose kind, body or string syntax the splitter must recognise
                ";\nALTER TABLE t DETACH PARTITION p CONCURRENTLY", ";\nCREATE UNIQUE INDEX CONCURRENTLY i ON t (a)",
                ";\nCREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1",
                ";\nSET LOCAL standard_conforming_strings = off", ";\nSET standard_conforming_strings TO 'off'",
                ";\nRESET ALL", ";\nROLLBACK TO SAVEPOINT s", ";\nREINDEX (VERBOSE) TABLE CONCURRENTLY t",
                ";\nCLUSTER VERBOSE", ";\nALTER DATABASE d SET TABLESPACE x",
                ";\nALTER SUBSCRIPTION s REFRESH PUBLICATION", ";\nCOMMIT PREPARED 'x'", ";\nSTART TRANSACTION",
                ";\nCOPY t (a) FROM STDIN WITH (FORMAT csv)", ";\nDISCARD ALL", ";\nVACUUM t", ";\nALTER TABLE",
                ";\nALTER TABLE t", "DETACH PARTITION p", "CONCURRENTLY");
        return token.list().ofMaxSize(60).map(list -> String.join(" ".repeat(list.size() % 2), list));
    }
}
