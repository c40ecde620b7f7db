package io.migrate.spi;

import java.sql.SQLException;

/**
 * What a failed JDBC call means to the engine, as {@link Dialect#classify(SQLException)} tells it.
 * The engine decides by these kinds alone, never by a database's own error codes.
 */
public enum ErrorKind {
    /**
     * The session is gone (the network failed, the server shut down or ended it). Nothing of an open
     * transaction was kept and the migration lock was released with the session; the engine reports
     * {@link io.migrate.api.ErrorCode#CONNECTION_LOST} and records nothing more on that connection.
     */
    CONNECTION_LOST,
    /**
     * The statement waited too long for a lock on what it changes and was cancelled. A transactional
     * migration that failed this way was rolled back whole, so the engine may try it again.
     */
    LOCK_NOT_AVAILABLE,
    /**
     * The statement ended a transaction (for example a {@code COMMIT} inside a procedure) where the
     * database allows that only outside a transaction block: the migration must run without one.
     */
    NEEDS_NO_TRANSACTION,
    /** Anything else: the statement failed and the session is still usable. */
    OTHER;

    /**
     * The kind by the SQL standard's SQLSTATE classes alone, which is what
     * {@link Dialect#classify(SQLException)} does unless a dialect knows better: class {@code 08}
     * (connection exception) is {@link #CONNECTION_LOST}, class {@code 2D} (invalid transaction
     * termination) is {@link #NEEDS_NO_TRANSACTION}, everything else {@link #OTHER}. The standard
     * has no class for a lock wait that timed out, so no error is {@link #LOCK_NOT_AVAILABLE} here.
     */
    public static ErrorKind standard(SQLException error) {
        String state = error.getSQLState();
        if (state == null || state.length() < 2) {
            return OTHER;
        }
        return switch (state.substring(0, 2)) {
            case "08" -> CONNECTION_LOST;
            case "2D" -> NEEDS_NO_TRANSACTION;
            default -> OTHER;
        };
    }
}
