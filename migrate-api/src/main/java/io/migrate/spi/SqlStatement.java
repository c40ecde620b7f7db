package io.migrate.spi;

import java.util.Objects;

/**
 * One statement of a migration script, as a dialect's splitter found it.
 *
 * @param sql      the statement's text without its terminating semicolon; for
 *                 {@link Kind#COPY_IN} the {@code COPY ... FROM stdin} command only
 * @param line     the 1-based line of the script on which the statement starts
 * @param kind     how the engine must treat it
 * @param copyData for {@link Kind#COPY_IN}: the inline data lines, each ending with a newline,
 *                 without the terminating {@code \.}; otherwise {@code null}
 */
public record SqlStatement(String sql, int line, Kind kind, String copyData) {

    public SqlStatement {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(kind, "kind");
        if (line < 1) {
            throw new IllegalArgumentException("line must be 1 or more: " + line);
        }
        if ((kind == Kind.COPY_IN) != (copyData != null)) {
            throw new IllegalArgumentException("copyData is required for COPY_IN and only for it");
        }
    }

    /** A statement of the given kind without inline data. */
    public SqlStatement(String sql, int line, Kind kind) {
        this(sql, line, kind, null);
    }

    /** How the engine treats a statement. */
    public enum Kind {
        /** Runs inside or outside a transaction alike. */
        ORDINARY,
        /**
         * Refused by the database inside a transaction block (e.g. {@code CREATE INDEX CONCURRENTLY},
         * {@code VACUUM}): its migration runs without a transaction, statement by statement.
         */
        NON_TRANSACTIONAL,
        /** Opens a transaction block: {@code BEGIN}, {@code START TRANSACTION}. */
        BEGIN,
        /** Ends a transaction block successfully: {@code COMMIT}, {@code END}. */
        COMMIT,
        /** Abandons a transaction block: {@code ROLLBACK}, {@code ABORT} (not {@code ROLLBACK TO SAVEPOINT}). */
        ROLLBACK,
        /** Copies inline data into a table: {@code COPY ... FROM stdin} with the rows in {@link #copyData()}. */
        COPY_IN
    }
}
