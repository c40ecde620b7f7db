package io.migrate.api;

/**
 * Hears what a deploy does, for metrics and custom logging. Every method has an empty default.
 * Listeners run on the deploying thread; one that throws is logged and ignored, and never changes
 * what is applied or recorded.
 */
public interface MigrationListener {

    /** A deploy is about to apply {@code pending} migrations. */
    default void beforeDeploy(int pending) {
    }

    /** A deploy finished (also when it found nothing to do). */
    default void afterDeploy(DeployResult result) {
    }

    /** A migration is about to start. */
    default void beforeMigration(String name) {
    }

    /** A migration was applied and recorded. */
    default void afterMigration(AppliedMigration migration) {
    }

    /** A migration failed; {@code failure} is what the deploy then throws. */
    default void onFailure(String name, MigrationException failure) {
    }
}
