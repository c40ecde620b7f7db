package io.migrate.api;

import java.util.List;

/**
 * What a deploy would do now, found without writing anything.
 *
 * @param pending        the migrations it would apply, in order
 * @param alreadyApplied how many migrations on disk are applied
 * @param lint           what lint found in the pending migrations ({@link LintReport#NONE} when the dialect
 *                       cannot lint or nothing is pending)
 */
public record DeployPlan(List<PlannedMigration> pending, int alreadyApplied, LintReport lint) {

    public DeployPlan {
        pending = List.copyOf(pending);
        lint = lint == null ? LintReport.NONE : lint;
    }

    /** A plan without lint findings. */
    public DeployPlan(List<PlannedMigration> pending, int alreadyApplied) {
        this(pending, alreadyApplied, LintReport.NONE);
    }

    @Override
    public String toString() {
        if (pending.isEmpty()) {
            return "Nothing to apply: " + alreadyApplied + " already applied";
        }
        StringBuilder text = new StringBuilder("Would apply ").append(pending.size())
                .append(pending.size() == 1 ? " migration" : " migrations").append(" (").append(alreadyApplied)
                .append(" already applied):");
        for (PlannedMigration m : pending) {
            text.append("\n  ").append(m.name()).append("  ").append(m.statements())
                    .append(m.statements() == 1 ? " statement" : " statements")
                    .append(m.transactional() ? ", in a transaction" : ", without transaction: " + m.withoutTransaction());
        }
        if (!lint.findings().isEmpty()) {
            text.append('\n').append(lint);
        }
        return text.toString();
    }
}
