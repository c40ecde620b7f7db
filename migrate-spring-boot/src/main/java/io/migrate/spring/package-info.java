/**
 * Spring Boot auto-configuration for migrate: {@link io.migrate.spring.MigrateProperties} under
 * {@code migrate.*}, {@link io.migrate.spring.MigrateInitializer} ordered before the beans that use
 * the database, {@link io.migrate.spring.MigratorCustomizer} and
 * {@link io.migrate.spring.MigrateDataSource @MigrateDataSource}.
 */
package io.migrate.spring;
