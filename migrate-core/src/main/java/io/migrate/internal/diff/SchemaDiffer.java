package io.migrate.internal.diff;

import io.migrate.schema.Column;
import io.migrate.schema.Constraint;
import io.migrate.schema.EnumType;
import io.migrate.schema.Index;
import io.migrate.schema.SchemaChange;
import io.migrate.schema.SchemaChange.AddColumn;
import io.migrate.schema.SchemaChange.AddConstraint;
import io.migrate.schema.SchemaChange.AlterColumn;
import io.migrate.schema.SchemaChange.CreateIndex;
import io.migrate.schema.SchemaChange.DropColumn;
import io.migrate.schema.SchemaChange.DropConstraint;
import io.migrate.schema.SchemaChange.DropIndex;
import io.migrate.schema.SchemaObject;
import io.migrate.schema.SchemaObject.Kind;
import io.migrate.schema.SchemaSnapshot;
import io.migrate.schema.Sequence;
import io.migrate.schema.Table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The steps that turn one snapshot into another, in an order the database accepts: what depends on
 * an object goes before it when dropping and after it when creating. Renames are never guessed.
 *
 * <p>The script runs in phases: triggers, policies, indexes of materialized views and affected views are
 * dropped first, then routines that cannot be replaced in place, foreign keys (all of them that point at
 * something about to change), other constraints, indexes, columns and tables; then extensions are
 * updated, types changed or created, sequences, routines and tables created, columns added and
 * altered, constraints and foreign keys added; removed types and routines are dropped only after the
 * columns that used them changed; views, triggers, policies and comments come last.
 */
public final class SchemaDiffer {

    /** The ordered steps and the warnings about them. */
    public record Result(List<SchemaChange> changes, List<String> warnings) {
        public Result {
            changes = List.copyOf(changes);
            warnings = List.copyOf(warnings);
        }
    }

    private final SchemaSnapshot from;
    private final SchemaSnapshot to;
    private final List<String> warnings = new ArrayList<>();
    /** Parents (qualified names) that this script drops, so what hangs on them goes with them and must be made again. */
    private final Set<String> gone = new HashSet<>();
    /** Tables whose columns change in ways a view reading them cannot survive. */
    private final Set<String> reshaped = new HashSet<>();

    /** Whether a column's type can change in place, as the dialect says. */
    private final BiPredicate<String, String> convertible;
    /** Whether a routine can be replaced in place, as the dialect says. */
    private final BiPredicate<SchemaObject, SchemaObject> replaceable;

    private SchemaDiffer(SchemaSnapshot from, SchemaSnapshot to, BiPredicate<String, String> convertible,
                         BiPredicate<SchemaObject, SchemaObject> replaceable) {
        this.from = from;
        this.to = to;
        this.convertible = convertible;
        this.replaceable = replaceable;
    }

    /** The steps from {@code from} to {@code to}, any type change and routine replacement made in place; empty when they are the same. */
    public static Result diff(SchemaSnapshot from, SchemaSnapshot to) {
        return diff(from, to, (a, b) -> true, (a, b) -> true);
    }

    /**
     * The steps from {@code from} to {@code to}; a column whose type cannot change in place
     * ({@code convertible} says no) is dropped and added again, a routine that cannot be replaced in
     * place ({@code replaceable} says no) is dropped and created again.
     */
    public static Result diff(SchemaSnapshot from, SchemaSnapshot to, BiPredicate<String, String> convertible,
                              BiPredicate<SchemaObject, SchemaObject> replaceable) {
        return new SchemaDiffer(Objects.requireNonNull(from), Objects.requireNonNull(to), convertible, replaceable).run();
    }

    private Result run() {
        Map<String, Table> fromTables = byName(from.tables(), Table::qualifiedName);
        Map<String, Table> toTables = byName(to.tables(), Table::qualifiedName);
        Set<String> rebuiltTables = new HashSet<>();
        for (Table t : from.tables()) {
            Table target = toTables.get(t.qualifiedName());
            if (target != null && (t.unlogged() != target.unlogged() || !Objects.equals(t.partitionBy(), target.partitionBy())
                    || !Objects.equals(t.partitionOf(), target.partitionOf()))) {
                rebuiltTables.add(t.qualifiedName());
                warnings.add("The table \"" + t.qualifiedName() + "\" is dropped and created again because its"
                        + " partitioning or logging changed: all the data it holds will be lost.");
            }
        }
        List<Table> dropped = from.tables().stream().filter(t -> !toTables.containsKey(t.qualifiedName())
                || rebuiltTables.contains(t.qualifiedName())).toList();
        List<Table> created = to.tables().stream().filter(t -> !fromTables.containsKey(t.qualifiedName())
                || rebuiltTables.contains(t.qualifiedName())).toList();
        for (Table t : dropped) {
            gone.add(t.qualifiedName());
            t.columns().forEach(c -> gone.add(t.qualifiedName() + "." + c.name()));
            reshaped.add(t.qualifiedName());
            if (!rebuiltTables.contains(t.qualifiedName())) {
                warnings.add("The table \"" + t.qualifiedName() + "\" is dropped: all the data it holds will be lost.");
            }
        }
        List<TablePair> kept = new ArrayList<>();
        for (Table t : from.tables()) {
            Table target = toTables.get(t.qualifiedName());
            if (target != null && !rebuiltTables.contains(t.qualifiedName())) {
                kept.add(new TablePair(t, target));
            }
        }
        Set<String> toSchemaNames = new HashSet<>(to.schemas());
        from.schemas().stream().filter(s -> !toSchemaNames.contains(s)).forEach(gone::add);
        Set<String> toEnums = to.enums().stream().map(EnumType::qualifiedName).collect(Collectors.toSet());
        from.enums().stream().filter(e -> !toEnums.contains(e.qualifiedName())).forEach(e -> gone.add(e.qualifiedName()));
        Set<String> toSequences = to.sequences().stream().map(Sequence::qualifiedName).collect(Collectors.toSet());
        from.sequences().stream().filter(q -> !toSequences.contains(q.qualifiedName())).forEach(q -> gone.add(q.qualifiedName()));
        Types types = new Types(from, to, kept, gone, reshaped, warnings);
        TypeChanges typeChanges = new TypeChanges(from, to, kept, gone, reshaped, warnings);
        kept.forEach(pair -> pair.compare(warnings, gone, reshaped, convertible));
        Definitions objects = new Definitions(from, to, gone, reshaped, replaceable, warnings);

        List<SchemaChange> steps = new ArrayList<>();
        steps.addAll(objects.dropTriggersAndPolicies());
        steps.addAll(objects.dropViews());
        steps.addAll(objects.dropRemadeRoutines());
        Set<String> referencedChanging = new HashSet<>(gone);
        kept.forEach(pair -> {
            if (pair.changesKeys()) {
                referencedChanging.add(pair.from.qualifiedName());
            }
        });
        List<SchemaChange> foreignKeysToAdd = new ArrayList<>();
        for (TablePair pair : kept) {
            for (Constraint fk : pair.from.constraints()) {
                if (fk.kind() != Constraint.Kind.FOREIGN_KEY) {
                    continue;
                }
                Constraint target = pair.to.constraints().stream().filter(c -> c.name().equals(fk.name())).findFirst().orElse(null);
                boolean dependsOnChange = fk.references() != null && referencedChanging.contains(fk.references());
                if (target == null || !target.equals(fk) || dependsOnChange) {
                    steps.add(new DropConstraint(pair.to, fk));
                }
                if (target != null && (!target.equals(fk) || dependsOnChange)) {
                    foreignKeysToAdd.add(new AddConstraint(pair.to, target));
                }
            }
            pair.to.constraints().stream().filter(c -> c.kind() == Constraint.Kind.FOREIGN_KEY)
                    .filter(c -> pair.from.constraints().stream().noneMatch(old -> old.name().equals(c.name())))
                    .forEach(c -> foreignKeysToAdd.add(new AddConstraint(pair.to, c)));
        }
        Set<String> droppedNames = dropped.stream().map(Table::qualifiedName).collect(Collectors.toSet());
        for (Table t : dropped) {
            t.constraints().stream().filter(c -> c.kind() == Constraint.Kind.FOREIGN_KEY && c.references() != null
                            && !c.references().equals(t.qualifiedName()) && droppedNames.contains(c.references()))
                    .forEach(c -> steps.add(new DropConstraint(t, c)));
        }
        kept.forEach(pair -> steps.addAll(pair.drops));
        kept.forEach(pair -> steps.addAll(pair.droppedColumns));
        dropped.forEach(t -> steps.add(new SchemaChange.DropTable(t)));

        Set<String> fromSchemas = new HashSet<>(from.schemas());
        to.schemas().stream().filter(s -> !fromSchemas.contains(s)).forEach(s -> steps.add(new SchemaChange.CreateSchema(s)));
        steps.addAll(objects.create(Kind.EXTENSION));
        steps.addAll(objects.alterExtensions());
        steps.addAll(types.enumSteps());
        steps.addAll(typeChanges.domainSteps());
        steps.addAll(objects.create(Kind.DOMAIN));
        steps.addAll(typeChanges.compositeSteps());
        steps.addAll(objects.create(Kind.COMPOSITE_TYPE));
        steps.addAll(types.createSequences());
        steps.addAll(objects.replaceRoutines());
        steps.addAll(objects.create(Kind.FUNCTION));
        steps.addAll(objects.create(Kind.PROCEDURE));
        for (Table t : created) {
            steps.add(new SchemaChange.CreateTable(t));
        }
        kept.forEach(pair -> steps.addAll(pair.columnSteps));
        kept.forEach(pair -> steps.addAll(pair.adds));
        for (Table t : created) {
            t.indexes().forEach(i -> steps.add(new CreateIndex(t, i)));
        }
        for (Table t : created) {
            t.constraints().stream().filter(c -> c.kind() == Constraint.Kind.FOREIGN_KEY)
                    .forEach(c -> steps.add(new AddConstraint(t, c)));
        }
        steps.addAll(foreignKeysToAdd);
        steps.addAll(types.alterSequences());
        steps.addAll(objects.drop(Kind.FUNCTION));
        steps.addAll(objects.drop(Kind.PROCEDURE));
        steps.addAll(types.dropSequences());
        steps.addAll(objects.drop(Kind.COMPOSITE_TYPE));
        steps.addAll(objects.drop(Kind.DOMAIN));
        steps.addAll(types.dropEnums());
        steps.addAll(objects.drop(Kind.EXTENSION));
        Set<String> toSchemas = new HashSet<>(to.schemas());
        from.schemas().stream().filter(s -> !toSchemas.contains(s)).forEach(s -> steps.add(new SchemaChange.DropSchema(s)));
        steps.addAll(objects.createViews());
        steps.addAll(objects.createTriggersAndPolicies());
        for (TablePair pair : kept) {
            if (pair.from.rowSecurity() != pair.to.rowSecurity() || pair.from.forceRowSecurity() != pair.to.forceRowSecurity()) {
                steps.add(new SchemaChange.SetRowSecurity(pair.to));
            }
        }
        for (Table t : created) {
            if (t.rowSecurity() || t.forceRowSecurity()) {
                steps.add(new SchemaChange.SetRowSecurity(t));
            }
        }
        steps.addAll(objects.comments());
        return new Result(steps, warnings);
    }

    static <T> Map<String, T> byName(List<T> items, Function<T, String> key) {
        Map<String, T> map = new LinkedHashMap<>();
        items.forEach(i -> map.put(key.apply(i), i));
        return map;
    }

    /** A table on both sides and the steps between its two versions. */
    static final class TablePair {
        final Table from;
        final Table to;
        final List<SchemaChange> drops = new ArrayList<>();
        final List<SchemaChange> droppedColumns = new ArrayList<>();
        final List<SchemaChange> columnSteps = new ArrayList<>();
        final List<SchemaChange> adds = new ArrayList<>();

        TablePair(Table from, Table to) {
            this.from = from;
            this.to = to;
        }

        /** Whether a primary key or unique constraint that foreign keys may rely on changes, or a column type. */
        boolean changesKeys() {
            return keys(from).equals(keys(to)) ? typesChange() : true;
        }

        private boolean typesChange() {
            for (Column c : from.columns()) {
                Column target = to.column(c.name()).orElse(null);
                if (target == null || !Objects.equals(target.type(), c.type())) {
                    return true;
                }
            }
            return false;
        }

        private static Set<Constraint> keys(Table table) {
            return table.constraints().stream().filter(c -> c.kind() == Constraint.Kind.PRIMARY_KEY
                    || c.kind() == Constraint.Kind.UNIQUE).collect(Collectors.toSet());
        }

        void compare(List<String> warnings, Set<String> gone, Set<String> reshaped, BiPredicate<String, String> convertible) {
            String name = to.qualifiedName();
            for (Constraint c : from.constraints()) {
                Constraint target = find(to.constraints(), c.name());
                if (c.kind() != Constraint.Kind.FOREIGN_KEY && (target == null || !target.equals(c))) {
                    drops.add(new DropConstraint(to, c));
                }
            }
            for (Index i : from.indexes()) {
                Index target = to.indexes().stream().filter(x -> x.name().equals(i.name())).findFirst().orElse(null);
                if (target == null || !target.equals(i)) {
                    drops.add(new DropIndex(to, i));
                }
            }
            Set<String> recreated = new HashSet<>();
            for (Column c : from.columns()) {
                Column target = to.column(c.name()).orElse(null);
                boolean regenerated = target != null && !Objects.equals(c.generated(), target.generated()) && target.generated() != null;
                boolean unconvertible = target != null && !c.type().equals(target.type()) && !convertible.test(c.type(), target.type());
                if (target == null || regenerated || unconvertible) {
                    droppedColumns.add(new DropColumn(to, c));
                    gone.add(name + "." + c.name());
                    reshaped.add(name);
                    if (target != null) {
                        recreated.add(c.name());
                    }
                    if (c.generated() == null) {
                        warnings.add("The column \"" + c.name() + "\" of table \"" + name + "\" is dropped"
                                + (unconvertible ? " and added again because its type " + c.type() + " cannot be converted to "
                                + target.type() : regenerated ? " and added again as a generated column" : "")
                                + ": all the data it holds will be lost.");
                    }
                }
            }
            for (Column c : to.columns()) {
                Column old = from.column(c.name()).orElse(null);
                if (old == null || recreated.contains(c.name())) {
                    columnSteps.add(new AddColumn(to, c));
                    if (c.notNull() && c.defaultValue() == null && c.identity() == null && c.generated() == null) {
                        warnings.add("The required column \"" + c.name() + "\" is added to table \"" + name
                                + "\" without a default: the script fails if the table is not empty.");
                    }
                } else if (!old.equals(c)) {
                    columnSteps.add(new AlterColumn(to, old, c));
                    if (!Objects.equals(old.type(), c.type()) || !Objects.equals(old.collation(), c.collation())) {
                        reshaped.add(name);
                        warnings.add("The type of column \"" + c.name() + "\" of table \"" + name + "\" changes from "
                                + old.type() + " to " + c.type() + ": the script fails if existing values cannot be cast.");
                    }
                    if (c.notNull() && !old.notNull()) {
                        warnings.add("The column \"" + c.name() + "\" of table \"" + name
                                + "\" becomes required: the script fails if it holds NULL values.");
                    }
                }
            }
            for (Constraint c : to.constraints()) {
                Constraint old = find(from.constraints(), c.name());
                if (c.kind() != Constraint.Kind.FOREIGN_KEY && (old == null || !old.equals(c))) {
                    adds.add(new AddConstraint(to, c));
                    if (c.kind() == Constraint.Kind.UNIQUE || c.kind() == Constraint.Kind.PRIMARY_KEY) {
                        warnings.add("A unique constraint \"" + c.name() + "\" is added to table \"" + name
                                + "\": the script fails if existing rows hold duplicates.");
                    }
                }
            }
            for (Index i : to.indexes()) {
                Index old = from.indexes().stream().filter(x -> x.name().equals(i.name())).findFirst().orElse(null);
                if (old == null || !old.equals(i)) {
                    adds.add(new CreateIndex(to, i));
                }
            }
        }

        private static Constraint find(List<Constraint> constraints, String name) {
            return constraints.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
        }
    }

    /** Whether a column of type {@code columnType} (as the database prints it) is of {@code type} or an array of it. */
    static boolean usesType(String columnType, EnumType type) {
        return usesType(columnType, type.schema(), type.name());
    }

    /** Whether a column of type {@code columnType} is of the type {@code schema.name} or an array of it. */
    static boolean usesType(String columnType, String schema, String name) {
        String base = columnType.replace("\"", "");
        while (base.endsWith("[]")) {
            base = base.substring(0, base.length() - 2);
        }
        return base.equals(name) || base.equals(schema + "." + name);
    }

    /** A sequence with no owner, for creating it before the column that will own it exists. */
    static Sequence unowned(Sequence s) {
        return new Sequence(s.schema(), s.name(), s.type(), s.start(), s.increment(), s.min(), s.max(), s.cache(), s.cycle(), null);
    }
}
