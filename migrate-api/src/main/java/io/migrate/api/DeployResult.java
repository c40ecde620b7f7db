package io.migrate.api;

import java.time.Duration;
import java.util.List;

/**
 * What a deploy did.
 *
 * @param applied        the migrations this run applied, in the order it applied them
 * @param alreadyApplied how many migrations on disk were applied before this run
 * @param duration       the whole run, from the first connection to the lock's release
 */
public record DeployResult(List<AppliedMigration> applied, int alreadyApplied, Duration duration) {

    public DeployResult {
        applied = List.copyOf(applied);
    }

    /** Whether the run found nothing to apply. */
    public boolean upToDate() {
        return applied.isEmpty();
    }

    @Override
    public String toString() {
        if (applied.isEmpty()) {
            return "No pending migrations: " + alreadyApplied + " already applied (" + duration.toMillis() + " ms)";
        }
        StringBuilder text = new StringBuilder()
                .append("Applied ").append(applied.size()).append(applied.size() == 1 ? " migration" : " migrations")
                .append(" in ").append(duration.toMillis()).append(" ms (").append(alreadyApplied)
                .append(" already applied):");
        for (AppliedMigration m : applied) {
            text.append("\n  ").append(m.name()).append("  ").append(m.duration().toMillis()).append(" ms, ")
                    .append(m.statements()).append(m.statements() == 1 ? " statement" : " statements")
                    .append(m.transactional() ? "" : ", without transaction");
        }
        return text.toString();
    }
}
