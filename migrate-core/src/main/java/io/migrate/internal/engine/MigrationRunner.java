package io.migrate.internal.engine;

import io.migrate.api.AppliedMigration;
import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;
import io.migrate.api.MigrationFailedException;
import io.migrate.internal.history.HistoryTable;
import io.migrate.internal.source.Migration;
import io.migrate.spi.Dialect;
import io.migrate.spi.ErrorKind;
import io.migrate.spi.SessionSettings;
import io.migrate.spi.SqlStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Applies one prepared migration. A transactional one commits together with its history row, and
 * is tried again when it failed for want of a lock; a non-transactional one runs in auto-commit and
 * is recorded as started before its first statement and finished after its last, so that a crash
 * leaves it visibly failed.
 */
final class MigrationRunner {

    private static final Logger log = LoggerFactory.getLogger(MigrationRunner.class);
    private static final long FIRST_BACKOFF_MILLIS = 500;
    private static final int VALIDITY_SECONDS = 5;
    private static final String RECORDED = " The attempt is recorded as rolled back.";

    private final Database db;
    private final Connection connection;
    private final Dialect dialect;
    private final Failures failures;
    private final HistoryTable history;
    private final Settings settings;
    private final Progress progress;
    private final Listeners listeners;

    MigrationRunner(Database db, Settings settings, Progress progress, Listeners listeners) {
        this.db = db;
        this.connection = db.connection;
        this.dialect = db.dialect;
        this.failures = db.failures;
        this.history = db.history;
        this.settings = settings;
        this.progress = progress;
        this.listeners = listeners;
    }

    /**
     * Applies one migration; {@code last} says whether it is the deploy's last, the only one whose
     * commit must wait until it is durable (see {@link io.migrate.spi.Dialect#deferDurability}).
     */
    AppliedMigration apply(Script script, boolean last) {
        Migration m = script.migration();
        if (script.statements().isEmpty() && m.code() == null) {
            log.warn("Migration {} has no statements ({}); recording it as applied", m.name(), m.source());
        }
        listeners.beforeMigration(m.name());
        long start = System.nanoTime();
        int steps;
        SessionSettings limits = limits(script);
        MigrationException failure = null;
        try {
            steps = script.transactional() ? inTransactionRetrying(script, last) : statementByStatement(script);
        } catch (MigrationException e) {
            failure = e;
            listeners.onFailure(m.name(), e);
            throw e;
        } finally {
            progress.finished();
            Failures.quietly(failure, limits::close);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        log.info("Applied {} in {} ms ({} {}{})", m.name(), took.toMillis(), steps, steps == 1 ? "statement" : "statements",
                script.transactional() ? "" : ", without transaction: " + script.withoutTransaction());
        AppliedMigration applied = new AppliedMigration(m.name(), took, steps, script.transactional());
        listeners.afterMigration(applied);
        return applied;
    }

    /** The file's directives win over the builder's settings. */
    private SessionSettings limits(Script script) {
        Duration lockWait = script.lockWaitTimeout() != null ? script.lockWaitTimeout() : settings.lockWaitTimeout();
        Duration statement = script.statementTimeout() != null ? script.statementTimeout() : settings.statementTimeout();
        try {
            return dialect.timeouts(connection, lockWait, statement);
        } catch (SQLException e) {
            throw failures.bookkeeping("setting the timeouts of " + script.migration().name(), e);
        }
    }

    private int inTransactionRetrying(Script script, boolean last) {
        Migration m = script.migration();
        for (int attempt = 1; ; attempt++) {
            OffsetDateTime started = HistoryTable.now();
            try {
                return inTransaction(script, started, last);
            } catch (MigrationFailedException failure) {
                if (kind(failure) == ErrorKind.LOCK_NOT_AVAILABLE && attempt <= settings.lockRetries()) {
                    long backoff = FIRST_BACKOFF_MILLIS << (attempt - 1);
                    log.warn("Migration {} could not get a lock (attempt {} of {}, rolled back); trying again in {} ms",
                            m.name(), attempt, settings.lockRetries() + 1, backoff);
                    sleep(backoff, failure);
                    continue;
                }
                throw failure.code() == ErrorCode.CONNECTION_LOST ? failure : recorded(failure, m, started);
            }
        }
    }

    private ErrorKind kind(MigrationFailedException failure) {
        return failure.getCause() instanceof SQLException e ? failures.kind(e) : ErrorKind.OTHER;
    }

    /** Records the rolled-back attempt; if even that is refused, the message must not say it was recorded. */
    private MigrationFailedException recorded(MigrationFailedException failure, Migration m, OffsetDateTime started) {
        try {
            history.insertRolledBack(m.name(), m.checksum(), started, failure.getMessage());
            return failure;
        } catch (SQLException e) {
            String text = failure.getMessage().substring(failure.code().name().length() + 3)
                    .replace(RECORDED, " The attempt could not be recorded either (" + failures.describe(e) + ").");
            MigrationFailedException unrecorded = new MigrationFailedException(failure.code(), failure.migration(),
                    failure.line(), failure.sqlState(), true, text, failure.getCause());
            unrecorded.addSuppressed(e);
            return unrecorded;
        }
    }

    private static void sleep(long millis, MigrationFailedException failure) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    /** Where a migration is while it runs, for the failure message. */
    private static final class Position {
        int steps;
        SqlStatement current;
    }

    private int inTransaction(Script script, OffsetDateTime started, boolean last) {
        Migration m = script.migration();
        Position at = new Position();
        try {
            return db.inTransaction(() -> {
                if (m.code() != null) {
                    runJava(m);
                    at.steps = 1;
                } else {
                    script.forEachRunnable((statement, position, total) -> {
                        at.current = statement;
                        execute(script, statement, position, total);
                        at.steps = position;
                    });
                }
                at.current = null;
                if (!history.insertAppliedAndCommit(m.name(), m.checksum(), started, at.steps, !last)) {
                    if (!last) {
                        dialect.deferDurability(connection);
                    }
                    history.insertApplied(m.name(), m.checksum(), started, at.steps);
                }
                return at.steps;
            });
        } catch (SQLException e) {
            MigrationFailedException failure = failure(script, at.current, at.steps, e, List.of(), false);
            for (Throwable cleanup : e.getSuppressed()) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
    }

    /**
     * Runs in auto-commit, statement by statement. Its history row is written on a connection of its
     * own: the script's session may be inside its own BEGIN (where an UPDATE of ours would break its
     * SET TRANSACTION, or be rolled back with it), read-only, or under a role that may not write the
     * history table.
     */
    private int statementByStatement(Script script) {
        Migration m = script.migration();
        HistoryTable record = db.bookkeeping();
        String id;
        try {
            id = record.insertStarted(m.name(), m.checksum(), HistoryTable.now());
        } catch (SQLException e) {
            throw failures.bookkeeping("recording the start of " + m.name() + " in " + record.qualifiedName(), e);
        }
        Position at = new Position();
        try {
            if (m.code() != null) {
                runJava(m);
                // A migration that turned auto-commit off and left work open: switching it back commits it.
                db.endOpenWork(true);
                at.steps = 1;
            }
            script.forEachRunnable((statement, position, total) -> {
                at.current = statement;
                execute(script, statement, position, total);
                at.steps = position;
                record.updateSteps(id, position);
            });
            at.current = null;
            record.finish(id, at.steps);
            return at.steps;
        } catch (SQLException e) {
            if (lost(e)) {
                throw failure(script, at.current, at.steps, e, List.of(), false);
            }
            // The script's own BEGIN, or a Java migration, may have left an aborted transaction open.
            Failures.quietly(null, () -> db.endOpenWork(false));
            if (script.statements().stream().anyMatch(s -> s.kind() == SqlStatement.Kind.BEGIN)) {
                Failures.quietly(null, () -> dialect.rollbackScriptTransaction(connection));
            }
            List<String> leftovers;
            try {
                leftovers = dialect.leftovers(connection, db.schema);
            } catch (SQLException ignored) {
                leftovers = List.of();
            }
            boolean retry = leftNothing(script, at, e, leftovers);
            MigrationFailedException failure = failure(script, at.current, at.steps, e, leftovers, retry);
            int done = at.steps;
            Failures.quietly(failure, () -> {
                record.fail(id, done, failure.getMessage());
                if (retry) {
                    record.markRolledBack(id);
                }
            });
            throw failure;
        }
    }

    /**
     * A non-transactional attempt whose first statement failed may be retried like a transactional
     * one, but only when the database shows that nothing of it remains: the statement cannot have
     * committed part of its work, and nothing unusable (an INVALID index) was left behind.
     */
    private boolean leftNothing(Script script, Position at, SQLException e, List<String> leftovers) {
        return script.migration().code() == null && at.steps == 0 && at.current != null
                && !lost(e) && leftovers.isEmpty() && dialect.leavesNothingWhenFailed(at.current);
    }

    /** Runs a Java migration; what it throws other than SQLException travels inside a {@link JavaError}. */
    private void runJava(Migration m) throws SQLException {
        progress.running(m.name(), 1, 1, 0);
        try {
            m.code().migrate(connection);
        } catch (SQLException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw new JavaError(e);
        }
    }

    private void execute(Script script, SqlStatement statement, int position, int total) throws SQLException {
        if (log.isDebugEnabled()) {
            log.debug("{} statement {} of {} (line {}): {}", script.migration().name(), position,
                    total, statement.line(), failures.statement(statement.sql()));
        }
        progress.running(script.migration().name(), position, total, statement.line());
        dialect.execute(connection, statement);
    }

    private MigrationFailedException failure(Script script, SqlStatement statement, int done, SQLException e,
                                             List<String> leftovers, boolean rolledBack) {
        Migration m = script.migration();
        int line = statement == null ? 0 : statement.line() + linesBefore(statement, dialect.errorOffset(e));
        ErrorKind kind = failures.kind(e);
        boolean lost = kind == ErrorKind.CONNECTION_LOST && lost(e);
        StringBuilder text = new StringBuilder();
        text.append("Migration ").append(m.name()).append(lost ? " lost its connection" : " failed");
        if (e instanceof JavaError) {
            text.append(" in ").append(m.source().substring("java:".length())).append(": ").append(e.getMessage()).append('\n');
        } else {
            if (statement != null) {
                text.append(" at line ").append(line).append(" of ").append(m.source()).append('\n')
                        .append("  Statement: ").append(failures.statement(statement.sql())).append('\n');
            } else {
                text.append(m.code() != null ? " in " + m.source().substring("java:".length()) : " while committing")
                        .append(" (").append(m.source()).append(")\n");
            }
            text.append("  ").append(failures.describe(failures.masked(e)).replace("\n", "\n  ")).append('\n');
        }
        if (kind == ErrorKind.NEEDS_NO_TRANSACTION && script.transactional()) {
            text.append("A COMMIT or ROLLBACK inside a procedure or DO block only works outside a transaction: put '-- ")
                    .append(Script.NO_TRANSACTION).append("' at the top of the file to run it statement by statement.\n");
        }
        if (kind == ErrorKind.LOCK_NOT_AVAILABLE && script.transactional()) {
            text.append("It waited too long for a lock ").append(settings.lockRetries() + 1)
                    .append(settings.lockRetries() == 0 ? " time" : " times").append("; something holds a lock on what it changes.\n");
        }
        if (script.transactional()) {
            text.append(lost
                    ? "It ran in a transaction, which the server rolls back when the session ends: nothing of it was"
                      + " applied. Check the database and the network, then deploy again; it will be retried."
                    : "It ran in a transaction and was rolled back: nothing of it was applied." + RECORDED
                      + " Fix the migration and deploy again; it will be retried.");
        } else if (rolledBack) {
            text.append("It runs without a transaction; its first statement failed and the database shows nothing"
                    + " left behind, so the attempt is recorded as rolled back. Fix the migration and deploy again;"
                    + " it will be retried.");
        } else {
            text.append("It runs without a transaction: ").append(done).append(" of ")
                    .append(m.code() != null ? 1 : script.statements().size())
                    .append(" statements were applied and remain. It is recorded as failed, which blocks later deploys.");
            if (m.code() == null && !script.statements().isEmpty()) {
                text.append("\n  ").append(progress(script.statements(), done, lost));
            }
            for (String leftover : leftovers) {
                text.append("\n  Left behind: ").append(leftover);
            }
            text.append("\nRepair the database by hand (undo or complete what was applied), then mark the attempt: ")
                    .append(Failures.resolution(history, m.name()));
        }
        Throwable cause = e instanceof JavaError ? e.getCause() : failures.masked(e);
        return new MigrationFailedException(lost ? ErrorCode.CONNECTION_LOST : ErrorCode.MIGRATION_FAILED, m.name(), line,
                e.getSQLState(), script.transactional(), text.toString(), cause);
    }

    /**
     * Whether the failure ended this session. A connection error can also come from the server about
     * another connection that a statement opened (dblink, CREATE SUBSCRIPTION to a publisher that
     * cannot be reached): then the session is fine, and the failure is the statement's own.
     */
    private boolean lost(SQLException e) {
        if (!failures.connectionLost(e)) {
            return false;
        }
        try {
            return !connection.isValid(VALIDITY_SECONDS);
        } catch (SQLException notValid) {
            return true;
        }
    }

    /**
     * Which statements took effect, which one failed and which never ran, by number and line: on a
     * database that commits each DDL statement, this is what the person repairing it by hand needs.
     */
    static String progress(List<SqlStatement> statements, int done, boolean lost) {
        StringBuilder text = new StringBuilder();
        if (done > 0) {
            text.append("Took effect: ").append(range(statements, 0, done));
        }
        if (done < statements.size()) {
            text.append(done > 0 ? "; " : "").append(lost ? "interrupted: " : "failed: ").append(range(statements, done, done + 1));
            if (done + 1 < statements.size()) {
                text.append("; not run: ").append(range(statements, done + 1, statements.size()));
            }
        }
        return text.append('.').toString();
    }

    private static String range(List<SqlStatement> statements, int from, int to) {
        int first = statements.get(from).line();
        int last = statements.get(to - 1).line();
        return to - from == 1 ? "statement " + to + " (line " + first + ")"
                : "statements " + (from + 1) + "–" + to + " (lines " + first + "–" + last + ")";
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
