package io.migrate.internal.engine;

import java.sql.SQLException;

/**
 * Carries what a Java migration or seed threw, other than an SQLException, through the SQL failure
 * path to the message and the cause.
 */
final class JavaError extends SQLException {
    private static final long serialVersionUID = 1L;

    JavaError(Throwable cause) {
        super(cause.toString(), (String) null, cause);
    }
}
