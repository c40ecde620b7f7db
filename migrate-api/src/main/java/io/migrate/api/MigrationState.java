package io.migrate.api;

/** Where a migration stands, comparing the files on disk with the history table. */
public enum MigrationState {
    /** On disk, not in the history (or only as rolled-back attempts). */
    PENDING,
    /** Applied, and the file still has the checksum it was applied with. */
    APPLIED,
    /** Started but never finished, and not resolved: blocks deploy. */
    FAILED,
    /** Its only history rows are rolled back; it will be applied again. */
    ROLLED_BACK,
    /** Applied, but the file changed since. */
    MODIFIED,
    /** Applied, but no longer on disk. */
    MISSING,
    /** Pending, but older than the newest applied migration. */
    OUT_OF_ORDER
}
