package io.migrate.api;

import java.util.List;

/**
 * What {@code push()} applied, or {@code planPush()} would apply.
 *
 * @param statements the SQL statements, in order, without terminators; empty when the database matches
 * @param changes    one line per change, as in a diff summary
 * @param warnings   the destructive steps (with how many rows hold values) and other risks
 * @param applied    whether the statements ran (false for {@code planPush()} and when there was nothing to do)
 */
public record PushResult(List<String> statements, List<String> changes, List<String> warnings, boolean applied) {

    public PushResult {
        statements = List.copyOf(statements);
        changes = List.copyOf(changes);
        warnings = List.copyOf(warnings);
    }

    /** Whether the database already matched the declared schema within the scope. */
    public boolean inSync() {
        return statements.isEmpty();
    }

    @Override
    public String toString() {
        if (statements.isEmpty()) {
            return "Already in sync: nothing to push";
        }
        return (applied ? "Pushed " : "Would push ") + statements.size() + (statements.size() == 1 ? " statement" : " statements")
                + ":\n  " + String.join("\n  ", changes);
    }
}
