package io.migrate.internal.diff;

import io.migrate.schema.SchemaChange;
import io.migrate.schema.SchemaObject;
import io.migrate.schema.SchemaObject.Kind;
import io.migrate.schema.SchemaSnapshot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * The objects compared by their rendered definition. Views that read a table whose columns change, or
 * call a routine that is dropped and created again, are dropped before and created again after;
 * triggers, policies, indexes of materialized views and comments whose parent is dropped go with it
 * and are made again when the target has them.
 */
final class Definitions {

    private static final Set<Kind> VIEWS = Set.of(Kind.VIEW, Kind.MATERIALIZED_VIEW);
    private static final Set<Kind> HANGING = Set.of(Kind.TRIGGER, Kind.POLICY, Kind.MATERIALIZED_VIEW_INDEX);
    private static final Set<Kind> ROUTINES = Set.of(Kind.FUNCTION, Kind.PROCEDURE);

    private final Map<String, SchemaObject> before = new TreeMap<>();
    private final Map<String, SchemaObject> after = new TreeMap<>();
    private final Set<String> gone;
    private final Set<String> droppedViews = new LinkedHashSet<>();
    /** Routines that change in a way the dialect cannot replace in place: dropped first, created again. */
    private final List<SchemaObject> remade = new ArrayList<>();
    private final List<String> warnings;

    Definitions(SchemaSnapshot from, SchemaSnapshot to, Set<String> gone, Set<String> reshaped,
                BiPredicate<SchemaObject, SchemaObject> replaceable, List<String> warnings) {
        from.objects().forEach(o -> before.put(o.key(), o));
        to.objects().forEach(o -> after.put(o.key(), o));
        this.gone = gone;
        this.warnings = warnings;
        for (SchemaObject o : before.values()) {
            if (!after.containsKey(o.key()) && o.kind() != Kind.COMMENT) {
                gone.add(o.qualifiedName());
            }
        }
        for (SchemaObject old : of(before, ROUTINES)) {
            SchemaObject target = after.get(old.key());
            if (target != null && !target.equals(old) && !replaceable.test(old, target)) {
                remade.add(old);
                gone.add(old.qualifiedName());
                warnings.add("The " + old.kind().name().toLowerCase() + " \"" + old.qualifiedName() + "\" is dropped and"
                        + " created again because its result or parameters change in a way that cannot be replaced in place:"
                        + " views that call it are made again; the script fails if a default, constraint, index, trigger or"
                        + " another routine's signature uses it.");
            }
        }
        // a view goes when it changes, when it reads a reshaped table or a remade routine, or when it reads a view that goes
        Set<String> affected = new HashSet<>(reshaped);
        remade.forEach(r -> affected.add(r.qualifiedName()));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (SchemaObject view : of(before, VIEWS)) {
                SchemaObject target = after.get(view.key());
                if (!droppedViews.contains(view.qualifiedName()) && (target == null || !target.equals(view)
                        || view.dependsOn().stream().anyMatch(affected::contains))) {
                    droppedViews.add(view.qualifiedName());
                    affected.add(view.qualifiedName());
                    gone.add(view.qualifiedName());
                    grew = true;
                }
            }
        }
    }

    private static List<SchemaObject> of(Map<String, SchemaObject> objects, Set<Kind> kinds) {
        return objects.values().stream().filter(o -> kinds.contains(o.kind())).toList();
    }

    private List<SchemaObject> dropped(Kind kind) {
        return of(before, Set.of(kind)).stream().filter(o -> !after.containsKey(o.key())).toList();
    }

    private List<SchemaObject> changed(Kind kind) {
        return of(before, Set.of(kind)).stream().filter(o -> after.containsKey(o.key()) && !after.get(o.key()).equals(o)).toList();
    }

    /** Objects of {@code kind} that are new. */
    List<SchemaChange> create(Kind kind) {
        return of(after, Set.of(kind)).stream().filter(o -> !before.containsKey(o.key()))
                .map(o -> (SchemaChange) new SchemaChange.CreateObject(o)).toList();
    }

    /** Objects of {@code kind} that are no more. */
    List<SchemaChange> drop(Kind kind) {
        return dropped(kind).stream().map(o -> (SchemaChange) new SchemaChange.DropObject(o)).toList();
    }

    /** Extensions in the same schema with another definition (version), updated in place. */
    List<SchemaChange> alterExtensions() {
        List<SchemaChange> steps = new ArrayList<>();
        for (SchemaObject old : changed(Kind.EXTENSION)) {
            SchemaObject target = after.get(old.key());
            steps.add(new SchemaChange.AlterObject(old, target));
            warnings.add("The extension \"" + old.name() + "\" changes from " + old.definition() + " to "
                    + target.definition() + ": the script fails if the extension has no update path between them.");
        }
        return steps;
    }

    /** Functions and procedures with the same signature and another definition: replaced in place, or created again after {@link #dropRemadeRoutines}. */
    List<SchemaChange> replaceRoutines() {
        List<SchemaChange> steps = new ArrayList<>();
        for (Kind kind : List.of(Kind.FUNCTION, Kind.PROCEDURE)) {
            for (SchemaObject old : changed(kind)) {
                steps.add(remade.contains(old) ? new SchemaChange.CreateObject(after.get(old.key()))
                        : new SchemaChange.ReplaceObject(old, after.get(old.key())));
            }
        }
        return steps;
    }

    /** Routines that cannot be replaced in place, dropped once the views calling them are. */
    List<SchemaChange> dropRemadeRoutines() {
        return remade.stream().map(r -> (SchemaChange) new SchemaChange.DropObject(r)).toList();
    }

    List<SchemaChange> dropTriggersAndPolicies() {
        List<SchemaChange> steps = new ArrayList<>();
        for (SchemaObject o : of(before, HANGING)) {
            SchemaObject target = after.get(o.key());
            if ((target == null || !target.equals(o)) && !gone.contains(o.table())) {
                steps.add(new SchemaChange.DropObject(o));
            }
        }
        return steps;
    }

    List<SchemaChange> createTriggersAndPolicies() {
        List<SchemaChange> steps = new ArrayList<>();
        for (SchemaObject o : of(after, HANGING)) {
            SchemaObject old = before.get(o.key());
            if (old == null || !old.equals(o) || gone.contains(o.table())) {
                steps.add(new SchemaChange.CreateObject(o));
            }
        }
        return steps;
    }

    /** The affected views, those that read others first (dropping them in the reverse order of creating them). */
    List<SchemaChange> dropViews() {
        List<SchemaObject> order = topological(of(before, VIEWS).stream().filter(v -> droppedViews.contains(v.qualifiedName())).toList());
        Collections.reverse(order);
        return order.stream().map(v -> (SchemaChange) new SchemaChange.DropObject(v)).toList();
    }

    /** The views that are new or were dropped on the way, each after the views it reads. */
    List<SchemaChange> createViews() {
        List<SchemaObject> wanted = of(after, VIEWS).stream()
                .filter(v -> !before.containsKey(v.key()) || droppedViews.contains(v.qualifiedName())).toList();
        return topological(wanted).stream().map(v -> (SchemaChange) new SchemaChange.CreateObject(v)).toList();
    }

    /** Views in an order where each comes after those of the list it reads; ties by name. */
    private static List<SchemaObject> topological(List<SchemaObject> views) {
        Map<String, SchemaObject> pending = new TreeMap<>();
        views.forEach(v -> pending.put(v.qualifiedName(), v));
        List<SchemaObject> order = new ArrayList<>();
        while (!pending.isEmpty()) {
            SchemaObject next = pending.values().stream()
                    .filter(v -> v.dependsOn().stream().noneMatch(d -> pending.containsKey(d) && !d.equals(v.qualifiedName())))
                    .findFirst().orElse(pending.values().iterator().next());
            order.add(next);
            pending.remove(next.qualifiedName());
        }
        return order;
    }

    /** Comments removed from objects that stay, then comments that are new, changed, or on objects made again. */
    List<SchemaChange> comments() {
        List<SchemaChange> steps = new ArrayList<>();
        for (SchemaObject o : of(before, Set.of(Kind.COMMENT))) {
            if (!after.containsKey(o.key()) && !gone.contains(o.table())) {
                steps.add(new SchemaChange.DropObject(o));
            }
        }
        for (SchemaObject o : of(after, Set.of(Kind.COMMENT))) {
            SchemaObject old = before.get(o.key());
            if (old == null || !old.equals(o) || gone.contains(o.table())) {
                steps.add(new SchemaChange.CreateObject(o));
            }
        }
        return steps;
    }
}
