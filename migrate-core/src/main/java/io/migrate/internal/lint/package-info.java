/**
 * Lint: pending migrations run statement by statement on a shadow database, what each did read from the
 * catalog, and rules that turn it into findings. Internal: no compatibility promise.
 */
package io.migrate.internal.lint;
