package io.migrate.internal.engine;

import io.migrate.api.ErrorCode;
import io.migrate.api.InvalidMigrationException;
import io.migrate.internal.source.Migration;
import io.migrate.spi.Dialect;
import io.migrate.spi.ScriptSyntaxException;
import io.migrate.spi.SqlStatement;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A pending migration split into statements, with the decision whether it can run in one
 * transaction ({@code withoutTransaction} says why not, or is null). All pending migrations are
 * prepared before the first one runs, so a script that cannot be split stops the deploy before
 * anything is applied.
 */
record Script(Migration migration, List<SqlStatement> statements, String withoutTransaction) {

    static final String NO_TRANSACTION = "migrate:no-transaction";
    private static final String DIRECTIVE_PREFIX = "migrate:";
    private static final Pattern CALL = Pattern.compile("(?is)^(?:\\s+|--[^\\n]*\\n?|/\\*.*?\\*/)*CALL\\b.*");

    static Script prepare(Migration migration, Dialect dialect) {
        List<SqlStatement> statements;
        try {
            statements = dialect.split(migration.script());
        } catch (ScriptSyntaxException e) {
            throw new InvalidMigrationException(ErrorCode.SCRIPT_SYNTAX, migration.source(), e.line(),
                    "Migration " + migration.name() + " cannot be read at line " + e.line() + " of "
                            + migration.source() + ": " + e.problem(), e);
        }
        String withoutTransaction = reasonForNoTransaction(migration, statements);
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
        return new Script(migration, List.copyOf(statements), withoutTransaction);
    }

    /**
     * Why the script must run statement by statement, as psql and Prisma would run it, or null when
     * it can run in one transaction with its history row.
     */
    private static String reasonForNoTransaction(Migration migration, List<SqlStatement> statements) {
        if (hasNoTransactionDirective(migration)) {
            return "'-- " + NO_TRANSACTION + "'";
        }
        for (SqlStatement s : statements) {
            if (s.kind() == SqlStatement.Kind.NON_TRANSACTIONAL) {
                return "line " + s.line() + " cannot run in a transaction";
            }
        }
        // Its own COMMIT with more after it: what follows must see what was committed (an enum value
        // added by ALTER TYPE can only be used once committed), so the COMMIT must be real.
        for (int i = 0; i < statements.size() - 1; i++) {
            if (statements.get(i).kind() == SqlStatement.Kind.COMMIT) {
                return "it commits at line " + statements.get(i).line() + " and goes on after";
            }
        }
        // A lone CALL may commit inside its procedure, which only works outside a transaction block.
        if (statements.size() == 1 && CALL.matcher(statements.get(0).sql()).matches()) {
            return "a procedure called alone may commit";
        }
        return null;
    }

    /** Directives are comment lines before the first statement: {@code -- migrate:no-transaction}. */
    private static boolean hasNoTransactionDirective(Migration migration) {
        boolean found = false;
        int line = 0;
        for (String text : (Iterable<String>) migration.script().lines()::iterator) {
            line++;
            String trimmed = text.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!trimmed.startsWith("--")) {
                break;
            }
            String comment = trimmed.substring(2).strip();
            if (!comment.toLowerCase(Locale.ROOT).startsWith(DIRECTIVE_PREFIX)) {
                continue;
            }
            if (!comment.equalsIgnoreCase(NO_TRANSACTION)) {
                throw new InvalidMigrationException(ErrorCode.SCRIPT_SYNTAX, migration.source(), line,
                        "Migration " + migration.name() + " has an unknown directive '-- " + comment + "' at line " + line
                                + " of " + migration.source() + ". The directive there is '-- " + NO_TRANSACTION + "'");
            }
            found = true;
        }
        return found;
    }

    int countRunnable() {
        return (int) statements.stream().filter(this::runs).count();
    }

    boolean transactional() {
        return withoutTransaction == null;
    }

    /** In a transaction, the script's own BEGIN and COMMIT are subsumed by the migration's transaction. */
    boolean runs(SqlStatement statement) {
        return !transactional()
                || statement.kind() != SqlStatement.Kind.BEGIN && statement.kind() != SqlStatement.Kind.COMMIT;
    }
}
