package io.migrate.spring.test;

import io.migrate.testkit.Database;
import io.migrate.testkit.DatabaseTemplate;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Clones a database for one application context and sets the {@code spring.datasource.*}
 * properties to it. Equal settings give equal customizers, which is what lets Spring reuse the context.
 */
final class MigratedTestDatabaseContextCustomizer implements ContextCustomizer {

    static final String PROPERTY_SOURCE = "migratedTestDatabase";

    private final List<String> locations;
    private final String schema;
    private final String table;
    private final String seed;
    private final boolean empty;

    MigratedTestDatabaseContextCustomizer(List<String> locations, String schema, String table, String seed, boolean empty) {
        this.locations = List.copyOf(locations);
        this.schema = schema;
        this.table = table;
        this.seed = seed;
        this.empty = empty;
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        ConfigurableEnvironment environment = context.getEnvironment();
        Database database = template(environment, context.getClassLoader()).newDatabase();
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", database.user());
        properties.put("spring.datasource.password", database.password() == null ? "" : database.password());
        environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
        context.addApplicationListener((ApplicationListener<ContextClosedEvent>) event -> {
            if (event.getApplicationContext() == context) {
                database.close();
            }
        });
    }

    private DatabaseTemplate template(ConfigurableEnvironment environment, ClassLoader classLoader) {
        if (empty) {
            return DatabaseTemplate.empty().prepare();
        }
        DatabaseTemplate.Builder builder = DatabaseTemplate.postgres();
        if (classLoader != null) {
            builder.classLoader(classLoader);
        }
        // Bound as Spring Boot binds migrate.locations: a comma-separated value or an indexed list.
        String[] where = !locations.isEmpty() ? locations.toArray(String[]::new)
                : Binder.get(environment).bind("migrate.locations", String[].class).orElse(null);
        if (where != null && where.length > 0) {
            builder.locations(where);
        }
        String schemaName = !schema.isBlank() ? schema : environment.getProperty("migrate.schema");
        if (schemaName != null && !schemaName.isBlank()) {
            builder.schema(schemaName);
        }
        String tableName = !table.isBlank() ? table : environment.getProperty("migrate.table");
        if (tableName != null && !tableName.isBlank()) {
            builder.table(tableName);
        }
        if (!seed.isBlank()) {
            builder.seed(seed);
        }
        return builder.prepare();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MigratedTestDatabaseContextCustomizer that && locations.equals(that.locations)
                && schema.equals(that.schema) && table.equals(that.table) && seed.equals(that.seed) && empty == that.empty;
    }

    @Override
    public int hashCode() {
        return Objects.hash(locations, schema, table, seed, empty);
    }
}
