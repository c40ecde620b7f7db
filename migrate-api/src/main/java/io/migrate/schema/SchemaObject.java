package io.migrate.schema;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Any other object, compared by the definition the database renders for it: views, materialized
 * views, functions, procedures, domains, composite types, triggers, policies, extensions and comments.
 *
 * @param kind       what it is
 * @param schema     the schema it is in (for an extension, the schema it is installed in)
 * @param name       its name; for a routine its name and argument types ({@code add(integer, integer)});
 *                   for a comment the object it is on, as SQL names it ({@code COLUMN public.users.name})
 * @param table      for a trigger or policy the qualified name of its table, else null
 * @param definition what it is, as the database renders it: a view's query, a routine's or trigger's
 *                   {@code CREATE} statement, a comment's text
 * @param dependsOn  the qualified names of the tables and views it reads (for views), sorted; it orders
 *                   the script
 */
public record SchemaObject(Kind kind, String schema, String name, String table, String definition,
                           List<String> dependsOn) implements Comparable<SchemaObject> {

    /** The kinds of objects compared by definition. */
    public enum Kind {
        EXTENSION("extensions"), DOMAIN("domains"), COMPOSITE_TYPE("composite types"), FUNCTION("functions"),
        PROCEDURE("procedures"), VIEW("views"), MATERIALIZED_VIEW("materialized views"), TRIGGER("triggers"),
        POLICY("policies"), COMMENT("comments");

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
