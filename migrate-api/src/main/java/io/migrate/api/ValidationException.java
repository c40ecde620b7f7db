package io.migrate.api;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The history and the migrations on disk disagree in a way that must be settled before deploying:
 * a failed migration, an applied migration that was edited or deleted, or a pending migration
 * older than the newest applied one. Lists every problem found, not just the first.
 */
public class ValidationException extends MigrationException {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public ValidationException(List<Problem> problems, String message) {
        super(codeOf(problems), message);
        this.problems = List.copyOf(problems);
    }

    /** Each problem found: failed migrations, then edited or missing ones, then out-of-order ones; by name within each. */
    public List<Problem> problems() {
        return problems;
    }

    private static ErrorCode codeOf(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one problem");
        }
        return problems.get(0).code();
    }

    /**
     * One disagreement between history and disk.
     *
     * @param code      what kind of problem it is
     * @param migration the migration it concerns
     * @param detail    a one-line explanation with the evidence (checksums, names)
     */
    public record Problem(ErrorCode code, String migration, String detail) {
        @Override
        public String toString() {
            return code + " " + migration + ": " + detail;
        }
    }

    /** Renders problems one per line, for messages. */
    public static String describe(List<Problem> problems) {
        return problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n"));
    }
}
