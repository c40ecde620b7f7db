package io.migrate.api;

import java.util.Objects;

/**
 * The root of every exception that migrate throws. Its message starts with the error code in
 * brackets, for example {@code [LOCK_TIMEOUT] ...}, followed by what went wrong and what to do.
 */
public class MigrationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public MigrationException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public MigrationException(ErrorCode code, String message, Throwable cause) {
        super("[" + Objects.requireNonNull(code, "code") + "] " + message, cause);
        this.code = code;
    }

    /** The stable code of what went wrong. */
    public ErrorCode code() {
        return code;
    }
}
