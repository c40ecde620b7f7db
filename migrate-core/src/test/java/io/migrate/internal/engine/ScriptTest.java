package io.migrate.internal.engine;

import io.migrate.api.Checksum;
import io.migrate.api.ErrorCode;
import io.migrate.api.InvalidMigrationException;
import io.migrate.internal.source.Migration;
import io.migrate.spi.DatabaseLock;
import io.migrate.spi.Dialect;
import io.migrate.spi.ScriptSyntaxException;
import io.migrate.spi.SessionSettings;
import io.migrate.spi.SqlStatement;
import io.migrate.spi.SqlStatement.Kind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScriptTest {

    private static final String NAME = "20240101000000_init";
    private static final String SOURCE = "db/migrations/" + NAME + "/migration.sql";

    @Test
    void isTransactionalByDefault() {
        Script script = prepare("CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\n");

        assertThat(script.transactional()).isTrue();
        assertThat(script.withoutTransaction()).isNull();
        assertThat(script.statements()).extracting(SqlStatement::line).containsExactly(1, 2);
        assertThat(script.statements()).allMatch(script::runs);
        assertThat(script.countRunnable()).isEqualTo(2);
    }

    @Test
    void emptyScriptIsTransactionalWithNothingToRun() {
        Script script = prepare("-- nothing yet\n");

        assertThat(script.transactional()).isTrue();
        assertThat(script.statements()).isEmpty();
        assertThat(script.countRunnable()).isZero();
    }

    @Test
    void noTransactionDirectiveAtTheTop() {
        Script script = prepare("-- migrate:no-transaction\nCREATE TABLE a (id int);\n");

        assertThat(script.transactional()).isFalse();
        assertThat(script.withoutTransaction()).isEqualTo("'-- migrate:no-transaction'");
    }

    @Test
    void noTransactionDirectiveAfterBlankLinesAndCommentsInAnyCase() {
        Script script = prepare("\n-- Adds an index\n\n   --   MIGRATE:No-Transaction  \nCREATE TABLE a (id int);\n");

        assertThat(script.withoutTransaction()).isEqualTo("'-- migrate:no-transaction'");
    }

    @Test
    void noTransactionDirectiveWithCrlfLineEndings() {
        assertThat(prepare("-- migrate:no-transaction\r\nCREATE TABLE a (id int);\r\n").transactional()).isFalse();
    }

    @Test
    void directiveAfterTheFirstStatementIsNotADirective() {
        Script script = prepare("CREATE TABLE a (id int);\n-- migrate:no-transaction\n-- migrate:whatever\nCREATE TABLE b (id int);\n");

        assertThat(script.transactional()).isTrue();
    }

    @Test
    void unknownDirectiveIsAScriptSyntaxErrorNamingItsLine() {
        assertThatThrownBy(() -> prepare("-- Adds a table\n\n-- migrate:no-transactions\nCREATE TABLE a (id int);\n"))
                .isInstanceOfSatisfying(InvalidMigrationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SCRIPT_SYNTAX);
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.location()).isEqualTo(SOURCE);
                })
                .hasMessage("[SCRIPT_SYNTAX] Migration " + NAME + " has an unknown directive '-- migrate:no-transactions'"
                        + " at line 3 of " + SOURCE + ". The directives are '-- migrate:no-transaction',"
                        + " '-- migrate:lock-timeout <duration>', '-- migrate:statement-timeout <duration>' and '-- migrate:lint-ignore <rule> <reason>'");
    }

    @Test
    void timeoutDirectivesAreReadWithTheirUnits() {
        Script script = prepare("-- migrate:lock-timeout 5s\n-- migrate:statement-timeout 10min\nCREATE TABLE a (id int);\n");
        assertThat(script.lockWaitTimeout()).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(script.statementTimeout()).isEqualTo(java.time.Duration.ofMinutes(10));
        assertThat(script.transactional()).isTrue();
        assertThat(prepare("-- migrate:lock-timeout 250\nSELECT 1;\n").lockWaitTimeout()).isEqualTo(java.time.Duration.ofMillis(250));
        assertThat(prepare("SELECT 1;\n").lockWaitTimeout()).isNull();
    }

    @Test
    void aTimeoutDirectiveWithoutADurationIsAnErrorNamingItsLine() {
        assertThatThrownBy(() -> prepare("-- migrate:lock-timeout soon\nSELECT 1;\n"))
                .isInstanceOfSatisfying(InvalidMigrationException.class, e -> assertThat(e.line()).isEqualTo(1))
                .hasMessageStartingWith("[SCRIPT_SYNTAX] Migration " + NAME + " has a directive whose value is not a"
                        + " duration such as 500ms, 5s, 10min or 1h (0 for none) '-- migrate:lock-timeout soon' at line 1");
    }

    @Test
    void nonTransactionalStatementTurnsTheTransactionOffNamingItsLine() {
        Script script = prepare("CREATE TABLE a (id int);\n\nCREATE INDEX CONCURRENTLY a_id ON a (id);\n");

        assertThat(script.transactional()).isFalse();
        assertThat(script.withoutTransaction()).isEqualTo("line 3 cannot run in a transaction");
        assertThat(script.countRunnable()).isEqualTo(2);
    }

    @Test
    void commitFollowedByMoreStatementsTurnsTheTransactionOff() {
        Script script = prepare("ALTER TYPE mood ADD VALUE 'meh';\nCOMMIT;\nUPDATE t SET m = 'meh';\n");

        assertThat(script.transactional()).isFalse();
        assertThat(script.withoutTransaction()).isEqualTo("it commits at line 2 and goes on after");
        assertThat(script.statements()).allMatch(script::runs);
        assertThat(script.countRunnable()).isEqualTo(3);
    }

    @Test
    void commitAsTheLastStatementStaysTransactionalAndSkipsBeginAndCommit() {
        Script script = prepare("BEGIN;\nCREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\nCOMMIT;\n");

        assertThat(script.transactional()).isTrue();
        List<SqlStatement> statements = script.statements();
        assertThat(statements).extracting(SqlStatement::kind)
                .containsExactly(Kind.BEGIN, Kind.ORDINARY, Kind.ORDINARY, Kind.COMMIT);
        assertThat(statements).extracting(script::runs).containsExactly(false, true, true, false);
        assertThat(script.countRunnable()).isEqualTo(2);
    }

    @Test
    void withoutTransactionBeginAndCommitRun() {
        Script script = prepare("-- migrate:no-transaction\nBEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\n");

        assertThat(script.statements()).allMatch(script::runs);
        assertThat(script.countRunnable()).isEqualTo(3);
    }

    @Test
    void theDialectsReasonForAWholeScriptMakesItRunWithoutTransaction() {
        Script script = Script.prepare(migration("CALL refresh_totals();\n"), new TestDialect(ScriptTest::split,
                statements -> statements.size() == 1 ? Optional.of("a procedure called alone may commit") : Optional.empty()));

        assertThat(script.transactional()).isFalse();
        assertThat(script.withoutTransaction()).isEqualTo("a procedure called alone may commit");
    }

    @Test
    void theDialectIsAskedOnlyWhenTheStatementsThemselvesAllowATransaction() {
        Script script = Script.prepare(migration("CREATE INDEX CONCURRENTLY i ON t (a);\n"), new TestDialect(ScriptTest::split,
                statements -> Optional.of("never asked")));

        assertThat(script.withoutTransaction()).isEqualTo("line 1 cannot run in a transaction");
    }

    @Test
    void withoutAReasonFromTheDialectALoneCallRunsInATransaction() {
        assertThat(prepare("CALL refresh_totals();\n").transactional()).isTrue();
    }

    @Test
    void rollbackInATransactionalScriptIsAScriptSyntaxErrorNamingItsLine() {
        assertThatThrownBy(() -> prepare("CREATE TABLE a (id int);\n\nROLLBACK;\n"))
                .isInstanceOfSatisfying(InvalidMigrationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SCRIPT_SYNTAX);
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.location()).isEqualTo(SOURCE);
                })
                .hasMessage("[SCRIPT_SYNTAX] Migration " + NAME + " has ROLLBACK at line 3 of " + SOURCE
                        + ", which would abandon the transaction the migration runs in. Remove it, or put"
                        + " '-- migrate:no-transaction' at the top of the file to run it statement by statement");
    }

    @Test
    void rollbackIsAllowedWithoutTransaction() {
        Script script = prepare("-- migrate:no-transaction\nCREATE TABLE a (id int);\nROLLBACK;\n");

        assertThat(script.transactional()).isFalse();
        assertThat(script.countRunnable()).isEqualTo(2);
    }

    @Test
    void splitterSyntaxErrorBecomesInvalidMigrationNamingFileAndLine() {
        ScriptSyntaxException cause = new ScriptSyntaxException(4, "unterminated quoted string starting here");
        Migration migration = migration("SELECT 1;\n");

        assertThatThrownBy(() -> Script.prepare(migration, new TestDialect(s -> {
            throw cause;
        })))
                .isInstanceOfSatisfying(InvalidMigrationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SCRIPT_SYNTAX);
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.location()).isEqualTo(SOURCE);
                })
                .hasMessage("[SCRIPT_SYNTAX] Migration " + NAME + " cannot be read at line 4 of " + SOURCE
                        + ": unterminated quoted string starting here")
                .hasCause(cause);
    }

    @Test
    void statementsAreACopyOfWhatTheDialectReturned() {
        List<SqlStatement> split = new ArrayList<>(List.of(new SqlStatement("SELECT 1", 1, Kind.ORDINARY)));
        Script script = prepareWith(split);
        split.clear();

        assertThat(script.statements()).hasSize(1);
        assertThat(script.migration().name()).isEqualTo(NAME);
    }

    private static Script prepare(String sql) {
        return Script.prepare(migration(sql), new TestDialect(ScriptTest::split));
    }

    private static Script prepareWith(List<SqlStatement> statements) {
        return Script.prepare(migration("-- statements come from the test dialect\n"), new TestDialect(s -> statements));
    }

    private static Migration migration(String sql) {
        byte[] bytes = sql.getBytes(StandardCharsets.UTF_8);
        return new Migration(NAME, SOURCE, bytes, Checksum.sha256(bytes), sql);
    }

    /** Statements end with ';' at the end of a line; comment lines between statements are skipped. */
    private static List<SqlStatement> split(String script) {
        List<SqlStatement> statements = new ArrayList<>();
        String[] lines = script.split("\n", -1);
        StringBuilder current = null;
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (current == null) {
                if (line.isEmpty() || line.startsWith("--")) {
                    continue;
                }
                current = new StringBuilder();
                start = i + 1;
            } else {
                current.append('\n');
            }
            current.append(line);
            if (line.endsWith(";")) {
                String sql = current.substring(0, current.length() - 1);
                statements.add(new SqlStatement(sql, start, kindOf(sql)));
                current = null;
            }
        }
        if (current != null) {
            statements.add(new SqlStatement(current.toString(), start, kindOf(current.toString())));
        }
        return statements;
    }

    private static Kind kindOf(String sql) {
        String upper = sql.toUpperCase(Locale.ROOT);
        String first = upper.split("\\s+", 2)[0];
        return switch (first) {
            case "BEGIN", "START" -> Kind.BEGIN;
            case "COMMIT", "END" -> Kind.COMMIT;
            case "ROLLBACK", "ABORT" -> Kind.ROLLBACK;
            case "VACUUM" -> Kind.NON_TRANSACTIONAL;
            default -> upper.contains(" CONCURRENTLY ") ? Kind.NON_TRANSACTIONAL : Kind.ORDINARY;
        };
    }

    /** Only {@link #split} matters to {@link Script}. */
    private record TestDialect(Function<String, List<SqlStatement>> splitter,
                               Function<List<SqlStatement>, Optional<String>> noTransaction) implements Dialect {
        TestDialect(Function<String, List<SqlStatement>> splitter) {
            this(splitter, statements -> Optional.empty());
        }

        @Override
        public Optional<String> needsNoTransaction(List<SqlStatement> statements) {
            return noTransaction.apply(statements);
        }

        @Override
        public String name() {
            return "test";
        }

        @Override
        public boolean supports(DatabaseMetaData metaData) {
            return false;
        }

        @Override
        public List<SqlStatement> split(String script) {
            return splitter.apply(script);
        }

        @Override
        public String quote(String identifier) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String currentSchema(Connection connection) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SessionSettings prepareSession(Connection connection, String schema) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean historyTableExists(Connection connection, String schema, String table) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void createHistoryTable(Connection connection, String schema, String table) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> schemaObjects(Connection connection, String schema, String exceptTable, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void dropAll(Connection connection, String schema) {
            throw new UnsupportedOperationException();
        }

        @Override
        public DatabaseLock lock(Connection connection, String schema, String table, Duration timeout) {
            throw new UnsupportedOperationException();
        }
    }
}
