package io.migrate.internal.engine;

import io.migrate.api.AppliedMigration;
import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationFailedException;
import io.migrate.internal.history.HistoryTable;
import io.migrate.internal.source.Migration;
import io.migrate.spi.Dialect;
import io.migrate.spi.SqlStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Applies one prepared migration. A transactional one commits together with its history row; a
 * non-transactional one runs in auto-commit and is recorded as started before its first statement
 * and finished after its last, so that a crash leaves it visibly failed.
 */
final class MigrationRunner {

    private static final Logger log = LoggerFactory.getLogger(MigrationRunner.class);

    private final Connection connection;
    private final Dialect dialect;
    private final HistoryTable history;
    private final String schema;

    MigrationRunner(Connection connection, Dialect dialect, HistoryTable history, String schema) {
        this.connection = connection;
        this.dialect = dialect;
        this.history = history;
        this.schema = schema;
    }

    AppliedMigration apply(Script script) {
        Migration m = script.migration();
        if (script.statements().isEmpty()) {
            log.warn("Migration {} has no statements ({}); recording it as applied", m.name(), m.source());
        }
        long start = System.nanoTime();
        int steps = script.transactional() ? inTransaction(script) : statementByStatement(script);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        log.info("Applied {} in {} ms ({} {}{})", m.name(), took.toMillis(), steps, steps == 1 ? "statement" : "statements",
                script.transactional() ? "" : ", without transaction: " + script.withoutTransaction());
        return new AppliedMigration(m.name(), took, steps, script.transactional());
    }

    private int inTransaction(Script script) {
        Migration m = script.migration();
        OffsetDateTime started = HistoryTable.now();
        int steps = 0;
        SqlStatement current = null;
        try {
            connection.setAutoCommit(false);
            for (SqlStatement statement : script.statements()) {
                if (script.runs(statement)) {
                    current = statement;
                    execute(statement, steps, script);
                    steps++;
                }
            }
            current = null;
            history.insertApplied(m.name(), m.checksum(), started, steps);
            connection.commit();
            connection.setAutoCommit(true);
            return steps;
        } catch (SQLException e) {
            MigrationFailedException failure = failure(script, current, steps, e, List.of());
            Failures.quietly(failure, connection::rollback);
            Failures.quietly(failure, () -> connection.setAutoCommit(true));
            if (failure.code() != ErrorCode.CONNECTION_LOST) {
                Failures.quietly(failure, () -> history.insertRolledBack(m.name(), m.checksum(), started, failure.getMessage()));
            }
            throw failure;
        }
    }

    private int statementByStatement(Script script) {
        Migration m = script.migration();
        String id;
        try {
            id = history.insertStarted(m.name(), m.checksum(), HistoryTable.now());
        } catch (SQLException e) {
            throw Failures.bookkeeping("recording the start of " + m.name() + " in " + history.qualifiedName(), e);
        }
        int steps = 0;
        SqlStatement current = null;
        try {
            for (SqlStatement statement : script.statements()) {
                current = statement;
                execute(statement, steps, script);
                steps++;
                history.updateSteps(id, steps);
            }
            current = null;
            history.finish(id, steps);
            return steps;
        } catch (SQLException e) {
            if (Failures.connectionLost(e)) {
                throw failure(script, current, steps, e, List.of());
            }
            boolean opensBlocks = script.statements().stream().anyMatch(s -> s.kind() == SqlStatement.Kind.BEGIN);
            if (opensBlocks) {
                // The script's own BEGIN may have left an aborted transaction block open on the session.
                try (var st = connection.createStatement()) {
                    st.execute("ROLLBACK");
                } catch (SQLException ignored) {
                    // nothing was open
                }
            }
            List<String> leftovers;
            try {
                leftovers = dialect.leftovers(connection, schema);
            } catch (SQLException ignored) {
                leftovers = List.of();
            }
            MigrationFailedException failure = failure(script, current, steps, e, leftovers);
            int done = steps;
            Failures.quietly(failure, () -> history.fail(id, done, failure.getMessage()));
            throw failure;
        }
    }

    private void execute(SqlStatement statement, int index, Script script) throws SQLException {
        if (log.isDebugEnabled()) {
            log.debug("{} statement {} of {} (line {}): {}", script.migration().name(), index + 1,
                    script.countRunnable(), statement.line(), Redaction.statement(statement.sql()));
        }
        dialect.execute(connection, statement);
    }

    private MigrationFailedException failure(Script script, SqlStatement statement, int done, SQLException e,
                                             List<String> leftovers) {
        Migration m = script.migration();
        int line = statement == null ? 0 : statement.line() + linesBefore(statement, dialect.errorOffset(e));
        boolean lost = Failures.connectionLost(e);
        StringBuilder text = new StringBuilder();
        text.append("Migration ").append(m.name()).append(lost ? " lost its connection" : " failed");
        if (statement != null) {
            text.append(" at line ").append(line).append(" of ").append(m.source()).append('\n')
                    .append("  Statement: ").append(Redaction.statement(statement.sql())).append('\n');
        } else {
            text.append(" while committing (").append(m.source()).append(")\n");
        }
        text.append("  ").append(Failures.describe(e).replace("\n", "\n  ")).append('\n');
        if ("2D000".equals(e.getSQLState()) && script.transactional()) {
            text.append("A COMMIT or ROLLBACK inside a procedure or DO block only works outside a transaction: put '-- ")
                    .append(Script.NO_TRANSACTION).append("' at the top of the file to run it statement by statement.\n");
        }
        if (script.transactional()) {
            text.append(lost
                    ? "It ran in a transaction, which the server rolls back when the session ends: nothing of it was"
                      + " applied. Check the database and the network, then deploy again; it will be retried."
                    : "It ran in a transaction and was rolled back: nothing of it was applied, and the attempt is"
                      + " recorded as rolled back. Fix the migration and deploy again; it will be retried.");
        } else {
            text.append("It runs without a transaction: ").append(done).append(" of ").append(script.statements().size())
                    .append(" statements were applied and remain. It is recorded as failed, which blocks later deploys.");
            for (String leftover : leftovers) {
                text.append("\n  Left behind: ").append(leftover);
            }
            text.append("\nRepair the database by hand (undo or complete what was applied), then mark the attempt: ")
                    .append(Deployer.resolution(history, m.name()));
        }
        return new MigrationFailedException(lost ? ErrorCode.CONNECTION_LOST : ErrorCode.MIGRATION_FAILED, m.name(), line,
                e.getSQLState(), script.transactional(), text.toString(), e);
    }

    private static int linesBefore(SqlStatement statement, int offset) {
        if (offset < 0 || offset > statement.sql().length()) {
            return 0;
        }
        int lines = 0;
        for (int i = 0; i < offset; i++) {
            if (statement.sql().charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }
}
