package io.migrate.internal.engine;

import io.migrate.spi.Dialect;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;

/**
 * The frozen, validated configuration an operation runs with.
 *
 * @param schema  the schema of the history table, or null for the connection's current schema
 * @param dialect the dialect to use, or null to discover one
 */
public record Settings(DataSource dataSource, List<String> locations, String schema, String table,
                       Duration lockTimeout, boolean outOfOrder, boolean validateApplied, Dialect dialect,
                       ClassLoader classLoader) {

    public Settings {
        locations = List.copyOf(locations);
    }
}
