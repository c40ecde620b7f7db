package io.migrate.internal.engine;

import io.migrate.spi.Dialect;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;

/**
 * The frozen, validated configuration an operation runs with.
 *
 * @param schema     the schema of the history table, or null for the connection's current schema
 * @param dialect    the dialect to use, or null to discover one
 * @param target     the last migration a deploy applies, or null for all
 * @param seed       the seed script's location, or null for {@code seed.sql} in the first location
 */
public record Settings(DataSource dataSource, List<String> locations, String schema, String table,
                       Duration lockTimeout, boolean outOfOrder, boolean validateApplied, Dialect dialect,
                       ClassLoader classLoader, String target, boolean allowReset, String seed) {

    public Settings {
        locations = List.copyOf(locations);
    }
}
