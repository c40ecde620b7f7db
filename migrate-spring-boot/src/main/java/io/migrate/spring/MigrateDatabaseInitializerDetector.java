package io.migrate.spring;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;
import org.springframework.core.Ordered;

import java.util.Set;

/**
 * Tells Spring Boot that {@link MigrateInitializer} initialises the database, so that JPA, jOOQ,
 * {@code JdbcTemplate} and {@code @DependsOnDatabaseInitialization} beans wait for it. Its order puts
 * migrations before other initialisers such as {@code spring.sql.init} scripts, which can then fill
 * the tables that migrations created.
 */
final class MigrateDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(MigrateInitializer.class);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }
}
