package io.migrate.internal.engine;

import io.migrate.internal.source.Migration;
import io.migrate.spi.SqlStatement;
import io.migrate.spi.SqlStatement.Kind;
import org.junit.jupiter.api.Test;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Applying a file must cost in proportion to its statements: each is looked at a bounded number of
 * times however many there are (counting the accesses, not timing them).
 */
class ScriptStepsTest {

    private static final int STATEMENTS = 20_000;

    /** A statement list that counts how often its elements are read. */
    private static final class CountingList extends AbstractList<SqlStatement> {
        private final List<SqlStatement> statements;
        long reads;

        CountingList(List<SqlStatement> statements) {
            this.statements = statements;
        }

        @Override
        public SqlStatement get(int index) {
            reads++;
            return statements.get(index);
        }

        @Override
        public int size() {
            return statements.size();
        }
    }

    private static CountingList statements(boolean wrapped) {
        List<SqlStatement> list = new ArrayList<>();
        if (wrapped) {
            list.add(new SqlStatement("BEGIN", 1, Kind.BEGIN));
        }
        for (int i = 0; i < STATEMENTS; i++) {
            list.add(new SqlStatement("INSERT INTO t VALUES (" + i + ")", i + 2, Kind.ORDINARY));
        }
        if (wrapped) {
            list.add(new SqlStatement("COMMIT", STATEMENTS + 2, Kind.COMMIT));
        }
        return new CountingList(list);
    }

    private static Script script(CountingList statements, String withoutTransaction) {
        Migration migration = new Migration("20260101000000_many", "db/20260101000000_many/migration.sql", new byte[0],
                "0".repeat(64), "");
        return new Script(migration, statements, withoutTransaction, null, null);
    }

    @Test
    void eachStatementOfATransactionalScriptIsReadAFewTimesAtMost() throws Exception {
        CountingList statements = statements(true);
        List<String> seen = new ArrayList<>();

        script(statements, null).forEachRunnable((statement, position, total) -> {
            assertThat(total).isEqualTo(STATEMENTS);
            seen.add(position + ":" + statement.line());
        });

        assertThat(seen).hasSize(STATEMENTS).startsWith("1:2").endsWith(STATEMENTS + ":" + (STATEMENTS + 1));
        assertThat(statements.reads).as("list reads for %d statements", STATEMENTS).isLessThanOrEqualTo(3L * (STATEMENTS + 2));
    }

    @Test
    void eachStatementOfAStatementByStatementScriptIsReadAFewTimesAtMost() throws Exception {
        CountingList statements = statements(true);
        List<Integer> totals = new ArrayList<>();

        script(statements, "'-- migrate:no-transaction'").forEachRunnable((statement, position, total) -> totals.add(total));

        assertThat(totals).hasSize(STATEMENTS + 2).containsOnly(STATEMENTS + 2);
        assertThat(statements.reads).isLessThanOrEqualTo(3L * (STATEMENTS + 2));
    }
}
