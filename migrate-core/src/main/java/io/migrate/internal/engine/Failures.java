package io.migrate.internal.engine;

import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;
import io.migrate.internal.history.HistoryTable;
import io.migrate.spi.Dialect;
import io.migrate.spi.ErrorKind;

import java.sql.SQLException;

/**
 * Turns JDBC failures into coded exceptions and messages, with what they mean and which secrets to
 * mask taken from the dialect (or, before one is known, from the SQL standard alone).
 */
final class Failures {

    private static final int STATEMENT_LIMIT = 200;
    private static final Failures STANDARD = new Failures(null);

    /** The dialect that classifies and masks, or null before one is known (then the SQL standard's rules apply). */
    private final Dialect dialect;

    private Failures(Dialect dialect) {
        this.dialect = dialect;
    }

    /** For failures before the dialect is known. */
    static Failures standard() {
        return STANDARD;
    }

    static Failures of(Dialect dialect) {
        return new Failures(dialect);
    }

    ErrorKind kind(SQLException e) {
        return dialect == null ? ErrorKind.standard(e) : dialect.classify(e);
    }

    boolean connectionLost(SQLException e) {
        return kind(e) == ErrorKind.CONNECTION_LOST;
    }

    /** Text from the database or a statement, with secrets masked. */
    String mask(String text) {
        if (text == null) {
            return null;
        }
        return dialect == null ? Dialect.maskPasswordLiterals(text) : dialect.maskSecrets(text);
    }

    /** A statement for a message or log line: secrets masked, on one line, at most 200 characters. */
    String statement(String sql) {
        String oneLine = mask(sql).strip().replaceAll("\\s+", " ");
        return oneLine.length() <= STATEMENT_LIMIT ? oneLine : oneLine.substring(0, STATEMENT_LIMIT - 1) + "…";
    }

    String describe(SQLException e) {
        return "SQLSTATE " + e.getSQLState() + ": " + mask(e.getMessage());
    }

    /**
     * The innermost SQLException behind {@code e}: a connection pool reports its own words ("Connection
     * is not available, request timed out") over the driver's, which say what is wrong.
     */
    static SQLException root(SQLException e) {
        SQLException root = e;
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof SQLException s) {
                root = s;
            }
        }
        return root;
    }

    /**
     * The driver's exception with the secrets in its text masked: the server quotes the failing
     * statement in its Where: context (a password in a DO block's EXECUTE string, for one). When
     * something had to be masked, a plain SQLException with the same SQLSTATE, vendor code and stack
     * takes its place, since the driver's own type keeps the original text.
     */
    SQLException masked(SQLException e) {
        String text = e.getMessage();
        String masked = mask(text);
        if (java.util.Objects.equals(text, masked)) {
            return e;
        }
        SQLException copy = new SQLException(masked, e.getSQLState(), e.getErrorCode());
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    /** A failure of the library's own bookkeeping (history table, schema, lock). */
    MigrationException bookkeeping(String doing, SQLException e) {
        if (connectionLost(e)) {
            return new MigrationException(ErrorCode.CONNECTION_LOST, "The connection to the database was lost while "
                    + doing + " (" + describe(e) + "). Nothing is held: the server releases the lock with the session."
                    + " Check the database and the network, then deploy again", e);
        }
        return new MigrationException(ErrorCode.DATABASE_ERROR, "The database refused " + doing + " (" + describe(e)
                + "). Check that the user may create and write the history table in that schema", e);
    }

    /** How to settle a failed attempt: through the API, or in SQL that works for this tool and for Prisma alike. */
    static String resolution(HistoryTable history, String name) {
        String row = " WHERE migration_name = '" + name + "' AND finished_at IS NULL AND rolled_back_at IS NULL;";
        return "resolveRolledBack(\"" + name + "\") to run it again on the next deploy, or resolveApplied(\"" + name
                + "\") if you completed it by hand. In SQL: UPDATE " + history.qualifiedName() + " SET rolled_back_at = now()"
                + row + " or UPDATE " + history.qualifiedName() + " SET finished_at = now()" + row;
    }

    /** Runs a clean-up step; its failure is attached to the main failure instead of replacing it. */
    static void quietly(Throwable primary, SqlAction action) {
        try {
            action.run();
        } catch (SQLException | RuntimeException e) {
            if (primary != null) {
                primary.addSuppressed(e);
            }
        }
    }

    @FunctionalInterface
    interface SqlAction {
        void run() throws SQLException;
    }
}
