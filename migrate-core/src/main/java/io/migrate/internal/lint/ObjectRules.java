package io.migrate.internal.lint;

import io.migrate.spi.LintSupport.Catalog;
import io.migrate.spi.LintSupport.Constraint;
import io.migrate.spi.LintSupport.ConstraintType;
import io.migrate.spi.LintSupport.Kind;
import io.migrate.spi.LintSupport.Named;
import io.migrate.spi.LintSupport.Relation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rules that compare the catalog before and after one statement for what the application version still
 * running during a rolling deploy names or relies on: an object that existed before the linted migrations
 * and is gone, renamed, moved to another schema, or changed. Objects that go with their table or column
 * are left to the rules of the table or column.
 */
final class ObjectRules {

    private static final Set<ConstraintType> NAMED_CONSTRAINTS = Set.of(ConstraintType.PRIMARY_KEY, ConstraintType.UNIQUE,
            ConstraintType.FOREIGN_KEY, ConstraintType.CHECK, ConstraintType.EXCLUSION);

    private static final String BREAKS = ": the application version still running during the deploy";

    private final Scope scope;
    /** The kind and name of what each drop-object finding of this migration dropped. */
    private final Map<Draft, String> drops = new IdentityHashMap<>();

    ObjectRules(Scope scope) {
        this.scope = scope;
    }

    /** Whether the finding is a drop of an object, which the migration may create again under the same name. */
    boolean dropped(Draft draft) {
        return drops.containsKey(draft);
    }

    /** Whether an object of the kind and name that {@code draft} dropped exists in {@code last}. */
    boolean recreated(Draft draft, Catalog last) {
        String what = drops.get(draft);
        return last.objects().values().stream().anyMatch(o -> what.equals(o.kind() + " " + o.name()))
                || last.constraints().values().stream().anyMatch(c -> what.equals("constraint " + named(c)));
    }

    List<Draft> check(Sql sql, Catalog before, Catalog after) {
        List<Draft> found = new ArrayList<>();
        Set<String> present = present(after);
        Set<String> goneSchemas = new HashSet<>();
        scope.baseline.objects().forEach((key, o) -> {
            if (o.kind().equals("schema") && before.objects().containsKey(key) && !after.objects().containsKey(key)) {
                goneSchemas.add(o.name());
            }
        });
        for (Map.Entry<String, Named> e : scope.baseline.objects().entrySet()) {
            Named was = before.objects().get(e.getKey());
            Named now = after.objects().get(e.getKey());
            if (was == null || !was.owner().isEmpty() && !present.contains(was.owner())
                    || goneSchemas.contains(schemaOf(was)) && !was.kind().equals("schema")) {
                continue;
            }
            if (now == null) {
                found.add(dropped(was.kind(), was.name()));
            } else if (!now.name().equals(was.name())) {
                found.add(renamed(was.kind(), was.name(), now.name()));
            } else if (!was.definition().isEmpty() && !now.definition().equals(was.definition())) {
                String where = scope.display(was.name());
                found.add(new Draft(Rule.ALTER_OBJECT, where, "changes " + was.kind() + " of " + where + " from "
                        + was.definition() + " to " + (now.definition().isEmpty() ? "none" : now.definition())
                        + BREAKS + " relies on the old one",
                        "Expand/contract: add a new column with the new " + was.kind() + ", write both from the"
                                + " application, backfill, switch reads, then drop " + where + " in a later migration"));
            }
        }
        tablesMoved(before, after, found);
        if (sql.matches("\\bdrop constraint\\b|\\brename constraint\\b")) {
            constraints(before, after, present, found);
        }
        return found;
    }

    private Draft dropped(String kind, String name) {
        String shown = scope.display(name);
        Draft draft = new Draft(Rule.DROP_OBJECT, shown, "drops " + kind + " " + shown + BREAKS + " fails or misbehaves where"
                + " it still uses it", "Expand/contract: release an application version that no longer uses " + kind + " "
                + shown + ", then drop it in a later migration");
        drops.put(draft, kind + " " + name);
        return draft;
    }

    private Draft renamed(String kind, String from, String to) {
        String shown = scope.display(from);
        boolean moved = last(from).equals(last(to));
        String schema = schemaOf(new Named(kind, to, "", ""));
        String what = moved ? "moves " + kind + " " + shown + " to schema " + schema : "renames " + kind + " " + shown
                + " to " + last(to);
        return new Draft(Rule.RENAME_OBJECT, shown, what + BREAKS + " fails on the old name",
                "Expand/contract: create the " + kind + (moved ? " in schema " + schema : " under its new name")
                        + " beside the old one (for a table, a view over it), release an application version that uses"
                        + " the new name, then drop " + shown + " in a later migration");
    }

    /** {@code ALTER TABLE ... SET SCHEMA}: a rename of the table's qualified name; plain renames are rename-table's. */
    private void tablesMoved(Catalog before, Catalog after, List<Draft> found) {
        for (Map.Entry<Long, Relation> e : scope.baseline.relations().entrySet()) {
            Relation was = before.relations().get(e.getKey());
            Relation now = after.relations().get(e.getKey());
            if (was != null && now != null && was.kind() == Kind.TABLE && !was.name().equals(now.name())
                    && last(was.name()).equals(last(now.name()))) {
                found.add(renamed("table", was.name(), now.name()));
            }
        }
    }

    private void constraints(Catalog before, Catalog after, Set<String> present, List<Draft> found) {
        Set<String> baseline = scope.baseline.constraints().values().stream().map(ObjectRules::named)
                .collect(Collectors.toSet());
        Set<String> remaining = after.constraints().values().stream().map(ObjectRules::named).collect(Collectors.toSet());
        for (Map.Entry<Long, Constraint> e : before.constraints().entrySet()) {
            Constraint was = e.getValue();
            if (!NAMED_CONSTRAINTS.contains(was.type()) || !baseline.contains(named(was)) || !present.contains(was.table())) {
                continue;
            }
            Constraint now = after.constraints().get(e.getKey());
            if (now != null && !now.name().equals(was.name())) {
                found.add(renamed("constraint", named(was), named(now)));
            } else if (now == null && !remaining.contains(named(was))) {
                found.add(dropped("constraint", named(was)));
            }
        }
    }

    /** The tables, columns and objects that exist after the statement, by the names owners are given with. */
    private static Set<String> present(Catalog after) {
        Set<String> present = new HashSet<>(after.columns());
        after.relations().values().forEach(r -> present.add(r.name()));
        after.objects().values().forEach(o -> present.add(o.name()));
        return present;
    }

    private static String named(Constraint c) {
        return c.table() + "." + c.name();
    }

    /** The name without schema or table; a function's keeps its arguments. */
    private static String last(String name) {
        String bare = name.replaceFirst("\\(.*$", "");
        return bare.substring(bare.lastIndexOf('.') + 1) + name.substring(bare.length());
    }

    private static String schemaOf(Named o) {
        String bare = o.name().replaceFirst("\\(.*$", "");
        int dot = bare.indexOf('.');
        return dot < 0 ? "" : bare.substring(0, dot);
    }
}
