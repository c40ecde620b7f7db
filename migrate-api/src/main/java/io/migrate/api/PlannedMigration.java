package io.migrate.api;

/**
 * A migration that a deploy would apply, as {@code plan()} reports it.
 *
 * @param name               the migration's name
 * @param source             where its file was read from
 * @param sql                the file's text
 * @param statements         how many statements it would execute
 * @param transactional      whether it would run in one transaction with its history row
 * @param withoutTransaction why it would run statement by statement, or null when transactional
 */
public record PlannedMigration(String name, String source, String sql, int statements, boolean transactional,
                               String withoutTransaction) {
}
