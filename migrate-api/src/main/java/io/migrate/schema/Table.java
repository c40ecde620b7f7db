package io.migrate.schema;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A table: its columns in their physical order, its constraints and indexes by name, and its
 * table-level properties. The order of the columns is kept for creating the table but is not part of
 * equality: two tables with the same columns in another order are equal (as for Prisma), since
 * columns added by migrations over time come last while a schema file may declare them anywhere.
 *
 * @param schema            the schema it is in
 * @param name              its name
 * @param unlogged          whether it is {@code UNLOGGED}
 * @param partitionBy       for a partitioned table, its partition key (e.g. {@code RANGE (created_at)}), else null
 * @param partitionOf       for a partition, its parent and bounds (e.g. {@code public.events FOR VALUES FROM
 *                          ('2026-01-01') TO ('2026-02-01')}), else null; a partition's columns, and the
 *                          indexes and constraints it inherits, belong to the parent
 * @param columns           its own columns, in order
 * @param constraints       its constraints, sorted by name
 * @param indexes           its indexes that implement no constraint, sorted by name
 * @param rowSecurity       whether row-level security is enabled
 * @param forceRowSecurity  whether it applies to the table's owner too
 */
public record Table(String schema, String name, boolean unlogged, String partitionBy, String partitionOf,
                    List<Column> columns, List<Constraint> constraints, List<Index> indexes,
                    boolean rowSecurity, boolean forceRowSecurity) implements Comparable<Table> {

    public Table {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        constraints = constraints.stream().sorted().toList();
        indexes = indexes.stream().sorted().toList();
    }

    /** A plain table with these columns and nothing else. */
    public static Table of(String schema, String name, List<Column> columns) {
        return new Table(schema, name, false, null, null, columns, List.of(), List.of(), false, false);
    }

    /** {@code schema.name}, unquoted: the key this table is known by in a diff. */
    public String qualifiedName() {
        return schema + "." + name;
    }

    /** The column called {@code column}, if there is one. */
    public Optional<Column> column(String column) {
        return columns.stream().filter(c -> c.name().equals(column)).findFirst();
    }

    /** This table with other columns. */
    public Table withColumns(List<Column> newColumns) {
        return new Table(schema, name, unlogged, partitionBy, partitionOf, newColumns, constraints, indexes, rowSecurity,
                forceRowSecurity);
    }

    /** This table with other constraints. */
    public Table withConstraints(List<Constraint> newConstraints) {
        return new Table(schema, name, unlogged, partitionBy, partitionOf, columns, newConstraints, indexes, rowSecurity,
                forceRowSecurity);
    }

    /** This table with other indexes. */
    public Table withIndexes(List<Index> newIndexes) {
        return new Table(schema, name, unlogged, partitionBy, partitionOf, columns, constraints, newIndexes, rowSecurity,
                forceRowSecurity);
    }

    /** This table with row-level security set as given. */
    public Table withRowSecurity(boolean enabled, boolean forced) {
        return new Table(schema, name, unlogged, partitionBy, partitionOf, columns, constraints, indexes, enabled, forced);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Table t && schema.equals(t.schema) && name.equals(t.name) && unlogged == t.unlogged
                && Objects.equals(partitionBy, t.partitionBy) && Objects.equals(partitionOf, t.partitionOf)
                && byName(columns).equals(byName(t.columns)) && constraints.equals(t.constraints) && indexes.equals(t.indexes)
                && rowSecurity == t.rowSecurity && forceRowSecurity == t.forceRowSecurity;
    }

    @Override
    public int hashCode() {
        return Objects.hash(schema, name, unlogged, partitionBy, partitionOf, byName(columns), constraints, indexes,
                rowSecurity, forceRowSecurity);
    }

    private static List<Column> byName(List<Column> columns) {
        return columns.stream().sorted(Comparator.comparing(Column::name)).toList();
    }

    @Override
    public int compareTo(Table other) {
        return Comparator.comparing(Table::schema).thenComparing(Table::name).compare(this, other);
    }
}
