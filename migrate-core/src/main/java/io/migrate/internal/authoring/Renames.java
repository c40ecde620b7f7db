package io.migrate.internal.authoring;

import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;
import io.migrate.schema.Column;
import io.migrate.schema.Constraint;
import io.migrate.schema.Index;
import io.migrate.schema.SchemaObject;
import io.migrate.schema.SchemaSnapshot;
import io.migrate.schema.Table;
import io.migrate.spi.SchemaSupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The renames a push was told of. Each becomes a {@code RENAME} statement run first, and is applied to
 * the live snapshot before the diff, so the diff sees the renamed object and keeps its data. A rename
 * already done (the old name gone, the new one there) is skipped, so pushing twice changes nothing.
 */
final class Renames {

    private final Map<String, String> renames;
    private final String currentSchema;
    private final SchemaSupport support;

    Renames(Map<String, String> renames, String currentSchema, SchemaSupport support) {
        this.renames = new TreeMap<>(renames);
        this.currentSchema = currentSchema;
        this.support = support;
    }

    SchemaSnapshot apply(SchemaSnapshot live, Scope scope, java.util.Set<String> fromMigrations, List<String> statements) {
        SchemaSnapshot result = live;
        for (Map.Entry<String, String> rename : renames.entrySet()) {
            String[] from = rename.getKey().split("\\.");
            String[] to = rename.getValue().split("\\.");
            Optional<Table> asTable = table(result, from);
            if (from.length <= 2 && asTable.isPresent()) {
                Table t = asTable.get();
                String newName = to[to.length - 1];
                check(scope, fromMigrations, t, rename);
                statements.add(support.renameTable(t.schema(), t.name(), newName));
                result = renameTable(result, t, newName);
                continue;
            }
            if (from.length >= 2) {
                String[] tableName = java.util.Arrays.copyOf(from, from.length - 1);
                Optional<Table> owner = table(result, tableName);
                String column = from[from.length - 1];
                String newName = to[to.length - 1];
                if (owner.isPresent() && owner.get().column(column).isPresent()) {
                    check(scope, fromMigrations, owner.get(), rename);
                    statements.add(support.renameColumn(owner.get().schema(), owner.get().name(), column, newName));
                    result = renameColumn(result, owner.get(), column, newName);
                    continue;
                }
                if (owner.isPresent() && owner.get().column(newName).isPresent()) {
                    continue;
                }
            }
            if (table(result, to).isEmpty() && !(from.length >= 2 && table(result, java.util.Arrays.copyOf(to, to.length - 1)).isPresent())) {
                throw new MigrationException(ErrorCode.INVALID_CONFIGURATION, "renames = '" + rename.getKey() + "' -> '"
                        + rename.getValue() + "': the database has neither " + rename.getKey() + " nor " + rename.getValue()
                        + ". Name a table (table or schema.table) or a column (table.column or schema.table.column)");
            }
        }
        return result;
    }

    private void check(Scope scope, java.util.Set<String> fromMigrations, Table t, Map.Entry<String, String> rename) {
        if (!scope.contains(t)) {
            throw new MigrationException(ErrorCode.PUSH_PROTECTED_OBJECT, "Push refused: renames names "
                    + rename.getKey() + ", but table " + t.qualifiedName() + " is outside the push scope. Widen pushScope(...)"
                    + " or drop the rename");
        }
        if (fromMigrations.contains(Scope.id(t))) {
            throw Push.protectedObjects(List.of(Scope.id(t) + " (renames " + rename.getKey() + ")"));
        }
    }

    private Optional<Table> table(SchemaSnapshot s, String[] name) {
        if (name.length == 1) {
            return s.table(currentSchema, name[0]);
        }
        if (name.length == 2) {
            return s.table(name[0], name[1]).or(() -> Optional.empty());
        }
        return Optional.empty();
    }

    private static SchemaSnapshot renameTable(SchemaSnapshot s, Table t, String newName) {
        String oldQualified = t.qualifiedName();
        String newQualified = t.schema() + "." + newName;
        Table renamed = new Table(t.schema(), newName, t.unlogged(), t.partitionBy(), t.partitionOf(), t.columns(),
                t.constraints(), t.indexes().stream().map(i -> new Index(i.name(), replace(i.definition(), t.name(), newName))).toList(),
                t.rowSecurity(), t.forceRowSecurity());
        List<Table> tables = new ArrayList<>(s.tables());
        tables.set(tables.indexOf(t), renamed);
        List<SchemaObject> objects = s.objects().stream().map(o -> oldQualified.equals(o.table())
                ? new SchemaObject(o.kind(), o.schema(), o.name(), newQualified, o.definition(), o.dependsOn()) : o).toList();
        return s.withTables(tables).withObjects(objects);
    }

    private static SchemaSnapshot renameColumn(SchemaSnapshot s, Table t, String column, String newName) {
        List<Column> columns = t.columns().stream().map(c -> c.name().equals(column)
                ? new Column(newName, c.type(), c.collation(), c.defaultValue(), c.identity(), c.generated(), c.notNull()) : c).toList();
        List<Constraint> constraints = t.constraints().stream().map(c -> new Constraint(c.name(), c.kind(),
                replace(c.definition(), column, newName), c.references())).toList();
        List<Index> indexes = t.indexes().stream().map(i -> new Index(i.name(), replace(i.definition(), column, newName))).toList();
        List<Table> tables = new ArrayList<>(s.tables());
        tables.set(tables.indexOf(t), t.withColumns(columns).withConstraints(constraints).withIndexes(indexes));
        return s.withTables(tables);
    }

    /** The name as a whole word, bare or quoted: what the catalog prints after the rename. */
    private static String replace(String text, String from, String to) {
        if (text == null) {
            return null;
        }
        String quotedTo = to.matches("[a-z_][a-z0-9_]*") ? to : '"' + to + '"';
        return text.replaceAll("(?<![A-Za-z0-9_$\"])" + Pattern.quote(from) + "(?![A-Za-z0-9_$\"])", Matcher.quoteReplacement(quotedTo))
                .replace('"' + from + '"', quotedTo);
    }
}
