package io.migrate.api;

import java.sql.SQLException;

/**
 * A statement of a migration failed on the database. The message names the migration, the file
 * and line, the statement (shortened), the SQLSTATE and the database's own words, says what was
 * left behind and what to do next. The cause is the {@link SQLException}, or for a
 * {@link JavaMigration} whatever it threw.
 */
public class MigrationFailedException extends MigrationException {
    private static final long serialVersionUID = 1L;

    private final String migration;
    private final int line;
    private final String sqlState;
    private final boolean transactional;

    public MigrationFailedException(ErrorCode code, String migration, int line, String sqlState,
                                    boolean transactional, String message, Throwable cause) {
        super(code, message, cause);
        this.migration = migration;
        this.line = line;
        this.sqlState = sqlState;
        this.transactional = transactional;
    }

    /** The migration's name, e.g. {@code 20260213123456_add_user_name}. */
    public String migration() {
        return migration;
    }

    /** The 1-based line in {@code migration.sql} where the failing statement (or the error in it) is. */
    public int line() {
        return line;
    }

    /** The SQLSTATE the database reported, or {@code null} if it gave none. */
    public String sqlState() {
        return sqlState;
    }

    /**
     * Whether the migration ran in one transaction: if so nothing of it remains; if not, the
     * statements before the failing one were applied and the history row is marked failed.
     */
    public boolean transactional() {
        return transactional;
    }
}
