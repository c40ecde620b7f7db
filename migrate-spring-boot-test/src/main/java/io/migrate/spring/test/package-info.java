/**
 * Spring test support for the testkit: {@link io.migrate.spring.test.MigratedTestDatabase} gives a
 * test context its own migrated PostgreSQL database.
 */
package io.migrate.spring.test;
