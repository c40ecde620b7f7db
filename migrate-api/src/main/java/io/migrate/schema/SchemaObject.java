package io.migrate.schema;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Any other object, compared by the definition the database renders for it: views, materialized
 * views and their indexes, functions, procedures, domains, composite types, triggers, policies,
 * extensions and comments. Domains and composite types also carry their parts, so that a diff can
 * change them in place.
 *
 * @param kind       what it is
 * @param schema     the schema it is in (for an extension, the schema it is installed in)
 * @param name       its name; for a routine its name and argument types ({@code add(integer, integer)});
 *                   for a comment the object it is on, as SQL names it ({@code COLUMN public.users.name})
 * @param table       for a trigger or policy the qualified name of its table, for an index on a
 *                    materialized view that of the view, else null
 * @param definition  what it is, as the database renders it: a view's query, a routine's or trigger's
 *                    {@code CREATE} statement, a comment's text, an extension's schema and version
 * @param dependsOn   the qualified names of the tables and views it reads (for views), and of the
 *                    routines it calls ({@code schema.name(argument types)}), sorted; it orders the script
 * @param columns     for a domain, one column named after it: its base type, collation, default and
 *                    {@code NOT NULL}; for a composite type, its attributes in order; else empty
 * @param constraints for a domain, its check constraints, sorted by name; else empty
 */
public record SchemaObject(Kind kind, String schema, String name, String table, String definition,
                           List<String> dependsOn, List<Column> columns, List<Constraint> constraints)
        implements Comparable<SchemaObject> {

    /** The kinds of objects compared by definition. */
    public enum Kind {
        EXTENSION("extensions"), DOMAIN("domains"), COMPOSITE_TYPE("composite types"), FUNCTION("functions"),
        PROCEDURE("procedures"), VIEW("views"), MATERIALIZED_VIEW("materialized views"),
        MATERIALIZED_VIEW_INDEX("indexes on materialized views"), TRIGGER("triggers"), POLICY("policies"),
        COMMENT("comments");

        private final String plural;

        Kind(String plural) {
            this.plural = plural;
        }

        /** The kind in words, plural, for summaries. */
        public String plural() {
            return plural;
        }
    }

    public SchemaObject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(definition, "definition");
        dependsOn = dependsOn.stream().distinct().sorted().toList();
        columns = List.copyOf(columns);
        constraints = constraints.stream().sorted().toList();
    }

    /** An object without parts. */
    public SchemaObject(Kind kind, String schema, String name, String table, String definition, List<String> dependsOn) {
        this(kind, schema, name, table, definition, dependsOn, List.of(), List.of());
    }

    /** An object that depends on nothing in the model. */
    public static SchemaObject of(Kind kind, String schema, String name, String definition) {
        return new SchemaObject(kind, schema, name, null, definition, List.of());
    }

    /** What identifies it in a diff: kind, schema, table and name. */
    public String key() {
        return kind + " " + schema + "." + (table == null ? "" : table + ".") + name;
    }

    /** {@code schema.name}, unquoted. */
    public String qualifiedName() {
        return schema + "." + name;
    }

    @Override
    public int compareTo(SchemaObject other) {
        return Comparator.comparing(SchemaObject::kind).thenComparing(SchemaObject::key).compare(this, other);
    }
}
