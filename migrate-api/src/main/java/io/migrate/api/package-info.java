/**
 * What users of migrate catch and read: {@link io.migrate.api.MigrationException} with its
 * {@link io.migrate.api.ErrorCode}, its subclasses named for what went wrong, and result records.
 */
package io.migrate.api;
