package io.migrate.schema;

import java.util.Objects;

/**
 * An index that is not the implementation of a constraint (those come with their {@link Constraint}).
 *
 * @param name       the index's name
 * @param definition the statement that creates it, as the database renders it (method, opclasses,
 *                   {@code INCLUDE}, predicate and {@code NULLS NOT DISTINCT} included)
 */
public record Index(String name, String definition) implements Comparable<Index> {

    public Index {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(definition, "definition");
    }

    @Override
    public int compareTo(Index other) {
        return name.compareTo(other.name);
    }
}
