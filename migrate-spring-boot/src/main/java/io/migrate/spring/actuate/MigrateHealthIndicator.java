package io.migrate.spring.actuate;

import io.migrate.spring.MigratorFactory;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The {@code migrate} health indicator for Spring Boot 3.x, whose health API is in
 * {@code org.springframework.boot.actuate.health}. See {@link MigrateHealth} for what it reports;
 * a database that cannot be asked is DOWN.
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
