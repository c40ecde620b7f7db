/**
 * The {@code migrate} command-line tool: one picocli command per operation of
 * {@link io.migrate.Migrator}, each a thin adapter; {@link io.migrate.cli.Main} is the entry point.
 */
package io.migrate.cli;
