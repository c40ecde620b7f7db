package io.migrate.spi;

/**
 * Thrown by {@link Dialect#split(String)} when a script cannot be split into statements. The
 * engine turns it into an {@link io.migrate.api.InvalidMigrationException} naming the file.
 */
public class ScriptSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final String problem;

    /**
     * @param line    the 1-based line where the problem is (for an unterminated construct: where it starts)
     * @param problem what is wrong and, where it helps, what to write instead
     */
    public ScriptSyntaxException(int line, String problem) {
        super("line " + line + ": " + problem);
        this.line = line;
        this.problem = problem;
    }

    public int line() {
        return line;
    }

    public String problem() {
        return problem;
    }
}
