package io.migrate.spring.actuate;

import io.migrate.spring.MigrateAutoConfiguration;
import io.migrate.spring.MigratorFactory;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code migrate} actuator endpoint and health indicator, when the application has Actuator.
 * Spring Boot 4 moved the health API to {@code org.springframework.boot.health}: each line's
 * indicator is configured only where its API is present.
 */
@AutoConfiguration(after = MigrateAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint")
@ConditionalOnBean(MigratorFactory.class)
public class MigrateActuatorAutoConfiguration {

    /** The endpoint, when exposed and enabled. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint(endpoint = MigrateEndpoint.class)
    public MigrateEndpoint migrateEndpoint(MigratorFactory migratorFactory) {
        return new MigrateEndpoint(migratorFactory);
    }

    /** Spring Boot 3.x. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.AbstractHealthIndicator")
    @ConditionalOnProperty(prefix = "management.health.migrate", name = "enabled", matchIfMissing = true)
    static class Boot3Health {

        @Bean
        @ConditionalOnMissingBean(name = "migrateHealthIndicator")
        MigrateHealthIndicator migrateHealthIndicator(MigratorFactory migratorFactory) {
            return new MigrateHealthIndicator(migratorFactory);
        }
    }

    /** Spring Boot 4.x. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.AbstractHealthIndicator")
    @ConditionalOnProperty(prefix = "management.health.migrate", name = "enabled", matchIfMissing = true)
    static class Boot4Health {

        @Bean
        @ConditionalOnMissingBean(name = "migrateHealthIndicator")
        io.migrate.spring.health.MigrateHealthIndicator migrateHealthIndicator(MigratorFactory migratorFactory) {
            return new io.migrate.spring.health.MigrateHealthIndicator(migratorFactory);
        }
    }
}
