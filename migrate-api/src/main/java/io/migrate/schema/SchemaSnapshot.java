package io.migrate.schema;

import java.util.List;
import java.util.Optional;

/**
 * What a database holds, as far as migrations are concerned: schemas, tables, types, sequences and
 * every other object the dialect reads. Collections are sorted by name (enum values and columns keep
 * their order, which means something), so two equal schemas built in different orders are equal.
 *
 * @param schemas     the schemas, other than the database's own system schemas
 * @param tables      the tables, by schema and name
 * @param enums       the enum types
 * @param sequences   the sequences that are not identity columns'
 * @param objects     everything else the dialect compares, by kind and name
 * @param notCompared kinds of objects that exist in the database but that the dialect does not
 *                    compare, each with how many (e.g. {@code 2 event triggers}); a diff lists them so
 *                    nothing is left out silently
 */
public record SchemaSnapshot(List<String> schemas, List<Table> tables, List<EnumType> enums, List<Sequence> sequences,
                             List<SchemaObject> objects, List<String> notCompared) {

    public SchemaSnapshot {
        schemas = schemas.stream().distinct().sorted().toList();
        tables = tables.stream().sorted().toList();
        enums = enums.stream().sorted().toList();
        sequences = sequences.stream().sorted().toList();
        objects = objects.stream().sorted().toList();
        notCompared = notCompared.stream().sorted().toList();
    }

    /** A database with nothing in it. */
    public static SchemaSnapshot empty() {
        return new SchemaSnapshot(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** The table {@code schema.name}, if there is one. */
    public Optional<Table> table(String schema, String name) {
        return tables.stream().filter(t -> t.schema().equals(schema) && t.name().equals(name)).findFirst();
    }

    /** The objects of one kind. */
    public List<SchemaObject> objects(SchemaObject.Kind kind) {
        return objects.stream().filter(o -> o.kind() == kind).toList();
    }

    /** This snapshot with other tables. */
    public SchemaSnapshot withTables(List<Table> newTables) {
        return new SchemaSnapshot(schemas, newTables, enums, sequences, objects, notCompared);
    }

    /** This snapshot with other enums. */
    public SchemaSnapshot withEnums(List<EnumType> newEnums) {
        return new SchemaSnapshot(schemas, tables, newEnums, sequences, objects, notCompared);
    }

    /** This snapshot with other sequences. */
    public SchemaSnapshot withSequences(List<Sequence> newSequences) {
        return new SchemaSnapshot(schemas, tables, enums, newSequences, objects, notCompared);
    }

    /** This snapshot with other objects. */
    public SchemaSnapshot withObjects(List<SchemaObject> newObjects) {
        return new SchemaSnapshot(schemas, tables, enums, sequences, newObjects, notCompared);
    }

    /** This snapshot with other schemas. */
    public SchemaSnapshot withSchemas(List<String> newSchemas) {
        return new SchemaSnapshot(newSchemas, tables, enums, sequences, objects, notCompared);
    }

    /**
     * The snapshot as one JSON object, for tools: each record becomes an object with its components
     * as fields, absent values {@code null}.
     */
    public String toJson() {
        return Json.write(this);
    }
}
