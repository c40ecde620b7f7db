package io.migrate.api;

import java.util.List;
import java.util.Objects;

/**
 * Which objects {@code push()} and {@code pull()} may see and change. Objects outside the scope are
 * invisible to them. Whatever the scope, the history table and every object created by a recorded
 * migration are never changed: a push that would change one is refused.
 *
 * <p>Without a scope, a push's scope is exactly what the schema file declares, so nothing undeclared is
 * ever dropped; a pull's scope is the whole database.
 */
public sealed interface PushScope {

    /**
     * The named tables ({@code videos}, or {@code media.videos}; an unqualified name is in the
     * connection's current schema), with their columns, constraints, indexes, triggers, policies,
     * comments and owned sequences, and the other objects (types, functions, views) that the schema
     * file declares.
     */
    static PushScope tables(String... names) {
        if (names == null || names.length == 0) {
            throw new MigrationException(ErrorCode.INVALID_CONFIGURATION, "pushScope = tables(): name at least one table");
        }
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new MigrationException(ErrorCode.INVALID_CONFIGURATION, "pushScope = tables(" + name
                        + "): a table name must not be blank");
            }
        }
        return new Tables(List.of(names));
    }

    /** Every object in the schema {@code name}, and the schema itself. */
    static PushScope schema(String name) {
        if (name == null || name.isBlank()) {
            throw new MigrationException(ErrorCode.INVALID_CONFIGURATION, "pushScope = schema(" + name
                    + "): name a schema, e.g. schema(\"media\")");
        }
        return new Schema(name);
    }

    /** A scope of named tables. */
    record Tables(List<String> names) implements PushScope {
        public Tables {
            names = List.copyOf(names);
        }

        @Override
        public String toString() {
            return "tables(" + String.join(", ", names) + ")";
        }
    }

    /** A scope of one schema. */
    record Schema(String name) implements PushScope {
        public Schema {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return "schema(" + name + ")";
        }
    }
}
