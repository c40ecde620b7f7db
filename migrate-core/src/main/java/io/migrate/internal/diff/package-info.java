/**
 * Internal to migrate: no compatibility promise, not exported, may change in any release.
 * Comparing two schema snapshots and ordering the changes; pure functions, no database.
 */
package io.migrate.internal.diff;
