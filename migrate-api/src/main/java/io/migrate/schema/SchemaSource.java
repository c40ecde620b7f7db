package io.migrate.schema;

import javax.sql.DataSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a schema to compare comes from. Sources that are SQL rather than a database (migrations, a
 * schema file) are applied to a shadow database and read from there.
 */
public sealed interface SchemaSource {

    /** A database with nothing in it. */
    static SchemaSource empty() {
        return new Empty();
    }

    /** The configured migration locations, replayed on a shadow database. */
    static SchemaSource migrations() {
        return new Migrations(List.of());
    }

    /** Migrations in other locations ({@code classpath:} or {@code filesystem:}), replayed on a shadow database. */
    static SchemaSource migrations(String... locations) {
        return new Migrations(List.of(locations));
    }

    /** A file of plain SQL DDL describing the desired state ({@code classpath:} or {@code filesystem:}), applied on a shadow database. */
    static SchemaSource schemaFile(String location) {
        return new SchemaFile(location);
    }

    /** The configured data source's database, as it is now. */
    static SchemaSource database() {
        return new Database(Optional.empty());
    }

    /** Another database, as it is now. */
    static SchemaSource database(DataSource dataSource) {
        return new Database(Optional.of(Objects.requireNonNull(dataSource, "dataSource")));
    }

    /** Nothing. */
    record Empty() implements SchemaSource {
        @Override
        public String toString() {
            return "empty";
        }
    }

    /**
     * Migration folders replayed on a shadow database.
     *
     * @param locations where they are; empty for the locations the migrator is configured with
     */
    record Migrations(List<String> locations) implements SchemaSource {
        public Migrations {
            locations = List.copyOf(locations);
        }

        @Override
        public String toString() {
            return locations.isEmpty() ? "migrations" : "migrations in " + String.join(", ", locations);
        }
    }

    /**
     * A desired-state SQL file applied on a shadow database.
     *
     * @param location the file, {@code classpath:path} or {@code filesystem:path}
     */
    record SchemaFile(String location) implements SchemaSource {
        public SchemaFile {
            Objects.requireNonNull(location, "location");
        }

        @Override
        public String toString() {
            return "schema file " + location;
        }
    }

    /**
     * A live database.
     *
     * @param dataSource its data source; empty for the one the migrator is configured with
     */
    record Database(Optional<DataSource> dataSource) implements SchemaSource {
        public Database {
            Objects.requireNonNull(dataSource, "dataSource");
        }

        @Override
        public String toString() {
            return dataSource.isEmpty() ? "database" : "another database";
        }
    }
}
