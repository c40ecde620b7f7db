package io.migrate.internal.engine;

import io.migrate.api.JavaMigration;
import io.migrate.api.JavaSeed;
import io.migrate.api.MigrationListener;
import io.migrate.internal.source.Location;
import io.migrate.spi.Dialect;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The frozen, validated configuration an operation runs with.
 *
 * @param schema           the schema of the history table, or null for the connection's current schema
 * @param dialect          the dialect to use, or null to discover one
 * @param target           the last migration a deploy applies, or null for all
 * @param seed             the seed script's location, or null for {@code seed.sql} in the first location
 * @param javaSeed         seed code that replaces any seed script, or null
 * @param lockWaitTimeout  how long a statement may wait for a lock, or null to leave the server's setting
 * @param statementTimeout how long a statement may run, or null to leave the server's setting
 */
public record Settings(DataSource dataSource, List<Location> locations, String schema, String table,
                       Duration lockTimeout, boolean outOfOrder, boolean validateApplied, Dialect dialect,
                       ClassLoader classLoader, String target, boolean allowReset, Location seed,
                       List<JavaMigration> javaMigrations, Map<String, String> placeholders,
                       Duration lockWaitTimeout, Duration statementTimeout, int lockRetries,
                       Duration progressInterval, List<MigrationListener> listeners, JavaSeed javaSeed) {

    public Settings {
        locations = List.copyOf(locations);
        javaMigrations = List.copyOf(javaMigrations);
        placeholders = Map.copyOf(placeholders);
        listeners = List.copyOf(listeners);
    }
}
