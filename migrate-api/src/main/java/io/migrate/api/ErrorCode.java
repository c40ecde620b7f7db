package io.migrate.api;

/**
 * Stable codes for everything that can go wrong. The code is the first thing in every
 * {@link MigrationException} message, in brackets, and never changes meaning between versions.
 */
public enum ErrorCode {
    /** A builder setting has a value that breaks its rule. */
    INVALID_CONFIGURATION,
    /** A configured location does not exist. */
    LOCATION_NOT_FOUND,
    /** A migration file or folder cannot be read. */
    FILE_UNREADABLE,
    /** A migration file is not valid UTF-8. */
    FILE_NOT_UTF8,
    /**
     * A folder in a location has no {@code migration.sql}, or a migration's name is one Prisma refuses:
     * over 200 bytes, not valid UTF-8, or holding a path separator.
     */
    MALFORMED_MIGRATION_NAME,
    /** The same migration name was found in two places. */
    DUPLICATE_MIGRATION,
    /** A migration script cannot be split into statements: an unterminated quote or comment, a psql meta-command. */
    SCRIPT_SYNTAX,
    /** {@code migration_lock.toml} names a provider that is not the connection's dialect. */
    PROVIDER_MISMATCH,
    /** No dialect on the class path supports the connection's database. */
    NO_DIALECT,
    /** More than one dialect on the class path claims the connection's database. */
    AMBIGUOUS_DIALECT,
    /** Another deployer held the migration lock for longer than the lock timeout. */
    LOCK_TIMEOUT,
    /** A statement of a migration failed. */
    MIGRATION_FAILED,
    /** The history records a migration that failed and was not resolved; deploy refuses to continue. */
    FAILED_MIGRATION_PRESENT,
    /** An applied migration's file changed since it was applied. */
    CHECKSUM_MISMATCH,
    /** An applied migration's file is no longer in any location. */
    MIGRATION_MISSING,
    /** A pending migration sorts before the newest applied one. */
    OUT_OF_ORDER,
    /** An operation names a migration (or a target) that is in none of the locations. */
    MIGRATION_NOT_FOUND,
    /** {@code resolveApplied} or {@code baseline} names a migration that is already applied. */
    ALREADY_APPLIED,
    /** {@code resolveRolledBack} names a migration that is not in the failed state. */
    NOT_FAILED,
    /** {@code acceptChecksum} names a migration that was never applied. */
    NOT_APPLIED,
    /** Deploy found objects in a schema that has no migration history: baseline it first. */
    SCHEMA_NOT_EMPTY,
    /** {@code reset()} was called without {@code allowReset(true)}. */
    RESET_NOT_ALLOWED,
    /** A statement of the seed script failed; the seed was rolled back. */
    SEED_FAILED,
    /** A migration uses a {@code ${name}} placeholder that has no value. */
    UNKNOWN_PLACEHOLDER,
    /** The data source could not give a connection. */
    CONNECTION_FAILED,
    /** The connection to the database was lost while working. */
    CONNECTION_LOST,
    /** The database refused a bookkeeping statement of the library itself (history table, schema, lock). */
    DATABASE_ERROR,
    /** Validation at start-up found migrations not yet applied, where deploying is left to another step. */
    PENDING_MIGRATIONS,
    /** A schema diff, snapshot or drift check was asked of a dialect that cannot read schemas. */
    SCHEMA_DIFF_UNSUPPORTED,
    /** No shadow database could be had: the user may not create databases, or it could not be emptied or reached. */
    SHADOW_DATABASE_FAILED,
    /** A migration or schema file failed when applied to the shadow database (as Prisma's P3006). */
    SHADOW_MIGRATION_FAILED,
    /** The database's schema differs from what its applied migrations create. */
    DRIFT_DETECTED,
    /** A created migration or a push would drop a table or column, or narrow a type, and {@code acceptDataLoss(true)} was not set. */
    DATA_LOSS_NOT_ACCEPTED,
    /** A push would change the history table or an object created by a recorded migration. */
    PUSH_PROTECTED_OBJECT,
    /** A push was aimed at a database whose name or settings say production, without {@code allowPushToProduction(true)}. */
    PUSH_TO_PRODUCTION,
    /** A statement of a push failed; nothing of the push was kept. */
    PUSH_FAILED,
    /** {@code migrations.sum} does not match the migration folders beside it. */
    INTEGRITY_MISMATCH,
    /** A deploy with {@code lintOnDeploy(true)} was refused: lint found errors in the pending migrations. */
    LINT_FAILED,
    /** Lint was asked of a dialect that cannot measure statements on a shadow database. */
    LINT_UNSUPPORTED
}
