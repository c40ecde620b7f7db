package io.migrate.api;

/**
 * The migration lock was held by someone else for longer than the configured lock timeout.
 * The message says who holds it when the database can tell.
 */
public class LockTimeoutException extends MigrationException {
    private static final long serialVersionUID = 1L;

    public LockTimeoutException(String message) {
        super(ErrorCode.LOCK_TIMEOUT, message);
    }

    /** With the database's own report of the timeout as the cause. */
    public LockTimeoutException(String message, Throwable cause) {
        super(ErrorCode.LOCK_TIMEOUT, message, cause);
    }
}
