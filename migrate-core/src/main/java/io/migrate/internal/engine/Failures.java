package io.migrate.internal.engine;

import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;

import java.sql.SQLException;
import java.util.Set;

/** Turns JDBC failures outside of migration scripts into coded exceptions. */
final class Failures {

    /** Admin shutdown, crash shutdown, cannot connect now: the server ended the session. */
    private static final Set<String> SESSION_ENDED = Set.of("57P01", "57P02", "57P03");

    private Failures() {
    }

    static boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || SESSION_ENDED.contains(state));
    }

    static String describe(SQLException e) {
        return "SQLSTATE " + e.getSQLState() + ": " + Redaction.text(e.getMessage());
    }

    /** A failure of the library's own bookkeeping (history table, schema, lock). */
    static MigrationException bookkeeping(String doing, SQLException e) {
        if (connectionLost(e)) {
            return new MigrationException(ErrorCode.CONNECTION_LOST, "The connection to the database was lost while "
                    + doing + " (" + describe(e) + "). Nothing is held: the server releases the lock with the session."
                    + " Check the database and the network, then deploy again", e);
        }
        return new MigrationException(ErrorCode.DATABASE_ERROR, "The database refused " + doing + " (" + describe(e)
                + "). Check that the user may create and write the history table in that schema", e);
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
