package io.migrate.api;

/**
 * A migration on disk cannot be used as it is: a bad folder name, an unreadable or non-UTF-8 file,
 * a duplicate, or a script that cannot be split into statements. Nothing was written to the
 * database.
 */
public class InvalidMigrationException extends MigrationException {
    private static final long serialVersionUID = 1L;

    private final String location;
    private final int line;

    public InvalidMigrationException(ErrorCode code, String location, int line, String message) {
        this(code, location, line, message, null);
    }

    public InvalidMigrationException(ErrorCode code, String location, int line, String message, Throwable cause) {
        super(code, message, cause);
        this.location = location;
        this.line = line;
    }

    /** The file or folder the problem is in, as the location names it. */
    public String location() {
        return location;
    }

    /** The 1-based line of the problem in the file, or 0 when it concerns the whole file or folder. */
    public int line() {
        return line;
    }
}
