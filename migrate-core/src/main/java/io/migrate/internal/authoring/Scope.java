package io.migrate.internal.authoring;

import io.migrate.api.PushScope;
import io.migrate.schema.EnumType;
import io.migrate.schema.SchemaChange;
import io.migrate.schema.SchemaObject;
import io.migrate.schema.SchemaSnapshot;
import io.migrate.schema.Sequence;
import io.migrate.schema.Table;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The objects a push or pull may see. Everything else is cut out of both snapshots before they are
 * compared, so the diff can neither create, change nor drop it.
 */
final class Scope {

    private final String schema;
    private final Set<String> tables;
    private final Set<String> declared;
    private final Set<String> schemas;

    private Scope(String schema, Set<String> tables, Set<String> declared, Set<String> schemas) {
        this.schema = schema;
        this.tables = tables;
        this.declared = declared;
        this.schemas = schemas;
    }

    /** Everything: a pull without a scope. */
    static Scope everything() {
        return new Scope(null, null, Set.of(), Set.of());
    }

    /**
     * The configured scope; none configured means the tables the file declares. Named tables carry what
     * hangs on them; types, routines and views are in scope when the file declares them.
     */
    static Scope of(PushScope configured, SchemaSnapshot declared, String currentSchema) {
        Set<String> declaredIds = new HashSet<>();
        declared.enums().forEach(e -> declaredIds.add(id(e)));
        declared.sequences().forEach(s -> declaredIds.add(id(s)));
        declared.objects().forEach(o -> declaredIds.add(id(o)));
        if (configured instanceof PushScope.Schema s) {
            return new Scope(s.name(), null, declaredIds, Set.of(s.name()));
        }
        Set<String> tables = configured instanceof PushScope.Tables named
                ? named.names().stream().map(n -> n.contains(".") ? n : currentSchema + "." + n).collect(Collectors.toSet())
                : declared.tables().stream().map(Table::qualifiedName).collect(Collectors.toSet());
        return new Scope(null, tables, declaredIds, Set.copyOf(declared.schemas()));
    }

    SchemaSnapshot filter(SchemaSnapshot s) {
        if (schema == null && tables == null) {
            return s;
        }
        return new SchemaSnapshot(s.schemas().stream().filter(schemas::contains).toList(),
                s.tables().stream().filter(this::contains).toList(), s.enums().stream().filter(this::contains).toList(),
                s.sequences().stream().filter(this::contains).toList(), s.objects().stream().filter(this::contains).toList(),
                s.notCompared());
    }

    /** {@code s} without what {@code scope} holds: the objects a push manages, left out of a drift check. */
    static SchemaSnapshot without(Scope scope, SchemaSnapshot s) {
        SchemaSnapshot in = scope.filter(s);
        return new SchemaSnapshot(s.schemas().stream().filter(n -> scope.schema == null || !n.equals(scope.schema)).toList(),
                s.tables().stream().filter(t -> !in.tables().contains(t)).toList(),
                s.enums().stream().filter(e -> !in.enums().contains(e)).toList(),
                s.sequences().stream().filter(q -> !in.sequences().contains(q)).toList(),
                s.objects().stream().filter(o -> !in.objects().contains(o)).toList(), s.notCompared());
    }

    boolean contains(Table t) {
        return schema != null ? t.schema().equals(schema) : tables == null || tables.contains(t.qualifiedName());
    }

    boolean containsTable(String qualifiedName) {
        return schema != null ? qualifiedName.startsWith(schema + ".") : tables == null || tables.contains(qualifiedName);
    }

    private boolean contains(EnumType e) {
        return schema != null ? e.schema().equals(schema) : tables == null || declared.contains(id(e));
    }

    private boolean contains(Sequence s) {
        if (schema != null) {
            return s.schema().equals(schema);
        }
        return tables == null || declared.contains(id(s))
                || s.ownedBy() != null && tables.stream().anyMatch(t -> s.ownedBy().startsWith(t + "."));
    }

    private boolean contains(SchemaObject o) {
        if (schema != null) {
            return o.schema().equals(schema);
        }
        if (tables == null) {
            return true;
        }
        if (o.table() != null && tables.contains(o.table())) {
            return true;
        }
        return declared.contains(id(o));
    }

    /** How an object is known in scope checks and refusals: {@code table public.users}. */
    static String id(Table t) {
        return "table " + t.qualifiedName();
    }

    static String id(EnumType e) {
        return "type " + e.qualifiedName();
    }

    static String id(Sequence s) {
        return "sequence " + s.qualifiedName();
    }

    static String id(SchemaObject o) {
        if (o.kind() == SchemaObject.Kind.TRIGGER || o.kind() == SchemaObject.Kind.POLICY) {
            return "table " + o.table();
        }
        if (o.kind() == SchemaObject.Kind.MATERIALIZED_VIEW_INDEX) {
            return "materialized view " + o.table();
        }
        if (o.kind() == SchemaObject.Kind.COMMENT) {
            return "comment on " + o.name();
        }
        return o.kind().name().toLowerCase().replace('_', ' ') + " " + o.qualifiedName();
    }

    /** Every object of a snapshot, by {@link #id}. */
    static Set<String> ids(SchemaSnapshot s) {
        Set<String> all = new HashSet<>();
        s.schemas().forEach(n -> all.add("schema " + n));
        s.tables().forEach(t -> all.add(id(t)));
        s.enums().forEach(e -> all.add(id(e)));
        s.sequences().forEach(q -> all.add(id(q)));
        s.objects().forEach(o -> all.add(id(o)));
        return all;
    }

    /** The objects one step creates, changes or drops. */
    static List<String> touched(SchemaChange change) {
        if (change.table().isPresent()) {
            return List.of(id(change.table().get()));
        }
        Object id = null;
        if (change instanceof SchemaChange.CreateSchema c) {
            id = "schema " + c.name();
        } else if (change instanceof SchemaChange.DropSchema c) {
            id = "schema " + c.name();
        } else if (change instanceof SchemaChange.CreateTable c) {
            id = id(c.created());
        } else if (change instanceof SchemaChange.DropTable c) {
            id = id(c.dropped());
        } else if (change instanceof SchemaChange.CreateEnum c) {
            id = id(c.created());
        } else if (change instanceof SchemaChange.DropEnum c) {
            id = id(c.dropped());
        } else if (change instanceof SchemaChange.AddEnumValue c) {
            id = id(c.type());
        } else if (change instanceof SchemaChange.RebuildEnum c) {
            id = id(c.to());
        } else if (change instanceof SchemaChange.CreateSequence c) {
            id = id(c.created());
        } else if (change instanceof SchemaChange.DropSequence c) {
            id = id(c.dropped());
        } else if (change instanceof SchemaChange.AlterSequence c) {
            id = id(c.to());
        } else if (change instanceof SchemaChange.CreateObject c) {
            id = id(c.created());
        } else if (change instanceof SchemaChange.DropObject c) {
            id = id(c.dropped());
        } else if (change instanceof SchemaChange.ReplaceObject c) {
            id = id(c.to());
        } else if (change instanceof SchemaChange.AlterObject c) {
            id = id(c.to());
        } else if (change instanceof SchemaChange.RebuildType c) {
            id = id(c.to());
        }
        return id == null ? List.of() : List.of(id.toString());
    }
}
