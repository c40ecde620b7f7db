package io.migrate.cli;

/** A mistake on the command line, in a setting or in the environment: exit code 2, the message alone. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
