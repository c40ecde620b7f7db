package io.migrate.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What turns one schema ({@link #from()}) into another ({@link #to()}): the changes in the order they
 * must run, the SQL script, and warnings about steps that lose data or may fail.
 *
 * <pre>{@code
 * SchemaDiff d = migrator.diff(SchemaSource.migrations(), SchemaSource.database());
 * System.out.println(d);      // [+] Added tables: public.videos ...
 * String sql = d.script();
 * }</pre>
 */
public final class SchemaDiff {

    private final SchemaSnapshot from;
    private final SchemaSnapshot to;
    private final List<SchemaChange> changes;
    private final List<String> warnings;
    private final List<String> statements;
    private final List<SchemaChange> reverseChanges;
    private final List<String> reverseWarnings;
    private final List<String> reverseStatements;

    /**
     * A diff and its reverse, as the engine computes them.
     *
     * @param changes           the steps from {@code from} to {@code to}, in order
     * @param warnings          warnings about those steps
     * @param statements        the SQL of those steps
     * @param reverseChanges    the steps from {@code to} back to {@code from}
     * @param reverseWarnings   warnings about those
     * @param reverseStatements their SQL
     */
    public SchemaDiff(SchemaSnapshot from, SchemaSnapshot to, List<SchemaChange> changes, List<String> warnings,
                      List<String> statements, List<SchemaChange> reverseChanges, List<String> reverseWarnings,
                      List<String> reverseStatements) {
        this.from = Objects.requireNonNull(from, "from");
        this.to = Objects.requireNonNull(to, "to");
        this.changes = List.copyOf(changes);
        this.warnings = List.copyOf(warnings);
        this.statements = List.copyOf(statements);
        this.reverseChanges = List.copyOf(reverseChanges);
        this.reverseWarnings = List.copyOf(reverseWarnings);
        this.reverseStatements = List.copyOf(reverseStatements);
    }

    /** The schema the script starts from. */
    public SchemaSnapshot from() {
        return from;
    }

    /** The schema the script produces. */
    public SchemaSnapshot to() {
        return to;
    }

    /** Whether the two schemas are the same (objects that are not compared aside). */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** The steps, in the order the script runs them. */
    public List<SchemaChange> changes() {
        return changes;
    }

    /** Steps that lose data (dropped tables and columns) or may fail on existing data (type changes, new NOT NULL). */
    public List<String> warnings() {
        return warnings;
    }

    /** The SQL statements of the script, in order, without terminators. */
    public List<String> statements() {
        return statements;
    }

    /** The SQL that turns {@link #from()} into {@link #to()}: each statement ended by {@code ;} on its own line(s). */
    public String script() {
        if (statements.isEmpty()) {
            return "-- This is an empty migration.\n";
        }
        StringBuilder sql = new StringBuilder();
        for (String warning : warnings) {
            sql.append("-- Warning: ").append(warning.replace("\n", " ")).append('\n');
        }
        if (!warnings.isEmpty()) {
            sql.append('\n');
        }
        for (String statement : statements) {
            sql.append(statement).append(";\n\n");
        }
        return sql.toString().stripTrailing() + "\n";
    }

    /** The diff the other way: from {@link #to()} back to {@link #from()} (a down script). */
    public SchemaDiff reverse() {
        return new SchemaDiff(to, from, reverseChanges, reverseWarnings, reverseStatements, changes, warnings, statements);
    }

    /** Kinds of objects that either side holds but that are not compared, e.g. {@code 2 event triggers}. */
    public List<String> notCompared() {
        List<String> all = new ArrayList<>(from.notCompared());
        to.notCompared().stream().filter(n -> !all.contains(n)).forEach(all::add);
        return List.copyOf(all);
    }

    /**
     * A summary for people, in the manner of {@code prisma migrate diff}:
     * <pre>
     * [+] Added tables: public.videos
     * [*] Changed the "public.users" table
     *   [+] Added column "name"
     *   [-] Removed index "users_email_idx"
     * </pre>
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (changes.isEmpty()) {
            text.append("No difference detected.\n");
        }
        Map<String, List<String>> listed = new LinkedHashMap<>();
        Map<String, List<SchemaChange>> inTables = new LinkedHashMap<>();
        for (SchemaChange change : changes) {
            if (change.table().isPresent()) {
                inTables.computeIfAbsent(change.table().get().qualifiedName(), t -> new ArrayList<>()).add(change);
            } else {
                String verb = switch (change.action()) {
                    case ADD -> "Added ";
                    case REMOVE -> "Removed ";
                    case CHANGE -> "Changed ";
                };
                listed.computeIfAbsent(change.action().mark() + " " + verb + change.describe(), k -> new ArrayList<>())
                        .add(change.subject());
            }
        }
        listed.forEach((heading, subjects) -> text.append(heading).append(": ")
                .append(subjects.stream().distinct().collect(Collectors.joining(", "))).append('\n'));
        inTables.forEach((table, steps) -> {
            text.append("[*] Changed the \"").append(table).append("\" table\n");
            steps.forEach(step -> text.append("  ").append(step.action().mark()).append(' ').append(step.describe()).append('\n'));
        });
        List<String> skipped = notCompared();
        if (!skipped.isEmpty()) {
            text.append("Not compared: ").append(String.join(", ", skipped)).append('\n');
        }
        return text.toString().stripTrailing();
    }
}
