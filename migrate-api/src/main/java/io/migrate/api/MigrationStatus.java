package io.migrate.api;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * One migration as {@code status()} sees it, comparing the files on disk with the history table.
 *
 * @param name            the migration's name
 * @param state           where it stands
 * @param checksum        the checksum of its file on disk, or null when it is {@link MigrationState#MISSING}
 * @param appliedChecksum the checksum recorded when it was applied (or last attempted), or null when never attempted
 * @param startedAt       when its latest attempt started, or null
 * @param finishedAt      when its latest attempt finished, or null
 * @param attempts        how many history rows it has (rolled-back attempts included)
 * @param lastError       the logs of its latest attempt that failed or was rolled back, or null
 */
public record MigrationStatus(String name, MigrationState state, String checksum, String appliedChecksum,
                              OffsetDateTime startedAt, OffsetDateTime finishedAt, int attempts, String lastError) {

    /** How long the latest attempt took, or null when it did not finish. */
    public Duration duration() {
        return startedAt == null || finishedAt == null ? null : Duration.between(startedAt, finishedAt);
    }

    /** Whether this migration must be settled before a deploy can run. */
    public boolean isProblem() {
        return switch (state) {
            case FAILED, MODIFIED, MISSING, OUT_OF_ORDER -> true;
            case PENDING, APPLIED, ROLLED_BACK -> false;
        };
    }

    /** Whether a deploy would apply it (a rolled-back migration is applied again). */
    public boolean isPending() {
        return state == MigrationState.PENDING || state == MigrationState.ROLLED_BACK
                || state == MigrationState.OUT_OF_ORDER;
    }
}
