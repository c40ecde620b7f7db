/**
 * Internal to migrate: no compatibility promise, not exported, may change in any release.
 * Shadow databases, and turning schema sources into snapshots and diffs.
 */
package io.migrate.internal.shadow;
