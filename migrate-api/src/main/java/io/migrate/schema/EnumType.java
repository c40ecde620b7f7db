package io.migrate.schema;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * An enum type with its values in their declared order (the order is part of the type: it sorts by it).
 *
 * @param schema the schema it is in
 * @param name   its name
 * @param values its labels, in order
 */
public record EnumType(String schema, String name, List<String> values) implements Comparable<EnumType> {

    public EnumType {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        values = List.copyOf(values);
    }

    /** {@code schema.name}, unquoted. */
    public String qualifiedName() {
        return schema + "." + name;
    }

    @Override
    public int compareTo(EnumType other) {
        return Comparator.comparing(EnumType::schema).thenComparing(EnumType::name).compare(this, other);
    }
}
