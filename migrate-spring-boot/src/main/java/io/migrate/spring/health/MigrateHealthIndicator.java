package io.migrate.spring.health;

import io.migrate.spring.MigratorFactory;
import io.migrate.spring.actuate.MigrateHealth;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code migrate} health indicator for Spring Boot 4.x, whose health API is in
 * {@code org.springframework.boot.health.contributor}. See {@link MigrateHealth} for what it
 * reports; a database that cannot be asked is DOWN.
 */
public class MigrateHealthIndicator extends AbstractHealthIndicator {

    private final MigratorFactory factory;

    public MigrateHealthIndicator(MigratorFactory factory) {
        super("Migration status check failed");
        this.factory = factory;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        MigrateHealth health = MigrateHealth.of(factory.migrator().status());
        (health.up() ? builder.up() : builder.down()).withDetails(health.details());
    }
}
