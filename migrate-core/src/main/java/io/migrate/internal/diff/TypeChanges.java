package io.migrate.internal.diff;

import io.migrate.internal.diff.SchemaDiffer.TablePair;
import io.migrate.schema.Column;
import io.migrate.schema.SchemaChange;
import io.migrate.schema.SchemaChange.ColumnUse;
import io.migrate.schema.SchemaObject;
import io.migrate.schema.SchemaObject.Kind;
import io.migrate.schema.SchemaSnapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Domains and composite types that changed. Columns may use them, so they are never dropped and created
 * again: they change in place where the database allows it (a domain's default, {@code NOT NULL} and
 * checks; attributes dropped, or added after the others), else a new type replaces them and the columns
 * are converted to it.
 */
final class TypeChanges {

    private final List<SchemaChange> domainSteps = new ArrayList<>();
    private final List<SchemaChange> compositeSteps = new ArrayList<>();

    TypeChanges(SchemaSnapshot from, SchemaSnapshot to, List<TablePair> kept, Set<String> gone, Set<String> reshaped,
                List<String> warnings) {
        Map<String, SchemaObject> after = SchemaDiffer.byName(to.objects(), SchemaObject::key);
        for (SchemaObject old : from.objects()) {
            SchemaObject target = after.get(old.key());
            if (old.kind() != Kind.DOMAIN && old.kind() != Kind.COMPOSITE_TYPE || target == null || target.equals(old)) {
                continue;
            }
            boolean domain = old.kind() == Kind.DOMAIN;
            List<ColumnUse> uses = uses(old, kept, gone);
            String what = (domain ? "domain" : "composite type") + " \"" + target.qualifiedName() + "\"";
            if (domain ? sameBase(old, target) : extendsInPlace(old, target)) {
                (domain ? domainSteps : compositeSteps).add(new SchemaChange.AlterObject(old, target));
                if (domain && (!old.columns().get(0).notNull() && target.columns().get(0).notNull()
                        || !old.constraints().containsAll(target.constraints())) && !uses.isEmpty()) {
                    warnings.add("The " + what + " gets new checks or NOT NULL: the script fails if a column of that type"
                            + " holds values that break them.");
                }
                if (!domain) {
                    uses.forEach(u -> reshaped.add(u.table().qualifiedName()));
                }
            } else {
                (domain ? domainSteps : compositeSteps).add(new SchemaChange.RebuildType(old, target, uses));
                gone.add(old.qualifiedName());
                uses.forEach(u -> reshaped.add(u.table().qualifiedName()));
                warnings.add("The " + what + " is created again because its " + (domain ? "base type" : "attributes' types or order")
                        + " changed" + (uses.isEmpty() ? "." : ", and its columns are converted: the script fails if a value"
                        + " does not convert."));
            }
        }
    }

    /** Domain changes, before the composite types that may use the domains. */
    List<SchemaChange> domainSteps() {
        return domainSteps;
    }

    List<SchemaChange> compositeSteps() {
        return compositeSteps;
    }

    /** Whether two domains have the same base type and collation, all that a domain cannot change in place. */
    private static boolean sameBase(SchemaObject a, SchemaObject b) {
        if (a.columns().isEmpty() || b.columns().isEmpty()) {
            return false;
        }
        Column x = a.columns().get(0);
        Column y = b.columns().get(0);
        return x.type().equals(y.type()) && Objects.equals(x.collation(), y.collation());
    }

    /**
     * Whether {@code b} is {@code a} with attributes dropped and others added after the rest, the kept ones
     * unchanged: what dropping and adding attributes in place makes.
     */
    private static boolean extendsInPlace(SchemaObject a, SchemaObject b) {
        if (a.columns().isEmpty() || b.columns().isEmpty()) {
            return false;
        }
        List<Column> kept = a.columns().stream().filter(c -> b.columns().stream().anyMatch(t -> t.name().equals(c.name()))).toList();
        if (!b.columns().subList(0, kept.size()).equals(kept)) {
            return false;
        }
        return b.columns().subList(kept.size(), b.columns().size()).stream()
                .noneMatch(c -> a.columns().stream().anyMatch(o -> o.name().equals(c.name())));
    }

    /** The columns of tables that stay whose type is {@code type} or an array of it, as they are before the change. */
    private static List<ColumnUse> uses(SchemaObject type, List<TablePair> kept, Set<String> gone) {
        List<ColumnUse> uses = new ArrayList<>();
        for (TablePair pair : kept) {
            for (Column c : pair.from.columns()) {
                if (SchemaDiffer.usesType(c.type(), type.schema(), type.name()) && pair.to.column(c.name()).isPresent()
                        && !gone.contains(pair.to.qualifiedName() + "." + c.name())) {
                    uses.add(new ColumnUse(pair.to, c));
                }
            }
        }
        return uses;
    }
}
