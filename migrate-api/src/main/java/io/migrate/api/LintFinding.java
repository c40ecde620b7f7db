package io.migrate.api;

import java.util.Objects;

/**
 * One thing {@code lint()} found in a pending migration.
 *
 * @param rule        the rule's stable id, e.g. {@code table-rewrite}; the id a
 *                    {@code -- migrate:lint-ignore} comment names
 * @param severity    how bad it is
 * @param message     one line: what the statement does to which object, weighted by the target's size when known
 * @param migration   the migration's name
 * @param source      where its file was read from
 * @param line        the 1-based line of the file on which the statement starts
 * @param statement   the statement, shortened to one line
 * @param object      the table, index, column or constraint it concerns, as {@code table} or {@code table.column}
 *                    (schema-qualified outside the migrations' schema)
 * @param alternative the safe way to do the same thing, written out as SQL and steps
 */
public record LintFinding(String rule, Severity severity, String message, String migration, String source, int line,
                          String statement, String object, String alternative) {

    public LintFinding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(alternative, "alternative");
    }

    /** How bad a finding is. */
    public enum Severity {
        /** Blocks traffic or breaks the running application; {@code lintOnDeploy(true)} refuses to deploy it. */
        ERROR,
        /** Risky depending on size and traffic, or breaks the previous application version. */
        WARNING,
        /** A better choice exists; harmless now. */
        INFO
    }

    /** {@code severity rule migration:line message}, the alternative indented below. */
    @Override
    public String toString() {
        return severity.name().toLowerCase(java.util.Locale.ROOT) + " " + rule + " " + migration + ":" + line + " " + message
                + "\n      " + statement + "\n      Instead: " + alternative.replace("\n", "\n        ");
    }
}
