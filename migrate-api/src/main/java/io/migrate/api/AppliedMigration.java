package io.migrate.api;

import java.time.Duration;

/**
 * A migration that a run applied.
 *
 * @param name          the migration's name, e.g. {@code 20260213123456_add_user_name}
 * @param duration      how long it took, history bookkeeping included
 * @param statements    how many statements it executed
 * @param transactional whether it ran in a single transaction with its history row
 */
public record AppliedMigration(String name, Duration duration, int statements, boolean transactional) {
}
