package io.migrate.internal.lint;

/**
 * A finding before it is placed in a migration.
 *
 * @param object      the table, column, index or constraint, as shown to the user
 * @param message     what the statement does, one line
 * @param alternative the safe way, written out
 */
record Draft(Rule rule, String object, String message, String alternative) {
}
