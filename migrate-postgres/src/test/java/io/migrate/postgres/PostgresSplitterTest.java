package io.migrate.postgres;

import io.migrate.spi.ScriptSyntaxException;
import io.migrate.spi.SqlStatement;
import io.migrate.spi.SqlStatement.Kind;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class PostgresSplitterTest {

    private static List<SqlStatement> split(String script) {
        return PostgresSplitter.split(script);
    }

    private static List<String> sqls(String script) {
        return split(script).stream().map(SqlStatement::sql).toList();
    }

    private static Kind kind(String sql) {
        List<SqlStatement> statements = split(sql);
        assertThat(statements).hasSize(1);
        return statements.get(0).kind();
    }

    private static void assertSyntaxError(String script, int line, String problem) {
        assertThatThrownBy(() -> split(script))
                .isInstanceOf(ScriptSyntaxException.class)
                .hasMessage("line " + line + ": " + problem)
                .satisfies(e -> assertThat(((ScriptSyntaxException) e).line()).isEqualTo(line));
    }

    @Nested
    class Separators {

        @Test
        void splitsOnTopLevelSemicolons() {
            assertThat(split("CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n"))
                    .extracting(SqlStatement::sql, SqlStatement::line, SqlStatement::kind)
                    .containsExactly(
                            tuple("CREATE TABLE a (id int)", 1, Kind.ORDINARY),
                            tuple("CREATE TABLE b (id int)", 2, Kind.ORDINARY));
        }

        @Test
        void statementIsTheSourceSliceFromItsFirstSignificantCharacter() {
            String script = "  -- header; not a statement\n/* block;\n comment */\n"
                    + "  SELECT 1 /* inner; */ -- tail;\n , 2 \t\n;";
            assertThat(split(script))
                    .extracting(SqlStatement::sql, SqlStatement::line)
                    .containsExactly(tuple("SELECT 1 /* inner; */ -- tail;\n , 2", 4));
        }

        @Test
        void finalStatementNeedsNoSemicolon() {
            assertThat(sqls("SELECT 1;\nSELECT 2\n\n")).containsExactly("SELECT 1", "SELECT 2");
        }

        @Test
        void trailingCommentsAndWhitespaceAreNoStatement() {
            assertThat(sqls("SELECT 1;\n-- the end; really\n/* and; /* nested */ */\n \t\r\n"))
                    .containsExactly("SELECT 1");
        }

        @Test
        void emptyStatementsAreSkipped() {
            assertThat(sqls(";;SELECT 1;; ;\n;SELECT 2;;")).containsExactly("SELECT 1", "SELECT 2");
        }

        @Test
        void scriptWithoutStatementsYieldsNothing() {
            assertThat(split("")).isEmpty();
            assertThat(split("  \n-- only a comment\n/* and another */")).isEmpty();
        }

        @Test
        void linesCountAcrossMultiLineStatementsStringsAndComments() {
            String script = "SELECT 'a\nb';\n"
                    + "/* two\nlines */ SELECT $$\n;\n$$; SELECT 3;\n"
                    + "\n"
                    + "CREATE TABLE t (\n  a int, -- x\n  b \"quoted\nname\" int\n);\r\n"
                    + "SELECT E'\\n\n';SELECT 4";
            assertThat(split(script))
                    .extracting(SqlStatement::sql, SqlStatement::line)
                    .containsExactly(
                            tuple("SELECT 'a\nb'", 1),
                            tuple("SELECT $$\n;\n$$", 4),
                            tuple("SELECT 3", 6),
                            tuple("CREATE TABLE t (\n  a int, -- x\n  b \"quoted\nname\" int\n)", 8),
                            tuple("SELECT E'\\n\n'", 13),
                            tuple("SELECT 4", 14));
        }

        @Test
        void semicolonInsideParenthesesDoesNotSplitAsInPsql() {
            assertThat(sqls("SELECT (1; 2); SELECT 3")).containsExactly("SELECT (1; 2)", "SELECT 3");
        }

        @Test
        void unbalancedClosingParenthesisDoesNotDisableSplitting() {
            assertThat(sqls("SELECT 1); SELECT 2")).containsExactly("SELECT 1)", "SELECT 2");
        }
    }

    @Nested
    class LexicalConstructs {

        @Test
        void lineComment() {
            assertThat(sqls("SELECT 1 -- a; b\n, 2; SELECT 3")).containsExactly("SELECT 1 -- a; b\n, 2", "SELECT 3");
        }

        @Test
        void lineCommentEndsAtCarriageReturn() {
            assertThat(sqls("SELECT 1 -- a\r; SELECT 2")).containsExactly("SELECT 1 -- a", "SELECT 2");
        }

        @Test
        void blockCommentsNest() {
            assertThat(sqls("SELECT /* a /* b; */ still; comment */ 1; SELECT 2"))
                    .containsExactly("SELECT /* a /* b; */ still; comment */ 1", "SELECT 2");
        }

        @Test
        void plainStringWithDoubledQuote() {
            assertThat(sqls("SELECT 'it''s; fine'; SELECT 2")).containsExactly("SELECT 'it''s; fine'", "SELECT 2");
        }

        @Test
        void backslashIsLiteralInPlainString() {
            assertThat(sqls("SELECT 'C:\\'; SELECT 2")).containsExactly("SELECT 'C:\\'", "SELECT 2");
        }

        @Test
        void backslashEscapesInEString() {
            assertThat(sqls("SELECT E'it\\'s; fine'; SELECT e'a\\\\'; SELECT E'x''y;'"))
                    .containsExactly("SELECT E'it\\'s; fine'", "SELECT e'a\\\\'", "SELECT E'x''y;'");
        }

        @Test
        void stringContinuingAnEStringOnTheNextLineIsPlainAsInPsql() {
            // the server would read 'b\'...' as part of the E'' string; psql, scanning line by line, does not
            assertThat(sqls("SELECT E'a'\n  'b\\'; SELECT 2")).containsExactly("SELECT E'a'\n  'b\\'", "SELECT 2");
        }

        @Test
        void quoteAfterAnIdentifierEndingInEIsAPlainString() {
            assertThat(sqls("SELECT somee'a\\'; SELECT 2")).containsExactly("SELECT somee'a\\'", "SELECT 2");
        }

        @Test
        void prefixedStringsAreLikePlainStrings() {
            assertThat(sqls("SELECT U&'a;\\', B'1;', X'F;', N'n;\\'; SELECT 2"))
                    .containsExactly("SELECT U&'a;\\', B'1;', X'F;', N'n;\\'", "SELECT 2");
        }

        @Test
        void quotedIdentifiers() {
            assertThat(sqls("SELECT \"a;\"\"b\", U&\"c;\" FROM t; SELECT 2"))
                    .containsExactly("SELECT \"a;\"\"b\", U&\"c;\" FROM t", "SELECT 2");
        }

        @Test
        void dollarQuotes() {
            assertThat(sqls("SELECT $$a;'b$$; SELECT $fn_1$ ; $$ ; $fn_1$; SELECT $é$;$é$"))
                    .containsExactly("SELECT $$a;'b$$", "SELECT $fn_1$ ; $$ ; $fn_1$", "SELECT $é$;$é$");
        }

        @Test
        void differentTagsInsideADollarQuoteAreContent() {
            String function = "CREATE FUNCTION f() RETURNS void AS $outer$\nBEGIN\n"
                    + "  EXECUTE $inner$ SELECT 1; $inner$;\nEND;\n$outer$ LANGUAGE plpgsql";
            assertThat(sqls(function + ";\nSELECT 2;")).containsExactly(function, "SELECT 2");
        }

        @Test
        void closingTagIsFoundRightAfterAFailedTag() {
            // psql rescans the last $ of $junk$, so $b$a$ closes a $a$ quote
            assertThat(sqls("SELECT $a$ x $b$a$; SELECT 2")).containsExactly("SELECT $a$ x $b$a$", "SELECT 2");
        }

        @Test
        void positionalParameterIsNoDollarQuote() {
            assertThat(sqls("PREPARE p AS SELECT $1, $23; SELECT 2")).containsExactly("PREPARE p AS SELECT $1, $23", "SELECT 2");
        }

        @Test
        void dollarInsideAnIdentifierIsNoDollarQuote() {
            assertThat(sqls("SELECT a$b$ FROM t; SELECT foo$$; SELECT 3"))
                    .containsExactly("SELECT a$b$ FROM t", "SELECT foo$$", "SELECT 3");
        }

        @Test
        void dollarQuoteRightAfterANumberOpensAsInPsql() {
            assertThat(sqls("SELECT 1$$;$$; SELECT 2")).containsExactly("SELECT 1$$;$$", "SELECT 2");
        }

        @Test
        void dollarWithoutClosingTagIsALoneDollar() {
            assertThat(sqls("SELECT $abc; SELECT 2")).containsExactly("SELECT $abc", "SELECT 2");
        }
    }

    @Nested
    class RoutineBodies {

        @Test
        void beginAtomicBodyWithCaseIsOneStatement() {
            String function = "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC "
                    + "SELECT CASE WHEN true THEN 1 END; SELECT 2; END";
            assertThat(split(function + ";\nSELECT 3;"))
                    .extracting(SqlStatement::sql, SqlStatement::line, SqlStatement::kind)
                    .containsExactly(tuple(function, 1, Kind.ORDINARY), tuple("SELECT 3", 2, Kind.ORDINARY));
        }

        @Test
        void createOrReplaceProcedureWithCommentsBetweenWords() {
            String procedure = "create /* c */ or -- x\n replace PROCEDURE p() LANGUAGE sql\nbegin atomic\n"
                    + "  INSERT INTO t VALUES (1);\n  INSERT INTO t VALUES (2);\nend";
            assertThat(sqls(procedure + ";SELECT 3")).containsExactly(procedure, "SELECT 3");
        }

        @Test
        void wordsInStringsIdentifiersAndCommentsDoNotCount() {
            String function = "CREATE FUNCTION f() RETURNS text LANGUAGE sql BEGIN ATOMIC "
                    + "SELECT 'end'; SELECT \"end\" FROM t; /* end */ SELECT end_date FROM t; END";
            assertThat(sqls(function + "; SELECT 2")).containsExactly(function, "SELECT 2");
        }

        @Test
        void caseOutsideBeginDoesNotCount() {
            assertThat(sqls("CREATE FUNCTION f(int) RETURNS int LANGUAGE sql RETURN CASE WHEN $1 > 0 THEN 1 ELSE 0 END; SELECT 2"))
                    .containsExactly("CREATE FUNCTION f(int) RETURNS int LANGUAGE sql RETURN CASE WHEN $1 > 0 THEN 1 ELSE 0 END",
                            "SELECT 2");
        }

        @Test
        void beginAndEndOutsideRoutinesSplitNormally() {
            assertThat(split("BEGIN; SELECT CASE WHEN true THEN 1 END; END;"))
                    .extracting(SqlStatement::sql, SqlStatement::kind)
                    .containsExactly(
                            tuple("BEGIN", Kind.BEGIN),
                            tuple("SELECT CASE WHEN true THEN 1 END", Kind.ORDINARY),
                            tuple("END", Kind.COMMIT));
        }

        @Test
        void routineNamedBeginKeepsTheRestOfTheScriptInOneStatementAsInPsql() {
            String script = "CREATE FUNCTION begin() RETURNS int LANGUAGE sql RETURN 1; SELECT 2";
            assertThat(sqls(script)).containsExactly(script);
        }

        @Test
        void plpgsqlBodyInDollarQuotes() {
            String function = "CREATE OR REPLACE FUNCTION touch() RETURNS trigger AS $$\nBEGIN\n"
                    + "  NEW.updated_at = now();\n  RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql";
            assertThat(sqls(function + ";\nCREATE TRIGGER t BEFORE UPDATE ON x FOR EACH ROW EXECUTE FUNCTION touch();"))
                    .containsExactly(function, "CREATE TRIGGER t BEFORE UPDATE ON x FOR EACH ROW EXECUTE FUNCTION touch()");
        }
    }

    @Nested
    class CopyFromStdin {

        @Test
        void dataRunsToTheBackslashDotLine() {
            String script = "COPY t (a, b) FROM stdin;\n1\tx;y\n2\t-- not a comment ' /* \\N\n\\.\nSELECT 1;\n";
            assertThat(split(script))
                    .extracting(SqlStatement::sql, SqlStatement::line, SqlStatement::kind, SqlStatement::copyData)
                    .containsExactly(
                            tuple("COPY t (a, b) FROM stdin", 1, Kind.COPY_IN, "1\tx;y\n2\t-- not a comment ' /* \\N\n"),
                            tuple("SELECT 1", 5, Kind.ORDINARY, null));
        }

        @Test
        void crlfDataLinesBecomeLf() {
            assertThat(split("SELECT 0;\r\ncopy t from STDIN;\r\n1\r\n2\r\n\\.\r\nSELECT 1;"))
                    .extracting(SqlStatement::sql, SqlStatement::line, SqlStatement::copyData)
                    .containsExactly(
                            tuple("SELECT 0", 1, null),
                            tuple("copy t from STDIN", 2, "1\n2\n"),
                            tuple("SELECT 1", 6, null));
        }

        @Test
        void optionsCommentsAndTrailingBlanks() {
            assertThat(split("COPY t FROM stdin WITH (FORMAT csv) ;  -- data follows\na,b\n\\.  \t\n"))
                    .extracting(SqlStatement::sql, SqlStatement::kind, SqlStatement::copyData)
                    .containsExactly(tuple("COPY t FROM stdin WITH (FORMAT csv)", Kind.COPY_IN, "a,b\n"));
        }

        @Test
        void commentsBetweenWordsDoNotHideFromStdin() {
            assertThat(split("COPY /* c */ t FROM -- x\n stdin;\n1\n\\.\n"))
                    .extracting(SqlStatement::kind, SqlStatement::copyData)
                    .containsExactly(tuple(Kind.COPY_IN, "1\n"));
        }

        @Test
        void emptyDataAndTerminatorAtEndOfFile() {
            assertThat(split("COPY t FROM stdin;\n\\."))
                    .extracting(SqlStatement::copyData)
                    .containsExactly("");
        }

        @Test
        void indentedBackslashDotIsData() {
            assertThat(split("COPY t FROM stdin;\n \\.\n\\.\n"))
                    .extracting(SqlStatement::copyData)
                    .containsExactly(" \\.\n");
        }

        @Test
        void missingTerminatorNamesTheCopyLine() {
            assertSyntaxError("SELECT 1;\n\nCOPY t FROM stdin;\n1\n2\n", 3,
                    "COPY ... FROM stdin at line 3 has no terminating \\. line; end its data with a line that holds only \\.");
            assertSyntaxError("COPY t FROM stdin", 1,
                    "COPY ... FROM stdin at line 1 has no terminating \\. line; end its data with a line that holds only \\.");
        }

        @Test
        void copyMustEndItsLine() {
            assertSyntaxError("COPY t FROM stdin; SELECT 1;\n\\.\n", 1,
                    "COPY ... FROM stdin must be the last statement on its line, because its data starts on the next line;"
                            + " move what follows it after the \\. line");
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "COPY t TO stdout", "COPY t FROM '/tmp/t.csv'", "COPY (SELECT a FROM x) TO STDOUT",
                "COPY t FROM PROGRAM 'cat t'", "COPY t (\"from\") TO stdout"})
        void otherCopiesAreOrdinary(String sql) {
            assertThat(split(sql + ";\nSELECT 1"))
                    .extracting(SqlStatement::kind)
                    .containsExactly(Kind.ORDINARY, Kind.ORDINARY);
        }
    }

    @Nested
    class Errors {

        @Test
        void metaCommandsNameTheCommandAndLine() {
            assertSyntaxError("SELECT 1;\n\n\\i other.sql\n", 3,
                    "psql meta-command \\i is not SQL; migrations run through JDBC, not psql."
                            + " Inline the SQL or split it into migrations");
            assertSyntaxError("\\connect db\nSELECT 1;", 1,
                    "psql meta-command \\connect is not SQL; migrations run through JDBC, not psql."
                            + " Inline the SQL or split it into migrations");
            assertSyntaxError("SELECT 1;\n\\set x 1", 2,
                    "psql meta-command \\set is not SQL; migrations run through JDBC, not psql."
                            + " Inline the SQL or split it into migrations");
            assertSyntaxError("SELECT 1;\nSELECT format('x')\n\\gexec\n", 3,
                    "psql meta-command \\gexec is not SQL; migrations run through JDBC, not psql."
                            + " Inline the SQL or split it into migrations");
        }

        @Test
        void backslashesInsideConstructsAreNoMetaCommands() {
            assertThat(sqls("SELECT '\\i', \"\\i\", $$\\i$$ -- \\i\n /* \\i */;")).hasSize(1);
        }

        @Test
        void unterminatedQuotedStringAtItsStartLine() {
            assertSyntaxError("SELECT 1;\nSELECT 'abc;\nSELECT 3;", 2,
                    "unterminated quoted string starting here; check for a missing closing quote");
            assertSyntaxError("SELECT\n E'abc\\';", 2,
                    "unterminated quoted string starting here; check for a missing closing quote"
                            + " (in E'...' a backslash escapes the character after it)");
        }

        @Test
        void unterminatedQuotedIdentifierAtItsStartLine() {
            assertSyntaxError("SELECT 1;\n\nSELECT \"abc;\n", 3,
                    "unterminated quoted identifier starting here; check for a missing closing double quote");
        }

        @Test
        void unterminatedBlockCommentAtItsStartLine() {
            assertSyntaxError("SELECT 1;\n/* a /* b */\nSELECT 2;", 2,
                    "unterminated block comment starting here; check for a missing */"
                            + " (block comments nest in PostgreSQL, so each /* inside one needs its own */)");
        }

        @Test
        void unterminatedDollarQuoteNamesItsTag() {
            assertSyntaxError("SELECT 1;\nCREATE FUNCTION f() AS $fn$\nBEGIN\n", 2,
                    "unterminated dollar-quoted string $fn$ starting here; check for a missing closing $fn$");
        }
    }

    @Nested
    class Kinds {

        @ParameterizedTest
        @ValueSource(strings = {
                "BEGIN", "begin work", "BEGIN TRANSACTION ISOLATION LEVEL SERIALIZABLE", "START TRANSACTION",
                "start transaction read only", "/* why */ BEGIN"})
        void begin(String sql) {
            assertThat(kind(sql)).isEqualTo(Kind.BEGIN);
        }

        @ParameterizedTest
        @ValueSource(strings = {"COMMIT", "commit work", "COMMIT TRANSACTION", "COMMIT AND CHAIN", "END", "end transaction"})
        void commit(String sql) {
            assertThat(kind(sql)).isEqualTo(Kind.COMMIT);
        }

        @ParameterizedTest
        @ValueSource(strings = {"ROLLBACK", "rollback work", "ROLLBACK TRANSACTION AND CHAIN", "ABORT", "abort transaction"})
        void rollback(String sql) {
            assertThat(kind(sql)).isEqualTo(Kind.ROLLBACK);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "CREATE INDEX CONCURRENTLY i ON t (a)",
                "create unique index concurrently if not exists i on t (a)",
                "CREATE INDEX /* because */ CONCURRENTLY i ON t (a)",
                "DROP INDEX CONCURRENTLY IF EXISTS i",
                "REINDEX INDEX CONCURRENTLY i",
                "REINDEX (VERBOSE) TABLE CONCURRENTLY t",
                "REINDEX (CONCURRENTLY) TABLE t",
                "REINDEX SYSTEM",
                "REINDEX DATABASE d",
                "REINDEX (VERBOSE) DATABASE d",
                "REINDEX SCHEMA s",
                "ALTER TABLE t DETACH PARTITION p CONCURRENTLY",
                "VACUUM",
                "vacuum (analyze) t",
                "CREATE DATABASE d",
                "DROP DATABASE IF EXISTS d",
                "ALTER SYSTEM SET work_mem = '64MB'",
                "CREATE TABLESPACE ts LOCATION '/x'",
                "DROP TABLESPACE ts",
                "CLUSTER",
                "cluster verbose",
                "CLUSTER (VERBOSE)",
                "CREATE SUBSCRIPTION s CONNECTION 'x' PUBLICATION p",
                "DROP SUBSCRIPTION s",
                "ALTER SUBSCRIPTION s REFRESH PUBLICATION",
                "ALTER SUBSCRIPTION s SET PUBLICATION p",
                "ALTER SUBSCRIPTION s ADD PUBLICATION p WITH (copy_data = false)",
                "ALTER DATABASE d SET TABLESPACE ts",
                "DISCARD ALL",
                "COMMIT PREPARED 'x'",
                "ROLLBACK PREPARED 'x'"})
        void nonTransactional(String sql) {
            assertThat(kind(sql)).isEqualTo(Kind.NON_TRANSACTIONAL);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "ROLLBACK TO SAVEPOINT s",
                "rollback to s",
                "ROLLBACK WORK TO SAVEPOINT s",
                "SAVEPOINT s",
                "REFRESH MATERIALIZED VIEW CONCURRENTLY mv",
                "CLUSTER tbl",
                "CLUSTER VERBOSE tbl",
                "CLUSTER (VERBOSE) tbl USING i",
                "CREATE INDEX i ON t (a)",
                "CREATE TABLE concurrently (a int)",
                "DROP INDEX i",
                "REINDEX TABLE t",
                "REINDEX INDEX \"concurrently\"",
                "ALTER TABLE t DETACH PARTITION p",
                "ALTER TABLE t DETACH PARTITION p FINALIZE",
                "ALTER TABLE t ADD COLUMN c text DEFAULT 'detach concurrently'",
                "ALTER SUBSCRIPTION s ENABLE",
                "ALTER DATABASE d SET search_path TO x",
                "ALTER TYPE \"Role\" ADD VALUE 'X'",
                "DISCARD PLANS",
                "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END",
                "SELECT 1"})
        void ordinary(String sql) {
            assertThat(kind(sql)).isEqualTo(Kind.ORDINARY);
        }
    }

    @Test
    void prismaEnumMigration() {
        String script = """
                /*
                  Warnings:

                  - The values [GUEST] on the enum `Role` will be removed. If these variants are still used in the database, this will fail.

                */
                -- AlterEnum
                BEGIN;
                CREATE TYPE "Role_new" AS ENUM ('USER', 'ADMIN');
                ALTER TABLE "User" ALTER COLUMN "role" DROP DEFAULT;
                ALTER TABLE "User" ALTER COLUMN "role" TYPE "Role_new" USING ("role"::text::"Role_new");
                ALTER TYPE "Role" RENAME TO "Role_old";
                ALTER TYPE "Role_new" RENAME TO "Role";
                DROP TYPE "Role_old";
                ALTER TABLE "User" ALTER COLUMN "role" SET DEFAULT 'USER';
                COMMIT;

                -- CreateIndex
                CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
                """;
        assertThat(split(script))
                .extracting(SqlStatement::sql, SqlStatement::line, SqlStatement::kind)
                .containsExactly(
                        tuple("BEGIN", 8, Kind.BEGIN),
                        tuple("CREATE TYPE \"Role_new\" AS ENUM ('USER', 'ADMIN')", 9, Kind.ORDINARY),
                        tuple("ALTER TABLE \"User\" ALTER COLUMN \"role\" DROP DEFAULT", 10, Kind.ORDINARY),
                        tuple("ALTER TABLE \"User\" ALTER COLUMN \"role\" TYPE \"Role_new\" USING (\"role\"::text::\"Role_new\")",
                                11, Kind.ORDINARY),
                        tuple("ALTER TYPE \"Role\" RENAME TO \"Role_old\"", 12, Kind.ORDINARY),
                        tuple("ALTER TYPE \"Role_new\" RENAME TO \"Role\"", 13, Kind.ORDINARY),
                        tuple("DROP TYPE \"Role_old\"", 14, Kind.ORDINARY),
                        tuple("ALTER TABLE \"User\" ALTER COLUMN \"role\" SET DEFAULT 'USER'", 15, Kind.ORDINARY),
                        tuple("COMMIT", 16, Kind.COMMIT),
                        tuple("CREATE UNIQUE INDEX \"User_email_key\" ON \"User\"(\"email\")", 19, Kind.ORDINARY));
    }
}
