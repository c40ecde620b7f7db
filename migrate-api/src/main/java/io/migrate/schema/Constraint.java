package io.migrate.schema;

import java.util.Objects;

/**
 * A table constraint other than {@code NOT NULL} (which is a property of its {@link Column}).
 *
 * @param name       the constraint's name
 * @param kind       what it enforces
 * @param definition its definition as the database renders it, e.g. {@code FOREIGN KEY (user_id)
 *                   REFERENCES public.users(id) ON DELETE CASCADE DEFERRABLE NOT VALID}
 * @param references for a foreign key, the qualified name ({@code schema.table}) of the table it points
 *                   at, else null; it orders the script
 */
public record Constraint(String name, Kind kind, String definition, String references) implements Comparable<Constraint> {

    /** The kinds of table constraints. */
    public enum Kind { PRIMARY_KEY, UNIQUE, CHECK, FOREIGN_KEY, EXCLUSION }

    public Constraint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(definition, "definition");
    }

    @Override
    public int compareTo(Constraint other) {
        return name.compareTo(other.name);
    }
}
