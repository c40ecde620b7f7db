package io.migrate.api;

import java.util.List;

/**
 * What a deploy would do now, found without writing anything.
 *
 * @param pending        the migrations it would apply, in order
 * @param alreadyApplied how many migrations on disk are applied
 */
public record DeployPlan(List<PlannedMigration> pending, int alreadyApplied) {

    public DeployPlan {
        pending = List.copyOf(pending);
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
        return text.toString();
    }
}
