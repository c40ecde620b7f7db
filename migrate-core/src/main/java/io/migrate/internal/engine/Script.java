package io.migrate.internal.engine;

import io.migrate.api.ErrorCode;
import io.migrate.api.InvalidMigrationException;
import io.migrate.internal.source.Migration;
import io.migrate.spi.Dialect;
import io.migrate.spi.ScriptSyntaxException;
import io.migrate.spi.SqlStatement;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pending migration split into statements, with the decision whether it can run in one
 * transaction ({@code withoutTransaction} says why not, or is null) and the timeouts its
 * directives set (null where the file sets none). All pending migrations are prepared before the
 * first one runs, so a script that cannot be split stops the deploy before anything is applied.
 */
public record Script(Migration migration, List<SqlStatement> statements, String withoutTransaction,
                     Duration lockWaitTimeout, Duration statementTimeout) {

    static final String NO_TRANSACTION = "migrate:no-transaction";
    private static final String LOCK_TIMEOUT = "migrate:lock-timeout";
    private static final String STATEMENT_TIMEOUT = "migrate:statement-timeout";
    private static final String DIRECTIVE_PREFIX = "migrate:";
    /** Read by lint, not by deploy. */
    private static final String LINT_IGNORE = "migrate:lint-ignore";
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|min|h)?");

    static Script prepare(Migration migration, Dialect dialect) {
        return prepare(migration, dialect, Map.of());
    }

    /** Whether deploy runs the migration in one transaction with its history row, as lint must judge it. */
    public static boolean runsInOneTransaction(Migration migration, Dialect dialect, Map<String, String> placeholders) {
        return prepare(migration, dialect, placeholders).transactional();
    }

    static Script prepare(Migration migration, Dialect dialect, Map<String, String> placeholders) {
        if (migration.code() != null) {
            return new Script(migration, List.of(), migration.code().transactional() ? null
                    : "the Java migration declares itself non-transactional", null, null);
        }
        List<SqlStatement> statements;
        if (migration.large() != null && placeholders.isEmpty()) {
            // Streamed whenever it is read: the statements of a large file are never all in memory.
            statements = StreamedStatements.of(migration, dialect);
        } else {
            String text = Placeholders.replace(migration.script(), placeholders, migration.source());
            try {
                statements = List.copyOf(dialect.split(text));
            } catch (ScriptSyntaxException e) {
                throw syntaxError(migration, e);
            }
        }
        Directives directives = directives(migration);
        String withoutTransaction = directives.noTransaction ? "'-- " + NO_TRANSACTION + "'" : reasonForNoTransaction(statements, dialect);
        if (withoutTransaction == null) {
            for (SqlStatement s : statements) {
                if (s.kind() == SqlStatement.Kind.ROLLBACK) {
                    throw new InvalidMigrationException(ErrorCode.SCRIPT_SYNTAX, migration.source(), s.line(),
                            "Migration " + migration.name() + " has ROLLBACK at line " + s.line() + " of " + migration.source()
                                    + ", which would abandon the transaction the migration runs in. Remove it, or put"
                                    + " '-- " + NO_TRANSACTION + "' at the top of the file to run it statement by statement");
                }
            }
        }
        return new Script(migration, statements, withoutTransaction, directives.lockWait,
                directives.statementTimeout);
    }

    static InvalidMigrationException syntaxError(Migration migration, ScriptSyntaxException e) {
        return new InvalidMigrationException(ErrorCode.SCRIPT_SYNTAX, migration.source(), e.line(),
                "Migration " + migration.name() + " cannot be read at line " + e.line() + " of "
                        + migration.source() + ": " + e.problem(), e);
    }

    /**
     * Why the script must run statement by statement, as psql and Prisma would run it, or null when
     * it can run in one transaction with its history row.
     */
    private static String reasonForNoTransaction(List<SqlStatement> statements, Dialect dialect) {
        for (SqlStatement s : statements) {
            if (s.kind() == SqlStatement.Kind.NON_TRANSACTIONAL) {
                return "line " + s.line() + " cannot run in a transaction";
            }
        }
        // Its own COMMIT with more after it: what follows must see what was committed (an enum value
        // added by ALTER TYPE can only be used once committed), so the COMMIT must be real.
        SqlStatement previous = null;
        for (SqlStatement s : statements) {
            if (previous != null && previous.kind() == SqlStatement.Kind.COMMIT) {
                return "it commits at line " + previous.line() + " and goes on after";
            }
            previous = s;
        }
        return dialect.needsNoTransaction(statements).orElse(null);
    }

    private record Directives(boolean noTransaction, Duration lockWait, Duration statementTimeout) {
    }

    /**
     * Directives are comment lines before the first statement: {@code -- migrate:no-transaction},
     * {@code -- migrate:lock-timeout 5s}, {@code -- migrate:statement-timeout 10min}.
     */
    private static Directives directives(Migration migration) {
        boolean noTransaction = false;
        Duration lockWait = null;
        Duration statementTimeout = null;
        int line = 0;
        try (java.util.stream.Stream<String> lines = head(migration)) {
            for (String text : (Iterable<String>) lines::iterator) {
                line++;
                String trimmed = text.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                if (!trimmed.startsWith("--")) {
                    break;
                }
                String comment = trimmed.substring(2).strip();
                String lower = comment.toLowerCase(Locale.ROOT);
                if (!lower.startsWith(DIRECTIVE_PREFIX)) {
                    continue;
                }
                String[] parts = comment.split("\\s+", 2);
                String name = parts[0].toLowerCase(Locale.ROOT);
                String value = parts.length > 1 ? parts[1].strip() : "";
                if (name.equals(NO_TRANSACTION) && value.isEmpty()) {
                    noTransaction = true;
                } else if (name.equals(LOCK_TIMEOUT)) {
                    lockWait = duration(migration, line, comment, value);
                } else if (name.equals(STATEMENT_TIMEOUT)) {
                    statementTimeout = duration(migration, line, comment, value);
                } else if (!name.equals(LINT_IGNORE)) {
                    throw directiveError(migration, line, comment, "an unknown directive");
                }
            }
        }
        return new Directives(noTransaction, lockWait, statementTimeout);
    }

    /** The script's lines, lazily: of a large file only those before the first statement are read. */
    private static java.util.stream.Stream<String> head(Migration migration) {
        if (migration.large() == null) {
            return migration.script().lines();
        }
        try {
            java.io.BufferedReader reader = new java.io.BufferedReader(migration.large().open(null));
            return reader.lines().onClose(() -> {
                try {
                    reader.close();
                } catch (java.io.IOException ignored) {
                    // read-only
                }
            });
        } catch (java.io.IOException e) {
            throw new InvalidMigrationException(ErrorCode.FILE_UNREADABLE, migration.source(), 0,
                    "Cannot read " + migration.source() + ": " + e, e);
        }
    }

    private static Duration duration(Migration migration, int line, String comment, String value) {
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) {
            throw directiveError(migration, line, comment, "a directive whose value is not a duration such as 500ms, 5s,"
                    + " 10min or 1h (0 for none)");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "s" -> Duration.ofSeconds(amount);
            case "min" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofMillis(amount);
        };
    }

    private static InvalidMigrationException directiveError(Migration migration, int line, String comment, String what) {
        return new InvalidMigrationException(ErrorCode.SCRIPT_SYNTAX, migration.source(), line,
                "Migration " + migration.name() + " has " + what + " '-- " + comment + "' at line " + line
                        + " of " + migration.source() + ". The directives are '-- " + NO_TRANSACTION + "', '-- "
                        + LOCK_TIMEOUT + " <duration>', '-- " + STATEMENT_TIMEOUT + " <duration>' and '-- " + LINT_IGNORE
                        + " <rule> <reason>'");
    }

    boolean transactional() {
        return withoutTransaction == null;
    }

    int countRunnable() {
        return migration.code() != null ? 1 : (int) statements.stream().filter(this::runs).count();
    }

    /** What is done with one statement that runs: its 1-based position among those that run, and their number. */
    @FunctionalInterface
    interface Step {
        void run(SqlStatement statement, int position, int total) throws java.sql.SQLException;
    }

    /**
     * Hands each statement that runs to {@code step}, in order. The total is counted once before the
     * first: counting again per statement made a file of many small statements cost their square.
     */
    void forEachRunnable(Step step) throws java.sql.SQLException {
        int total = transactional() ? countRunnable() : statements.size();
        int position = 0;
        java.util.Iterator<SqlStatement> it = statements.iterator();
        try {
            while (it.hasNext()) {
                SqlStatement statement = it.next();
                if (runs(statement)) {
                    step.run(statement, ++position, total);
                }
            }
        } finally {
            if (it instanceof AutoCloseable open) {
                try {
                    open.close();
                } catch (Exception ignored) {
                    // a file opened for reading only
                }
            }
        }
    }

    /** In a transaction, the script's own BEGIN and COMMIT are subsumed by the migration's transaction. */
    boolean runs(SqlStatement statement) {
        return !transactional()
                || statement.kind() != SqlStatement.Kind.BEGIN && statement.kind() != SqlStatement.Kind.COMMIT;
    }
}
