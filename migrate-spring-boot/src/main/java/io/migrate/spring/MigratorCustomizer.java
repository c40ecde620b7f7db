package io.migrate.spring;

import io.migrate.Migrator;

/**
 * A bean that adjusts every {@link Migrator} the auto-configuration builds, after the
 * {@code migrate.*} properties are applied: for settings that properties cannot express, such as a
 * {@link io.migrate.api.MigrationListener}, a {@link io.migrate.api.JavaSeed} or an explicit dialect.
 * Customizers run in {@link org.springframework.core.annotation.Order @Order}.
 *
 * <pre>{@code
 * @Bean
 * MigratorCustomizer auditTrail(AuditListener listener) {
 *     return migrator -> migrator.listener(listener);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface MigratorCustomizer {

    /** Adjusts {@code migrator}, a builder that has the {@code migrate.*} properties applied already. */
    void customize(Migrator migrator);
}
