package io.migrate.postgres;

import io.migrate.schema.Column;
import io.migrate.schema.Constraint;
import io.migrate.schema.EnumType;
import io.migrate.schema.SchemaChange;
import io.migrate.schema.SchemaChange.AddColumn;
import io.migrate.schema.SchemaChange.AddConstraint;
import io.migrate.schema.SchemaChange.AddEnumValue;
import io.migrate.schema.SchemaChange.AlterColumn;
import io.migrate.schema.SchemaChange.AlterObject;
import io.migrate.schema.SchemaChange.AlterSequence;
import io.migrate.schema.SchemaChange.ColumnUse;
import io.migrate.schema.SchemaChange.CreateEnum;
import io.migrate.schema.SchemaChange.CreateIndex;
import io.migrate.schema.SchemaChange.CreateObject;
import io.migrate.schema.SchemaChange.CreateSchema;
import io.migrate.schema.SchemaChange.CreateSequence;
import io.migrate.schema.SchemaChange.CreateTable;
import io.migrate.schema.SchemaChange.DropColumn;
import io.migrate.schema.SchemaChange.DropConstraint;
import io.migrate.schema.SchemaChange.DropEnum;
import io.migrate.schema.SchemaChange.DropIndex;
import io.migrate.schema.SchemaChange.DropObject;
import io.migrate.schema.SchemaChange.DropSchema;
import io.migrate.schema.SchemaChange.DropSequence;
import io.migrate.schema.SchemaChange.DropTable;
import io.migrate.schema.SchemaChange.RebuildEnum;
import io.migrate.schema.SchemaChange.RebuildType;
import io.migrate.schema.SchemaChange.ReplaceObject;
import io.migrate.schema.SchemaChange.SetRowSecurity;
import io.migrate.schema.SchemaObject;
import io.migrate.schema.Sequence;
import io.migrate.schema.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Renders schema changes as PostgreSQL statements. */
final class PostgresSchemaRenderer {

    private final PostgresDialect dialect;

    PostgresSchemaRenderer(PostgresDialect dialect) {
        this.dialect = dialect;
    }

    private String q(String identifier) {
        return dialect.quote(identifier);
    }

    private String q(String schema, String name) {
        return q(schema) + "." + q(name);
    }

    /** {@code schema.name}, unquoted as the model keeps it, quoted for SQL. */
    private String qualified(String dotted) {
        int dot = dotted.indexOf('.');
        return q(dotted.substring(0, dot), dotted.substring(dot + 1));
    }

    private String table(Table t) {
        return q(t.schema(), t.name());
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    List<String> render(SchemaChange change) {
        if (change instanceof CreateSchema c) {
            return List.of("CREATE SCHEMA " + q(c.name()));
        }
        if (change instanceof DropSchema c) {
            return List.of("DROP SCHEMA " + q(c.name()));
        }
        if (change instanceof CreateTable c) {
            return List.of(createTable(c.created()));
        }
        if (change instanceof DropTable c) {
            return List.of("DROP TABLE " + table(c.dropped()));
        }
        if (change instanceof AddColumn c) {
            return List.of("ALTER TABLE " + table(c.in()) + " ADD COLUMN " + column(c.column()));
        }
        if (change instanceof DropColumn c) {
            return List.of("ALTER TABLE " + table(c.in()) + " DROP COLUMN " + q(c.column().name()));
        }
        if (change instanceof AlterColumn c) {
            return alterColumn(c.in(), c.from(), c.to());
        }
        if (change instanceof AddConstraint c) {
            return List.of("ALTER TABLE " + table(c.in()) + " ADD " + constraint(c.constraint()));
        }
        if (change instanceof DropConstraint c) {
            return List.of("ALTER TABLE " + table(c.in()) + " DROP CONSTRAINT " + q(c.constraint().name()));
        }
        if (change instanceof CreateIndex c) {
            return List.of(c.index().definition());
        }
        if (change instanceof DropIndex c) {
            return List.of("DROP INDEX " + q(c.in().schema(), c.index().name()));
        }
        if (change instanceof SetRowSecurity c) {
            String name = table(c.in());
            return List.of("ALTER TABLE " + name + (c.in().rowSecurity() ? " ENABLE" : " DISABLE") + " ROW LEVEL SECURITY",
                    "ALTER TABLE " + name + (c.in().forceRowSecurity() ? "" : " NO") + " FORCE ROW LEVEL SECURITY");
        }
        if (change instanceof CreateEnum c) {
            return List.of(createEnum(c.created(), c.created().name()));
        }
        if (change instanceof DropEnum c) {
            return List.of("DROP TYPE " + q(c.dropped().schema(), c.dropped().name()));
        }
        if (change instanceof AddEnumValue c) {
            // committed at once, as Prisma writes it: a value added in a transaction cannot be used before it commits
            return List.of("BEGIN", "ALTER TYPE " + q(c.type().schema(), c.type().name()) + " ADD VALUE "
                    + literal(c.value()) + (c.before() == null ? "" : " BEFORE " + literal(c.before())), "COMMIT");
        }
        if (change instanceof RebuildEnum c) {
            return rebuildEnum(c);
        }
        if (change instanceof CreateSequence c) {
            return List.of("CREATE SEQUENCE " + q(c.created().schema(), c.created().name()) + sequenceOptions(c.created()));
        }
        if (change instanceof DropSequence c) {
            return List.of("DROP SEQUENCE IF EXISTS " + q(c.dropped().schema(), c.dropped().name()));
        }
        if (change instanceof AlterSequence c) {
            return alterSequence(c.from(), c.to());
        }
        if (change instanceof CreateObject c) {
            return List.of(create(c.created()));
        }
        if (change instanceof DropObject c) {
            return List.of(drop(c.dropped()));
        }
        if (change instanceof ReplaceObject c) {
            return List.of(create(c.to()));
        }
        if (change instanceof AlterObject c) {
            return alterObject(c.from(), c.to());
        }
        if (change instanceof RebuildType c) {
            return rebuildType(c);
        }
        throw new IllegalArgumentException("unknown change " + change);
    }

    private String createTable(Table t) {
        StringBuilder sql = new StringBuilder("CREATE ").append(t.unlogged() ? "UNLOGGED " : "").append("TABLE ").append(table(t));
        if (t.partitionOf() != null) {
            return sql.append(" PARTITION OF ").append(t.partitionOf()).toString();
        }
        List<String> parts = new ArrayList<>();
        t.columns().forEach(c -> parts.add(column(c)));
        t.constraints().stream().filter(c -> c.kind() != Constraint.Kind.FOREIGN_KEY).forEach(c -> parts.add(constraint(c)));
        sql.append(" (\n    ").append(String.join(",\n    ", parts)).append("\n)");
        if (t.partitionBy() != null) {
            sql.append(" PARTITION BY ").append(t.partitionBy());
        }
        return sql.toString();
    }

    private String column(Column c) {
        StringBuilder sql = new StringBuilder(q(c.name())).append(' ').append(c.type());
        if (c.collation() != null) {
            sql.append(" COLLATE ").append(c.collation());
        }
        if (c.generated() != null) {
            sql.append(" GENERATED ALWAYS AS (").append(c.generated()).append(") STORED");
        }
        if (c.identity() != null) {
            sql.append(" GENERATED ").append(generation(c.identity())).append(" AS IDENTITY");
            if (identityOptions(c.identity()) != null) {
                sql.append(" (").append(identityOptions(c.identity())).append(')');
            }
        }
        if (c.defaultValue() != null) {
            sql.append(" DEFAULT ").append(c.defaultValue());
        }
        if (c.notNull()) {
            sql.append(" NOT NULL");
        }
        return sql.toString();
    }

    private String constraint(Constraint c) {
        return "CONSTRAINT " + q(c.name()) + " " + c.definition();
    }

    private List<String> alterColumn(Table t, Column from, Column to) {
        String prefix = "ALTER TABLE " + table(t) + " ALTER COLUMN " + q(to.name()) + " ";
        List<String> sql = new ArrayList<>();
        boolean retyped = !from.type().equals(to.type()) || !Objects.equals(from.collation(), to.collation());
        if (from.identity() != null && to.identity() == null) {
            sql.add(prefix + "DROP IDENTITY");
        }
        if (from.generated() != null && to.generated() == null) {
            sql.add(prefix + "DROP EXPRESSION");
        }
        boolean defaultChanges = !Objects.equals(from.defaultValue(), to.defaultValue()) || retyped && from.defaultValue() != null;
        if (defaultChanges && from.defaultValue() != null) {
            sql.add(prefix + "DROP DEFAULT");
        }
        if (retyped) {
            sql.add(prefix + "TYPE " + to.type() + (to.collation() == null ? "" : " COLLATE " + to.collation())
                    + " USING " + q(to.name()) + "::" + to.type());
        }
        if (defaultChanges && to.defaultValue() != null) {
            sql.add(prefix + "SET DEFAULT " + to.defaultValue());
        }
        if (from.notNull() != to.notNull()) {
            sql.add(prefix + (to.notNull() ? "SET" : "DROP") + " NOT NULL");
        }
        if (to.identity() != null && from.identity() == null) {
            String options = identityOptions(to.identity());
            sql.add(prefix + "ADD GENERATED " + generation(to.identity()) + " AS IDENTITY" + (options == null ? "" : " (" + options + ")"));
        } else if (to.identity() != null) {
            if (!generation(to.identity()).equals(generation(from.identity()))) {
                sql.add(prefix + "SET GENERATED " + generation(to.identity()));
            }
            if (!Objects.equals(identityOptions(from.identity()), identityOptions(to.identity()))) {
                String options = identityOptions(to.identity());
                sql.add(prefix + (options == null ? DEFAULT_IDENTITY : SEQUENCE_OPTION.matcher(options).replaceAll("SET $1").strip()));
            }
        }
        return sql;
    }

    /** What resets an identity's sequence options to the defaults of its type. */
    private static final String DEFAULT_IDENTITY = "SET START WITH 1 SET INCREMENT BY 1 SET NO MINVALUE SET NO MAXVALUE SET CACHE 1"
            + " SET NO CYCLE";
    /** One option of the list the reader writes: {@code START WITH 1 INCREMENT BY 1 ... NO CYCLE}. */
    private static final Pattern SEQUENCE_OPTION = Pattern.compile(
            "((?:START WITH|INCREMENT BY|MINVALUE|MAXVALUE|CACHE) -?\\d+|NO CYCLE|CYCLE)");

    /** {@code ALWAYS} or {@code BY DEFAULT}, from a column's identity. */
    private static String generation(String identity) {
        int paren = identity.indexOf(" (");
        return paren < 0 ? identity : identity.substring(0, paren);
    }

    /** The sequence options of a column's identity, or null when they are the defaults. */
    private static String identityOptions(String identity) {
        int paren = identity.indexOf(" (");
        return paren < 0 ? null : identity.substring(paren + 2, identity.length() - 1);
    }

    private String createEnum(EnumType type, String name) {
        return "CREATE TYPE " + q(type.schema(), name) + " AS ENUM ("
                + type.values().stream().map(PostgresSchemaRenderer::literal).collect(Collectors.joining(", ")) + ")";
    }

    /** The old type is renamed out of the way, the new one made, each column converted through text, the old one dropped. */
    private List<String> rebuildEnum(RebuildEnum c) {
        EnumType to = c.to();
        String old = to.name() + "_old";
        List<String> sql = new ArrayList<>();
        sql.add("ALTER TYPE " + q(to.schema(), to.name()) + " RENAME TO " + q(old));
        sql.add(createEnum(to, to.name()));
        for (ColumnUse use : c.uses()) {
            String prefix = "ALTER TABLE " + table(use.table()) + " ALTER COLUMN " + q(use.column().name()) + " ";
            String type = use.column().type();
            boolean array = type.endsWith("[]");
            if (use.column().defaultValue() != null) {
                sql.add(prefix + "DROP DEFAULT");
            }
            sql.add(prefix + "TYPE " + type + " USING " + q(use.column().name()) + "::text" + (array ? "[]" : "") + "::" + type);
            if (use.column().defaultValue() != null) {
                sql.add(prefix + "SET DEFAULT " + use.column().defaultValue());
            }
        }
        sql.add("DROP TYPE " + q(to.schema(), old));
        return sql;
    }

    /** A domain's default, NOT NULL and checks; a composite type's attributes; an extension's version. */
    private List<String> alterObject(SchemaObject from, SchemaObject to) {
        List<String> sql = new ArrayList<>();
        String name = q(to.schema(), to.name());
        switch (to.kind()) {
            case DOMAIN -> {
                Column a = from.columns().get(0);
                Column b = to.columns().get(0);
                if (!Objects.equals(a.defaultValue(), b.defaultValue())) {
                    sql.add("ALTER DOMAIN " + name + (b.defaultValue() == null ? " DROP DEFAULT" : " SET DEFAULT " + b.defaultValue()));
                }
                if (a.notNull() != b.notNull()) {
                    sql.add("ALTER DOMAIN " + name + (b.notNull() ? " SET" : " DROP") + " NOT NULL");
                }
                from.constraints().stream().filter(c -> !to.constraints().contains(c))
                        .forEach(c -> sql.add("ALTER DOMAIN " + name + " DROP CONSTRAINT " + q(c.name())));
                to.constraints().stream().filter(c -> !from.constraints().contains(c))
                        .forEach(c -> sql.add("ALTER DOMAIN " + name + " ADD " + constraint(c)));
            }
            case COMPOSITE_TYPE -> {
                List<String> actions = new ArrayList<>();
                from.columns().stream().filter(c -> to.columns().stream().noneMatch(t -> t.name().equals(c.name())))
                        .forEach(c -> actions.add("DROP ATTRIBUTE " + q(c.name())));
                to.columns().stream().filter(c -> from.columns().stream().noneMatch(o -> o.name().equals(c.name())))
                        .forEach(c -> actions.add("ADD ATTRIBUTE " + q(c.name()) + " " + c.type()
                                + (c.collation() == null ? "" : " COLLATE " + c.collation())));
                sql.add("ALTER TYPE " + name + " " + String.join(", ", actions));
            }
            case EXTENSION -> sql.add("ALTER EXTENSION " + q(to.name()) + " UPDATE TO "
                    + to.definition().substring(to.definition().lastIndexOf(" VERSION ") + " VERSION ".length()));
            default -> throw new IllegalArgumentException("cannot alter " + to.kind() + " in place");
        }
        return sql;
    }

    /**
     * The old type is renamed out of the way, the new one made, each column converted to it (a composite
     * value attribute by attribute, by name; an array of composites through text), the old one dropped.
     */
    private List<String> rebuildType(RebuildType c) {
        SchemaObject to = c.to();
        boolean domain = to.kind() == SchemaObject.Kind.DOMAIN;
        String old = to.name() + "_old";
        List<String> sql = new ArrayList<>();
        sql.add("ALTER " + (domain ? "DOMAIN " : "TYPE ") + q(to.schema(), to.name()) + " RENAME TO " + q(old));
        sql.add(create(to));
        for (ColumnUse use : c.uses()) {
            String prefix = "ALTER TABLE " + table(use.table()) + " ALTER COLUMN " + q(use.column().name()) + " ";
            String type = use.column().type();
            if (use.column().defaultValue() != null) {
                sql.add(prefix + "DROP DEFAULT");
            }
            sql.add(prefix + "TYPE " + type + " USING " + conversion(c, use.column()));
            if (use.column().defaultValue() != null) {
                sql.add(prefix + "SET DEFAULT " + use.column().defaultValue());
            }
        }
        sql.add("DROP " + (domain ? "DOMAIN " : "TYPE ") + q(to.schema(), old));
        return sql;
    }

    private String conversion(RebuildType c, Column column) {
        String value = q(column.name());
        if (c.to().kind() == SchemaObject.Kind.DOMAIN) {
            return value + "::" + column.type();
        }
        if (column.type().endsWith("[]") || c.from().columns().isEmpty()) {
            return value + "::text::" + column.type();
        }
        List<String> fields = new ArrayList<>();
        for (Column attribute : c.to().columns()) {
            boolean kept = c.from().columns().stream().anyMatch(a -> a.name().equals(attribute.name()));
            fields.add((kept ? "(" + value + ")." + q(attribute.name()) : "NULL") + "::" + attribute.type());
        }
        // a NULL composite stays NULL, not a row of NULLs
        return "CASE WHEN " + value + "::text IS NULL THEN NULL ELSE ROW(" + String.join(", ", fields) + ")::"
                + column.type() + " END";
    }

    private static String sequenceOptions(Sequence s) {
        return " AS " + s.type() + " INCREMENT BY " + s.increment() + " MINVALUE " + s.min() + " MAXVALUE " + s.max()
                + " START WITH " + s.start() + " CACHE " + s.cache() + (s.cycle() ? " CYCLE" : " NO CYCLE");
    }

    private List<String> alterSequence(Sequence from, Sequence to) {
        List<String> sql = new ArrayList<>();
        String name = q(to.schema(), to.name());
        if (!SchemaSequences.sameParameters(from, to)) {
            sql.add("ALTER SEQUENCE " + name + sequenceOptions(to));
        }
        if (!Objects.equals(from.ownedBy(), to.ownedBy())) {
            String owner = "NONE";
            if (to.ownedBy() != null) {
                int last = to.ownedBy().lastIndexOf('.');
                owner = qualified(to.ownedBy().substring(0, last)) + "." + q(to.ownedBy().substring(last + 1));
            }
            sql.add("ALTER SEQUENCE " + name + " OWNED BY " + owner);
        }
        return sql;
    }

    private String routine(SchemaObject o) {
        int paren = o.name().indexOf('(');
        return q(o.schema(), o.name().substring(0, paren)) + o.name().substring(paren);
    }

    private String create(SchemaObject o) {
        return switch (o.kind()) {
            case EXTENSION -> "CREATE EXTENSION IF NOT EXISTS " + q(o.name()) + " " + o.definition();
            case DOMAIN, COMPOSITE_TYPE, FUNCTION, PROCEDURE, TRIGGER, POLICY, MATERIALIZED_VIEW_INDEX -> o.definition();
            case VIEW -> "CREATE VIEW " + q(o.schema(), o.name()) + " AS\n" + o.definition();
            case MATERIALIZED_VIEW -> "CREATE MATERIALIZED VIEW " + q(o.schema(), o.name()) + " AS\n" + o.definition();
            case COMMENT -> "COMMENT ON " + o.name() + " IS " + literal(o.definition());
        };
    }

    private String drop(SchemaObject o) {
        return switch (o.kind()) {
            case EXTENSION -> "DROP EXTENSION " + q(o.name());
            case DOMAIN -> "DROP DOMAIN " + q(o.schema(), o.name());
            case COMPOSITE_TYPE -> "DROP TYPE " + q(o.schema(), o.name());
            case FUNCTION -> "DROP FUNCTION " + routine(o);
            case PROCEDURE -> "DROP PROCEDURE " + routine(o);
            case VIEW -> "DROP VIEW " + q(o.schema(), o.name());
            case MATERIALIZED_VIEW -> "DROP MATERIALIZED VIEW " + q(o.schema(), o.name());
            case TRIGGER -> "DROP TRIGGER " + q(o.name()) + " ON " + qualified(o.table());
            case POLICY -> "DROP POLICY " + q(o.name()) + " ON " + qualified(o.table());
            case MATERIALIZED_VIEW_INDEX -> "DROP INDEX " + q(o.schema(), o.name());
            case COMMENT -> "COMMENT ON " + o.name() + " IS NULL";
        };
    }

    /** Whether a script creates or replaces routines, whose bodies may use what the script creates later. */
    static boolean createsRoutines(List<SchemaChange> changes) {
        return changes.stream().anyMatch(c -> c instanceof CreateObject o && isRoutine(o.created())
                || c instanceof ReplaceObject r && isRoutine(r.to()));
    }

    private static boolean isRoutine(SchemaObject o) {
        return o.kind() == SchemaObject.Kind.FUNCTION || o.kind() == SchemaObject.Kind.PROCEDURE;
    }

    /** Sequence parameters apart from the owner. */
    private static final class SchemaSequences {
        static boolean sameParameters(Sequence a, Sequence b) {
            return a.type().equals(b.type()) && a.start() == b.start() && a.increment() == b.increment() && a.min() == b.min()
                    && a.max() == b.max() && a.cache() == b.cache() && a.cycle() == b.cycle();
        }
    }
}
