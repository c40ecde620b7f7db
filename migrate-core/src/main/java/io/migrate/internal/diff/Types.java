package io.migrate.internal.diff;

import io.migrate.internal.diff.SchemaDiffer.TablePair;
import io.migrate.schema.Column;
import io.migrate.schema.EnumType;
import io.migrate.schema.SchemaChange;
import io.migrate.schema.SchemaChange.ColumnUse;
import io.migrate.schema.SchemaSnapshot;
import io.migrate.schema.Sequence;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Enums and sequences. A value added to an enum goes in place at its position; a value removed or
 * moved needs a new type, to which the columns are converted through text.
 */
final class Types {

    private final SchemaSnapshot from;
    private final SchemaSnapshot to;
    private final List<SchemaChange> enumSteps = new ArrayList<>();
    private final Set<String> rebuiltEnums = new HashSet<>();

    Types(SchemaSnapshot from, SchemaSnapshot to, List<TablePair> kept, Set<String> gone, Set<String> reshaped,
          List<String> warnings) {
        this.from = from;
        this.to = to;
        Map<String, EnumType> before = SchemaDiffer.byName(from.enums(), EnumType::qualifiedName);
        for (EnumType target : to.enums()) {
            EnumType old = before.get(target.qualifiedName());
            if (old == null) {
                enumSteps.add(new SchemaChange.CreateEnum(target));
            } else if (!old.values().equals(target.values())) {
                if (isInsertionOnly(old.values(), target.values())) {
                    // from the last value to the first, so that the value each goes before exists already
                    List<String> values = target.values();
                    for (int i = values.size() - 1; i >= 0; i--) {
                        if (!old.values().contains(values.get(i))) {
                            enumSteps.add(new SchemaChange.AddEnumValue(target, values.get(i),
                                    i + 1 < values.size() ? values.get(i + 1) : null));
                        }
                    }
                } else {
                    rebuild(old, target, kept, gone, reshaped, warnings);
                }
            }
        }
    }

    /** Whether {@code after} is {@code before} with values inserted, none removed or moved. */
    static boolean isInsertionOnly(List<String> before, List<String> after) {
        int next = 0;
        for (String value : after) {
            if (next < before.size() && before.get(next).equals(value)) {
                next++;
            } else if (before.contains(value)) {
                return false;
            }
        }
        return next == before.size();
    }

    private void rebuild(EnumType old, EnumType target, List<TablePair> kept, Set<String> gone, Set<String> reshaped,
                         List<String> warnings) {
        List<ColumnUse> uses = new ArrayList<>();
        for (TablePair pair : kept) {
            for (Column c : pair.from.columns()) {
                if (SchemaDiffer.usesType(c.type(), old) && pair.to.column(c.name()).isPresent()
                        && !gone.contains(pair.to.qualifiedName() + "." + c.name())) {
                    uses.add(new ColumnUse(pair.to, c));
                    reshaped.add(pair.to.qualifiedName());
                }
            }
        }
        List<String> removed = old.values().stream().filter(v -> !target.values().contains(v)).toList();
        warnings.add("The enum \"" + target.qualifiedName() + "\" is created again because values were "
                + (removed.isEmpty() ? "reordered" : "removed (" + String.join(", ", removed) + ")")
                + ", and its columns are converted: the script fails if a column holds a removed value.");
        enumSteps.add(new SchemaChange.RebuildEnum(old, target, uses));
        rebuiltEnums.add(target.qualifiedName());
        gone.add(target.qualifiedName());
    }

    Set<String> rebuiltEnums() {
        return rebuiltEnums;
    }

    List<SchemaChange> enumSteps() {
        return enumSteps;
    }

    List<SchemaChange> dropEnums() {
        Set<String> kept = new HashSet<>(to.enums().stream().map(EnumType::qualifiedName).toList());
        return from.enums().stream().filter(e -> !kept.contains(e.qualifiedName()))
                .map(e -> (SchemaChange) new SchemaChange.DropEnum(e)).toList();
    }

    List<SchemaChange> createSequences() {
        Set<String> existing = new HashSet<>(from.sequences().stream().map(Sequence::qualifiedName).toList());
        return to.sequences().stream().filter(s -> !existing.contains(s.qualifiedName()))
                .map(s -> (SchemaChange) new SchemaChange.CreateSequence(SchemaDiffer.unowned(s))).toList();
    }

    /** New sequences get their owner, and changed ones their parameters, once the owning columns exist. */
    List<SchemaChange> alterSequences() {
        Map<String, Sequence> before = SchemaDiffer.byName(from.sequences(), Sequence::qualifiedName);
        List<SchemaChange> steps = new ArrayList<>();
        for (Sequence s : to.sequences()) {
            Sequence old = before.get(s.qualifiedName());
            if (old == null && s.ownedBy() != null) {
                steps.add(new SchemaChange.AlterSequence(SchemaDiffer.unowned(s), s));
            } else if (old != null && !old.equals(s)) {
                steps.add(new SchemaChange.AlterSequence(old, s));
            }
        }
        return steps;
    }

    List<SchemaChange> dropSequences() {
        Set<String> kept = new HashSet<>(to.sequences().stream().map(Sequence::qualifiedName).toList());
        return from.sequences().stream().filter(s -> !kept.contains(s.qualifiedName()))
                .map(s -> (SchemaChange) new SchemaChange.DropSequence(s)).toList();
    }
}
