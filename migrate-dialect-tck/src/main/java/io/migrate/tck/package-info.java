/**
 * The dialect conformance kit. A dialect module adds a test class implementing
 * {@link io.migrate.tck.DialectConformance} (or any of the contracts it combines), supplies the
 * dialect, fresh empty databases and the few statements the kit cannot write portably
 * ({@link io.migrate.tck.KitSql}), and its build runs every check against a real server.
 */
package io.migrate.tck;
