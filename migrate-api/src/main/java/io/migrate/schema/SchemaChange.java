package io.migrate.schema;

import java.util.List;
import java.util.Optional;

/**
 * One step of a {@link SchemaDiff}. A dialect renders each as SQL; the summary groups them.
 * Steps never guess renames: a renamed column is a {@link DropColumn} and an {@link AddColumn}.
 */
public sealed interface SchemaChange {

    /** Whether a step adds, removes or changes something, for the summary's {@code [+]}, {@code [-]}, {@code [*]}. */
    enum Action {
        ADD("[+]"), REMOVE("[-]"), CHANGE("[*]");

        private final String mark;

        Action(String mark) {
            this.mark = mark;
        }

        /** {@code [+]}, {@code [-]} or {@code [*]}. */
        public String mark() {
            return mark;
        }
    }

    /** Whether it adds, removes or changes. */
    Action action();

    /** The table a step inside a table belongs to (column, constraint, index, row security); empty otherwise. */
    default Optional<Table> table() {
        return Optional.empty();
    }

    /** For a step inside a table: what it does, e.g. {@code Added column "name"}. For others: the object's kind, plural. */
    String describe();

    /** For a step outside a table: the object's name, as listed in the summary. */
    default String subject() {
        return "";
    }

    /**
     * One line for people: {@code [+] Added column "name"} for a step inside a table,
     * {@code [*] Changed functions: public.greet(text)} for others.
     */
    default String summary() {
        if (table().isPresent()) {
            return action().mark() + " " + describe();
        }
        String verb = switch (action()) {
            case ADD -> "Added ";
            case REMOVE -> "Removed ";
            case CHANGE -> "Changed ";
        };
        return action().mark() + " " + verb + describe() + ": " + subject();
    }

    private static String q(String name) {
        return '"' + name + '"';
    }

    /** Creates a schema. */
    record CreateSchema(String name) implements SchemaChange {
        public Action action() { return Action.ADD; }
        public String describe() { return "schemas"; }
        public String subject() { return name; }
    }

    /** Drops a schema. */
    record DropSchema(String name) implements SchemaChange {
        public Action action() { return Action.REMOVE; }
        public String describe() { return "schemas"; }
        public String subject() { return name; }
    }

    /** Creates a table with its columns and its constraints other than foreign keys (added after, by {@link AddConstraint}). */
    record CreateTable(Table created) implements SchemaChange {
        public Action action() { return Action.ADD; }
        public String describe() { return "tables"; }
        public String subject() { return created.qualifiedName(); }
    }

    /** Drops a table, with its data. */
    record DropTable(Table dropped) implements SchemaChange {
        public Action action() { return Action.REMOVE; }
        public String describe() { return "tables"; }
        public String subject() { return dropped.qualifiedName(); }
    }

    /** Adds a column to an existing table. */
    record AddColumn(Table in, Column column) implements SchemaChange {
        public Action action() { return Action.ADD; }
        public Optional<Table> table() { return Optional.of(in); }
        public String describe() { return "Added column " + q(column.name()); }
    }

    /** Drops a column, with its data. */
    record DropColumn(Table in, Column column) implements SchemaChange {
        public Action action() { return Action.REMOVE; }
        public Optional<Table> table() { return Optional.of(in); }
        public String describe() { return "Removed column " + q(column.name()); }
    }

    /** Changes a column's type, collation, default, identity, generation or nullability. */
    record AlterColumn(Table in, Column from, Column to) implements SchemaChange {
        public Action action() { return Action.CHANGE; }
        public Optional<Table> table() { return Optional.of(in); }

        public String describe() {
            StringBuilder what = new StringBuilder();
            part(what, "type", from.type(), to.type());
            part(what, "collation", from.collation(), to.collation());
            part(what, "default", from.defaultValue(), to.defaultValue());
            part(what, "identity", from.identity(), to.identity());
            part(what, "generated", from.generated(), to.generated());
            if (from.notNull() != to.notNull()) {
                what.append(what.length() == 0 ? "" : ", ").append(to.notNull() ? "made required" : "made optional");
            }
            return "Altered column " + q(to.name()) + " (" + what + ")";
        }

        private static void part(StringBuilder what, String label, String before, String after) {
            if (!java.util.Objects.equals(before, after)) {
                what.append(what.length() == 0 ? "" : ", ").append(label).append(' ')
                        .append(before == null ? "none" : before).append(" -> ").append(after == null ? "none" : after);
            }
        }
    }

    /** Adds a constraint. */
    record AddConstraint(Table in, Constraint constraint) implements SchemaChange {
        public Action action() { return Action.ADD; }
        public Optional<Table> table() { return Optional.of(in); }
        public String describe() { return "Added " + kind(constraint) + " " + q(constraint.name()); }
    }

    /** Drops a constraint. */
    record DropConstraint(Table in, Constraint constraint) implements SchemaChange {
        public Action action() { return Action.REMOVE; }
        public Optional<Table> table() { return Optional.of(in); }
        public String describe() { return "Removed " + kind(constraint) + " " + q(constraint.name()); }
    }

    private static String kind(Constraint constraint) {
        return switch (constraint.kind()) {
            case PRIMARY_KEY -> "primary key";
            case UNIQUE -> "unique constraint";
            case CHECK -> "check constraint";
            case FOREIGN_KEY -> "foreign key";
            case EXCLUSION -> "exclusion constraint";
        };
    }

    /** Creates an index. */
    record CreateIndex(Table in, Index index) implements SchemaChange {
        public Action action() { return Action.ADD; }
        public Optional<Table> table() { return Optional.of(in); }
        public String describe() { return "Added index " + q(index.name()); }
    }

    /** Drops an index. */
    record DropIndex(Table in, Index index) implements SchemaChange {
        public Action action() { return Action.REMOVE; }
        public Optional<Table> table() { return Optional.of(in); }
        public String describe() { return "Removed index " + q(index.name()); }
    }

    /** Enables, disables or forces row-level security as {@code in} says. */
    record SetRowSecurity(Table in) implements SchemaChange {
        public Action action() { return Action.CHANGE; }
        public Optional<Table> table() { return Optional.of(in); }

        public String describe() {
            return "Row-level security " + (in.rowSecurity() ? "enabled" : "disabled") + (in.forceRowSecurity() ? ", forced" : "");
        }
    }

    /** Creates an enum type. */
    record CreateEnum(EnumType created) implements SchemaChange {
        public Action action() { return Action.ADD; }
        public String describe() { return "enums"; }
        public String subject() { return created.qualifiedName(); }
    }

    /** Drops an enum type. */
    record DropEnum(EnumType dropped) implements SchemaChange {
        public Action action() { return Action.REMOVE; }
        public String describe() { return "enums"; }
        public String subject() { return dropped.qualifiedName(); }
    }

    /**
     * Adds a value to an enum in place.
     *
     * @param before the existing value it goes before, or null to append it
     */
    record AddEnumValue(EnumType type, String value, String before) implements SchemaChange {
        public Action action() { return Action.CHANGE; }
        public String describe() { return "enums"; }
        public String subject() { return type.qualifiedName() + " (added value '" + value + "')"; }
    }

    /**
     * Replaces an enum whose values were removed or reordered by a new type, converting the columns
     * that use it through text: fails if a column holds a removed value.
     *
     * @param uses the columns of the target schema whose type is the enum (or an array of it)
     */
    record RebuildEnum(EnumType from, EnumType to, List<ColumnUse> uses) implements SchemaChange {
        public RebuildEnum {
            uses = List.copyOf(uses);
        }

        public Action action() { return Action.CHANGE; }
        public String describe() { return "enums"; }
        public String subject() { return to.qualifiedName() + " (rebuilt: values " + from.values() + " -> " + to.values() + ")"; }
    }

    /**
     * Changes a domain, composite type or extension in place, keeping the columns that use it: a domain's
     * default, {@code NOT NULL} and check constraints, a composite type's attributes, an extension's version.
     */
    record AlterObject(SchemaObject from, SchemaObject to) implements SchemaChange {
        public Action action() { return Action.CHANGE; }
        public String describe() { return to.kind().plural(); }
        public String subject() { return label(to); }
    }

    /**
     * Replaces a domain or composite type that cannot change in place (a domain's base type, a composite
     * type's attribute types or order) by a new type, converting the columns that use it: fails if a
     * value does not convert.
     *
     * @param uses the columns of the target schema whose type is the type (or an array of it)
     */
    record RebuildType(SchemaObject from, SchemaObject to, List<ColumnUse> uses) implements SchemaChange {
        public RebuildType {
            uses = List.copyOf(uses);
        }

        public Action action() { return Action.CHANGE; }
        public String describe() { return to.kind().plural(); }
        public String subject() { return label(to) + " (rebuilt)"; }
    }

    /** A column that uses a type, in a table. */
    record ColumnUse(Table table, Column column) {
    }

    /** Creates a sequence. */
    record CreateSequence(Sequence created) implements SchemaChange {
        public Action action() { return Action.ADD; }
        public String describe() { return "sequences"; }
        public String subject() { return created.qualifiedName(); }
    }

    /** Drops a sequence. */
    record DropSequence(Sequence dropped) implements SchemaChange {
        public Action action() { return Action.REMOVE; }
        public String describe() { return "sequences"; }
        public String subject() { return dropped.qualifiedName(); }
    }

    /** Changes a sequence's parameters or owner. */
    record AlterSequence(Sequence from, Sequence to) implements SchemaChange {
        public Action action() { return Action.CHANGE; }
        public String describe() { return "sequences"; }
        public String subject() { return to.qualifiedName(); }
    }

    /** Creates one of the objects compared by definition. */
    record CreateObject(SchemaObject created) implements SchemaChange {
        public Action action() { return Action.ADD; }
        public String describe() { return created.kind().plural(); }
        public String subject() { return label(created); }
    }

    /** Drops one of the objects compared by definition. */
    record DropObject(SchemaObject dropped) implements SchemaChange {
        public Action action() { return Action.REMOVE; }
        public String describe() { return dropped.kind().plural(); }
        public String subject() { return label(dropped); }
    }

    /** Replaces a function or procedure in place ({@code CREATE OR REPLACE}): same name and arguments, another definition. */
    record ReplaceObject(SchemaObject from, SchemaObject to) implements SchemaChange {
        public Action action() { return Action.CHANGE; }
        public String describe() { return to.kind().plural(); }
        public String subject() { return label(to); }
    }

    private static String label(SchemaObject object) {
        return switch (object.kind()) {
            case COMMENT -> "on " + object.name();
            case EXTENSION -> object.name();
            case TRIGGER, POLICY, MATERIALIZED_VIEW_INDEX -> object.name() + " on " + object.table();
            default -> object.qualifiedName();
        };
    }
}
