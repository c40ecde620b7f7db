package io.migrate.internal.authoring;

import io.migrate.schema.Column;
import io.migrate.schema.SchemaChange;
import io.migrate.schema.SchemaDiff;
import io.migrate.schema.Table;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a reviewer must know about a diff before it runs: the steps that lose data, with how many rows
 * hold values, and the ones that rewrite a table, take a blocking lock or fail on a table with rows.
 * Rows are counted on the database the script is meant for; a table it does not have counts as unknown.
 *
 * @param dataLoss one line per destructive step
 * @param review   everything else to review
 */
record Risks(List<String> dataLoss, List<String> review) {

    private static final Pattern LENGTH = Pattern.compile("(character varying|varchar|character|char|bit varying|bit)\\((\\d+)\\)");
    private static final Pattern NUMERIC = Pattern.compile("numeric\\((\\d+)(?:,\\s*(\\d+))?\\)");
    private static final Map<String, Integer> INTEGERS = Map.of("smallint", 1, "integer", 2, "bigint", 3);
    private static final Set<String> VOLATILE = Set.of("random()", "gen_random_uuid()", "clock_timestamp()", "uuid_generate_v4()");

    static Risks of(SchemaDiff diff, Connection counted) {
        List<String> loss = new ArrayList<>();
        List<String> review = new ArrayList<>();
        Set<String> created = diff.changes().stream().filter(c -> c instanceof SchemaChange.CreateTable)
                .map(c -> ((SchemaChange.CreateTable) c).created().qualifiedName()).collect(Collectors.toSet());
        for (SchemaChange change : diff.changes()) {
            if (change instanceof SchemaChange.DropTable d) {
                loss.add("DATA LOSS: table " + d.dropped().qualifiedName() + " is dropped (" + rows(counted, d.dropped()) + ")");
            } else if (change instanceof SchemaChange.DropColumn d) {
                loss.add("DATA LOSS: column " + d.in().qualifiedName() + "." + d.column().name() + " is dropped ("
                        + values(counted, d.in(), d.column().name()) + ")");
            } else if (change instanceof SchemaChange.AlterColumn a && !a.from().type().equals(a.to().type())) {
                if (narrows(a.from().type(), a.to().type())) {
                    loss.add("DATA LOSS: column " + a.in().qualifiedName() + "." + a.to().name() + " narrows from "
                            + a.from().type() + " to " + a.to().type() + " (" + values(counted, a.in(), a.from().name())
                            + "; values that do not fit make the script fail or are cut)");
                }
                if (!binaryCompatible(a.from().type(), a.to().type())) {
                    review.add("TABLE REWRITE: changing the type of column " + a.in().qualifiedName() + "." + a.to().name()
                            + " rewrites the table under an ACCESS EXCLUSIVE lock (" + rows(counted, a.in()) + ")");
                }
            } else if (change instanceof SchemaChange.AddColumn a && !created.contains(a.in().qualifiedName())) {
                addColumn(a.in(), a.column(), counted, review);
            } else if (change instanceof SchemaChange.AlterColumn a && a.to().notNull() && !a.from().notNull()) {
                review.add("LOCK: making column " + a.in().qualifiedName() + "." + a.to().name() + " NOT NULL scans the"
                        + " table under an ACCESS EXCLUSIVE lock (" + rows(counted, a.in()) + ")");
            } else if (change instanceof SchemaChange.CreateIndex i && !created.contains(i.in().qualifiedName())) {
                review.add("LOCK: creating index " + i.index().name() + " blocks writes to " + i.in().qualifiedName()
                        + " while it builds (" + rows(counted, i.in()) + "); for a large table create it by hand"
                        + " with CREATE INDEX CONCURRENTLY in a migration of its own");
            } else if (change instanceof SchemaChange.RebuildType r) {
                r.uses().forEach(u -> review.add("TABLE REWRITE: converting column " + u.table().qualifiedName() + "."
                        + u.column().name() + " to the rebuilt type " + r.to().qualifiedName() + " rewrites the table under an"
                        + " ACCESS EXCLUSIVE lock (" + rows(counted, u.table()) + ")"));
            } else if (change instanceof SchemaChange.AddConstraint c && !created.contains(c.in().qualifiedName())) {
                review.add("LOCK: adding constraint " + c.constraint().name() + " to " + c.in().qualifiedName()
                        + " locks the table while it checks every row (" + rows(counted, c.in()) + ")");
            }
        }
        return new Risks(List.copyOf(loss), List.copyOf(review));
    }

    private static void addColumn(Table in, Column c, Connection counted, List<String> review) {
        if (c.notNull() && c.defaultValue() == null && c.identity() == null && c.generated() == null) {
            long rows = count(counted, "SELECT count(*) FROM " + q(in));
            if (rows != 0) {
                review.add("NOT NULL WITHOUT DEFAULT: column " + in.qualifiedName() + "." + c.name() + " is required and"
                        + " has no default, but the table holds " + (rows < 0 ? "an unknown number of" : rows) + " rows:"
                        + " the script fails there. Add a default, or add the column as optional, backfill it, then make it required");
            }
        }
        if (c.identity() != null || c.generated() != null
                || c.defaultValue() != null && VOLATILE.stream().anyMatch(c.defaultValue()::contains)) {
            review.add("TABLE REWRITE: adding column " + in.qualifiedName() + "." + c.name() + " with a value computed per row"
                    + " rewrites the table under an ACCESS EXCLUSIVE lock (" + rows(counted, in) + ")");
        }
    }

    List<String> all() {
        List<String> all = new ArrayList<>(dataLoss);
        all.addAll(review);
        return all;
    }

    /** Whether values of {@code from} may not fit {@code to}: anything but a known widening, or a change to text. */
    static boolean narrows(String from, String to) {
        if (to.equals("text") || to.equals("character varying") || to.equals(from)) {
            return false;
        }
        if (INTEGERS.containsKey(from) && INTEGERS.containsKey(to)) {
            return INTEGERS.get(to) < INTEGERS.get(from);
        }
        if (INTEGERS.containsKey(from) && (to.equals("numeric") || to.startsWith("numeric(") && digits(to) >= 20)) {
            return false;
        }
        if (from.equals("real") && to.equals("double precision")) {
            return false;
        }
        Matcher a = LENGTH.matcher(from);
        Matcher b = LENGTH.matcher(to);
        if (a.matches() && b.matches() && a.group(1).equals(b.group(1))) {
            return Integer.parseInt(b.group(2)) < Integer.parseInt(a.group(2));
        }
        Matcher n = NUMERIC.matcher(from);
        Matcher m = NUMERIC.matcher(to);
        if (n.matches() && (to.equals("numeric") || m.matches() && Integer.parseInt(m.group(1)) >= Integer.parseInt(n.group(1))
                && scale(m) >= scale(n) && Integer.parseInt(m.group(1)) - scale(m) >= Integer.parseInt(n.group(1)) - scale(n))) {
            return false;
        }
        return true;
    }

    private static int digits(String numeric) {
        Matcher m = NUMERIC.matcher(numeric);
        return m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static int scale(Matcher m) {
        return m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    }

    /** Whether PostgreSQL changes the type without rewriting: a longer or unlimited length of the same string type. */
    static boolean binaryCompatible(String from, String to) {
        Matcher a = LENGTH.matcher(from);
        Matcher b = LENGTH.matcher(to);
        if (a.matches() && a.group(1).contains("var") && (to.equals("text") || to.equals(a.group(1)))) {
            return true;
        }
        return a.matches() && b.matches() && a.group(1).equals(b.group(1)) && a.group(1).contains("var")
                && Integer.parseInt(b.group(2)) >= Integer.parseInt(a.group(2))
                || from.equals("character varying") && to.equals("text");
    }

    private static String rows(Connection c, Table t) {
        long n = count(c, "SELECT count(*) FROM " + q(t));
        return n < 0 ? "row count unknown" : n + (n == 1 ? " row" : " rows");
    }

    private static String values(Connection c, Table t, String column) {
        long n = count(c, "SELECT count(" + q(column) + ") FROM " + q(t));
        return n < 0 ? "row count unknown" : n + (n == 1 ? " row holds a value" : " rows hold values");
    }

    /** -1 when the table or column is not there (yet) to count. */
    private static long count(Connection c, String sql) {
        if (c == null) {
            return -1;
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }

    private static String q(Table t) {
        return q(t.schema()) + "." + q(t.name());
    }

    private static String q(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
