package io.migrate.schema;

import java.util.Comparator;
import java.util.Objects;

/**
 * A sequence that is not the implementation of an identity column. Its current value is data, not
 * schema, and is not part of it.
 *
 * @param schema    the schema it is in
 * @param name      its name
 * @param type      its data type, e.g. {@code bigint}
 * @param start     its start value
 * @param increment its increment
 * @param min       its minimum value
 * @param max       its maximum value
 * @param cache     how many values are cached
 * @param cycle     whether it wraps around
 * @param ownedBy   the column that owns it ({@code schema.table.column}, as for {@code serial}), else null
 */
public record Sequence(String schema, String name, String type, long start, long increment, long min, long max,
                       long cache, boolean cycle, String ownedBy) implements Comparable<Sequence> {

    public Sequence {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** {@code schema.name}, unquoted. */
    public String qualifiedName() {
        return schema + "." + name;
    }

    @Override
    public int compareTo(Sequence other) {
        return Comparator.comparing(Sequence::schema).thenComparing(Sequence::name).compare(this, other);
    }
}
