package io.migrate.cli;

import io.migrate.Migrator;
import io.migrate.api.PushScope;
import picocli.CommandLine.Option;

import java.util.List;

/** {@code --scope-schema} or {@code --scope-tables}: what push and pull may see and change. */
final class ScopeOptions {

    @Option(names = "--scope-schema", required = true, paramLabel = "SCHEMA",
            description = "Every object in this schema, and the schema itself")
    String schema;

    @Option(names = "--scope-tables", required = true, split = ",", paramLabel = "TABLE",
            description = "These tables (comma-separated, e.g. videos,media.clips) and the other objects the schema file declares")
    List<String> tables;

    /** Sets the builder's scope; a scope the library refuses is a usage error naming the flag. */
    static Migrator apply(ScopeOptions scope, Migrator migrator) {
        if (scope == null) {
            return migrator;
        }
        try {
            return migrator.pushScope(scope.schema != null ? PushScope.schema(scope.schema)
                    : PushScope.tables(scope.tables.toArray(String[]::new)));
        } catch (io.migrate.api.MigrationException refused) {
            throw new Configuration.SettingException(refused, "the flag " + (scope.schema != null ? "--scope-schema" : "--scope-tables"));
        }
    }
}
