package io.migrate.cli;

/** A mistake on the command line, in a setting or in the environment: exit code 2, the message alone. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final String USAGE = "USAGE";

    private final String code;

    UsageException(String message) {
        this(USAGE, message);
    }

    /** @param code what {@code --json} reports as the error's code: a library's code it stands for, else USAGE */
    UsageException(String code, String message) {
        super(message);
        this.code = code;
    }

    String code() {
        return code;
    }
}
