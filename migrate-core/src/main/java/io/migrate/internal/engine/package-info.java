/**
 * Internal to migrate: no compatibility promise, not exported, may change in any release.
 */
package io.migrate.internal.engine;
