package io.migrate.internal.history;

/**
 * The part of a history row that tells whether a deploy has anything to do: which migration, the
 * checksum it was applied with, and whether the row counts as applied or as failed.
 */
public record HistoryState(String migrationName, String checksum, boolean applied, boolean failed) {
}
