package io.migrate.postgres;

import io.migrate.spi.ScriptSyntaxException;
import io.migrate.spi.SqlStatement;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.util.Iterator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresStatementStreamTest {

    /** A script of {@code rows} single-row INSERTs, produced on the fly: it never exists in memory as a whole. */
    private static Reader inserts(int rows) {
        return new Reader() {
            private int row;
            private String pending = "CREATE TABLE t (id int, v text);\n";
            private int at;

            @Override
            public int read(char[] buf, int off, int len) {
                if (at == pending.length()) {
                    if (row == rows) {
                        return -1;
                    }
                    pending = "INSERT INTO t VALUES (" + row + ", 'row; ''" + row + "''');\n";
                    row++;
                    at = 0;
                }
                int count = Math.min(len, pending.length() - at);
                pending.getChars(at, at + count, buf, off);
                at += count;
                return count;
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void handsOutStatementsOfAScriptLargerThanTheHeapWouldHoldOneAtATime() throws IOException {
        // 2 million statements, about 90 MB of text: fine in a stream, more than a small test heap as one String.
        Iterator<SqlStatement> statements = new PostgresDialect().split(inserts(2_000_000));

        assertThat(statements.next()).isEqualTo(new SqlStatement("CREATE TABLE t (id int, v text)", 1, SqlStatement.Kind.ORDINARY));
        SqlStatement last = null;
        int count = 0;
        while (statements.hasNext()) {
            last = statements.next();
            count++;
        }
        assertThat(count).isEqualTo(2_000_000);
        assertThat(last).isEqualTo(new SqlStatement("INSERT INTO t VALUES (1999999, 'row; ''1999999''')", 2_000_001,
                SqlStatement.Kind.ORDINARY));
    }

    @Test
    void aStatementLongerThanTheChunkIsSplitWhole() {
        String big = "INSERT INTO t VALUES ('" + "x;".repeat(100_000) + "')";
        Iterator<SqlStatement> statements = new PostgresStatementStream(new java.io.StringReader(
                "SELECT 1;\n" + big + ";\nSELECT 2;"), 64);

        assertThat(statements.next().sql()).isEqualTo("SELECT 1");
        assertThat(statements.next()).isEqualTo(new SqlStatement(big, 2, SqlStatement.Kind.ORDINARY));
        assertThat(statements.next()).isEqualTo(new SqlStatement("SELECT 2", 3, SqlStatement.Kind.ORDINARY));
        assertThat(statements.hasNext()).isFalse();
    }

    @Test
    void anUnterminatedStringFailsAtItsLineOnceTheScriptEnds() {
        Iterator<SqlStatement> statements = new PostgresStatementStream(new java.io.StringReader(
                "SELECT 1;\nSELECT 'open\n" + "more\n".repeat(1000)), 16);

        assertThat(statements.next().sql()).isEqualTo("SELECT 1");
        assertThatThrownBy(statements::hasNext).isInstanceOf(ScriptSyntaxException.class)
                .hasMessage("line 2: unterminated quoted string starting here; check for a missing closing quote");
    }
}
