package io.migrate.spring.actuate;

import io.migrate.spring.MigratorFactory;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The actuator endpoint {@code migrate}: where every migration on disk or in the history stands,
 * as the JSON of {@link io.migrate.api.StatusReport#toJson()}. Reads only; takes no lock.
 * Expose it with {@code management.endpoints.web.exposure.include=migrate}.
 */
@Endpoint(id = "migrate")
public class MigrateEndpoint {

    private final MigratorFactory factory;

    public MigrateEndpoint(MigratorFactory factory) {
        this.factory = factory;
    }

    /** The status report as one JSON object: verdict, history table, locations, and each migration. */
    @ReadOperation(produces = "application/json")
    public String status() {
        return factory.migrator().status().toJson();
    }
}
