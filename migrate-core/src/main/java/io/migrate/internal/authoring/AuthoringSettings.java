package io.migrate.internal.authoring;

import io.migrate.api.PushScope;

import java.util.Map;
import java.util.Optional;

/**
 * The settings of the authoring operations.
 *
 * @param schemaFile            the declared schema ({@code classpath:} or {@code filesystem:}, a file or a folder); empty when not set
 * @param createOnly            whether createMigration writes the migration without deploying it
 * @param acceptDataLoss        whether steps that drop tables or columns, or narrow types, may run
 * @param pushScope             what push and pull see; empty for the file's objects (push) or everything (pull)
 * @param renames               for push: {@code table.column} (or {@code schema.table[.column]}) to its new name
 * @param allowPushToProduction whether push may change a database that says it is production
 * @param integrityFile         whether createMigration writes {@code migrations.sum} even when there is none yet
 */
public record AuthoringSettings(Optional<String> schemaFile, boolean createOnly, boolean acceptDataLoss,
                                Optional<PushScope> pushScope, Map<String, String> renames, boolean allowPushToProduction,
                                boolean integrityFile) {

    public AuthoringSettings {
        renames = Map.copyOf(renames);
    }
}
