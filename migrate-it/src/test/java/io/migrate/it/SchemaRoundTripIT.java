package io.migrate.it;

import io.migrate.Migrator;
import io.migrate.schema.SchemaDiff;
import io.migrate.schema.SchemaSnapshot;
import io.migrate.schema.SchemaSource;
import io.migrate.testkit.Database;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The round trip, generated: a random schema A, a random sequence of edits giving B, both built in
 * real databases; the script of diff(A, B) applied to A leaves no difference, and the snapshot equals
 * B's. Tries: {@code -Djqwik.tries.default=N} (50 unless set, see junit-platform.properties).
 */
class SchemaRoundTripIT {

    private static Database a;
    private static Database b;

    @AfterContainer
    static void dropDatabases() {
        if (a != null) {
            a.close();
            b.close();
        }
    }

    @Property(shrinking = ShrinkingMode.OFF)
    void theScriptOfDiffTurnsAIntoB(@ForAll long seed) throws SQLException {
        if (a == null) {
            a = TestDatabase.another();
            b = TestDatabase.another();
        }
        Random random = new Random(seed);
        Spec from = Spec.random(random);
        Spec to = from;
        List<String> edits = new ArrayList<>();
        for (int i = 1 + random.nextInt(5); i > 0; i--) {
            to = to.edit(random, edits);
        }
        reset(a, from.sql());
        reset(b, to.sql());
        Migrator migrator = Migrator.configure(a.dataSource());
        SchemaDiff diff = migrator.diff(SchemaSource.database(), SchemaSource.database(b.dataSource()));
        String context = "edits " + edits + "\nA:\n" + from.sql() + "\nB:\n" + to.sql() + "\nscript:\n" + diff.script();
        try {
            SchemaDiffIT.run(a.dataSource(), diff.script());
        } catch (SQLException e) {
            throw new AssertionError(e.getMessage() + "\n" + context, e);
        }
        SchemaDiff left = migrator.diff(SchemaSource.database(), SchemaSource.database(b.dataSource()));
        assertThat(left.isEmpty()).as("left:\n%s\n%s", left, context).isTrue();
        SchemaSnapshot expected = migrator.snapshot(SchemaSource.database(b.dataSource()));
        assertThat(migrator.snapshot(SchemaSource.database())).as(context).isEqualTo(expected);
    }

    private static void reset(Database database, String sql) throws SQLException {
        SchemaDiffIT.run(database.dataSource(), "DROP SCHEMA public CASCADE; CREATE SCHEMA public; " + sql);
    }

    record Col(String name, String type, boolean notNull, String dflt) {
    }

    record Idx(String name, String column, int kind) {
    }

    record Tab(String name, List<Col> cols, boolean unique, boolean check, List<Idx> idx, String fkTo) {
        Tab with(List<Col> c, List<Idx> i, String fk) {
            return new Tab(name, c, unique && c.size() > 0, check && c.size() > 0, i, fk);
        }
    }

    record Spec(List<String> moods, List<Tab> tabs, boolean view, int fn, int seq) {

        private static final String[] TYPES = {"integer", "bigint", "text", "character varying(20)", "numeric(10,2)",
                "boolean", "timestamp with time zone", "jsonb", "text[]", "mood"};
        private static final String[] MOODS = {"sad", "ok", "happy", "glad", "meh"};

        static Spec random(Random r) {
            List<String> moods = new ArrayList<>(List.of(MOODS).subList(0, 2 + r.nextInt(3)));
            List<Tab> tabs = new ArrayList<>();
            for (int t = 0; t < 1 + r.nextInt(3); t++) {
                List<Col> cols = new ArrayList<>();
                for (int c = 0; c < 1 + r.nextInt(3); c++) {
                    cols.add(column(r, "c" + c, moods));
                }
                List<Idx> idx = new ArrayList<>();
                if (r.nextBoolean()) {
                    idx.add(new Idx("t" + t + "_i0", cols.get(0).name(), r.nextInt(3)));
                }
                tabs.add(new Tab("t" + t, cols, r.nextBoolean(), r.nextBoolean(), idx, t > 0 && r.nextBoolean() ? "t0" : null));
            }
            return new Spec(moods, tabs, r.nextBoolean(), r.nextInt(3), r.nextInt(3));
        }

        static Col column(Random r, String name, List<String> moods) {
            String type = TYPES[r.nextInt(TYPES.length)];
            return new Col(name, type, r.nextBoolean(), r.nextBoolean() ? dflt(type, moods) : null);
        }

        static String dflt(String type, List<String> moods) {
            return switch (type) {
                case "integer", "bigint" -> "7";
                case "numeric(10,2)", "numeric(12,3)" -> "1.5";
                case "boolean" -> "true";
                case "timestamp with time zone" -> "now()";
                case "jsonb", "text[]" -> "'{}'";
                case "mood" -> "'" + moods.get(0) + "'";
                default -> "'x'";
            };
        }

        Spec edit(Random r, List<String> log) {
            List<Tab> tabs = new ArrayList<>(this.tabs);
            List<String> moods = new ArrayList<>(this.moods);
            int which = r.nextInt(tabs.size());
            Tab t = tabs.get(which);
            List<Col> cols = new ArrayList<>(t.cols());
            List<Idx> idx = new ArrayList<>(t.idx());
            switch (r.nextInt(12)) {
                case 0 -> {
                    Col c = column(r, "n" + r.nextInt(1000), moods);
                    if (t.cols().stream().noneMatch(x -> x.name().equals(c.name()))) {
                        cols.add(c);
                        log.add("add column " + t.name() + "." + c.name());
                    }
                }
                case 1 -> {
                    if (cols.size() > 1) {
                        Col gone = cols.remove(r.nextInt(cols.size()));
                        idx.removeIf(i -> i.column().equals(gone.name()));
                        log.add("drop column " + t.name() + "." + gone.name());
                    }
                }
                case 2 -> {
                    int i = r.nextInt(cols.size());
                    Col c = cols.get(i);
                    String type = switch (c.type()) {
                        case "integer" -> "bigint";
                        case "bigint" -> "integer";
                        case "text" -> "character varying(20)";
                        case "character varying(20)" -> "text";
                        case "numeric(10,2)" -> "numeric(12,3)";
                        default -> c.type();
                    };
                    cols.set(i, new Col(c.name(), type, c.notNull(), c.dflt()));
                    log.add("retype " + t.name() + "." + c.name() + " to " + type);
                }
                case 3 -> {
                    int i = r.nextInt(cols.size());
                    Col c = cols.get(i);
                    cols.set(i, new Col(c.name(), c.type(), !c.notNull(), c.dflt()));
                    log.add("toggle not null " + t.name() + "." + c.name());
                }
                case 4 -> {
                    int i = r.nextInt(cols.size());
                    Col c = cols.get(i);
                    cols.set(i, new Col(c.name(), c.type(), c.notNull(), c.dflt() == null ? dflt(c.type(), moods) : null));
                    log.add("toggle default " + t.name() + "." + c.name());
                }
                case 5 -> {
                    if (idx.isEmpty()) {
                        idx.add(new Idx(t.name() + "_i" + r.nextInt(100), cols.get(r.nextInt(cols.size())).name(), r.nextInt(3)));
                        log.add("add index on " + t.name());
                    } else {
                        idx.remove(0);
                        log.add("drop index on " + t.name());
                    }
                }
                case 6 -> {
                    if (tabs.size() < 4) {
                        String name = "t" + (tabs.stream().mapToInt(x -> Integer.parseInt(x.name().substring(1))).max().orElse(0) + 1);
                        tabs.add(new Tab(name, List.of(column(r, "c0", moods)), false, r.nextBoolean(), List.of(), "t0"));
                        log.add("add table " + name);
                    }
                }
                case 7 -> {
                    if (tabs.size() > 1 && which > 0) {
                        tabs.remove(which);
                        String gone = t.name();
                        tabs.replaceAll(x -> gone.equals(x.fkTo()) ? x.with(x.cols(), x.idx(), null) : x);
                        log.add("drop table " + gone);
                        return new Spec(moods, tabs, view, fn, seq);
                    }
                }
                case 8 -> {
                    int at = r.nextInt(moods.size() + 1);
                    String value = "v" + r.nextInt(1000);
                    if (!moods.contains(value)) {
                        moods.add(at, value);
                        log.add("add mood " + value + " at " + at);
                    }
                }
                case 9 -> {
                    if (moods.size() > 2) {
                        String removed = moods.remove(1 + r.nextInt(moods.size() - 1));
                        log.add("remove mood " + removed);
                    } else {
                        java.util.Collections.reverse(moods);
                        log.add("reverse moods");
                    }
                    List<String> now = moods;
                    tabs.replaceAll(x -> x.with(x.cols().stream().map(c -> c.type().equals("mood") && c.dflt() != null
                            ? new Col(c.name(), c.type(), c.notNull(), dflt("mood", now)) : c).toList(), x.idx(), x.fkTo()));
                    return new Spec(moods, tabs, view, fn, seq);
                }
                case 10 -> {
                    log.add("view, function, sequence");
                    return new Spec(moods, tabs, !view, (fn + 1) % 3, (seq + 1) % 3);
                }
                default -> {
                    log.add("toggle constraints on " + t.name());
                    tabs.set(which, new Tab(t.name(), cols, !t.unique(), !t.check(), idx, which > 0 && t.fkTo() == null ? "t0" : null));
                    return new Spec(moods, tabs, view, fn, seq);
                }
            }
            tabs.set(which, t.with(cols, idx, t.fkTo()));
            return new Spec(moods, tabs, view, fn, seq);
        }

        String sql() {
            StringBuilder sql = new StringBuilder("CREATE TYPE mood AS ENUM (")
                    .append(moods.stream().map(m -> "'" + m + "'").collect(Collectors.joining(", "))).append(");\n");
            for (Tab t : tabs) {
                List<String> parts = new ArrayList<>(List.of("id bigint PRIMARY KEY"));
                t.cols().forEach(c -> parts.add(c.name() + " " + c.type() + (c.notNull() ? " NOT NULL" : "")
                        + (c.dflt() == null ? "" : " DEFAULT " + c.dflt())));
                if (t.fkTo() != null) {
                    parts.add("ref bigint");
                }
                if (t.unique()) {
                    parts.add("CONSTRAINT " + t.name() + "_uq UNIQUE (" + t.cols().get(0).name() + ")");
                }
                if (t.check()) {
                    parts.add("CONSTRAINT " + t.name() + "_ck CHECK (id > 0)");
                }
                sql.append("CREATE TABLE ").append(t.name()).append(" (").append(String.join(", ", parts)).append(");\n");
                for (Idx i : t.idx()) {
                    sql.append(switch (i.kind()) {
                        case 0 -> "CREATE INDEX " + i.name() + " ON " + t.name() + " (" + i.column() + ")";
                        case 1 -> "CREATE INDEX " + i.name() + " ON " + t.name() + " (" + i.column() + ") WHERE id > 10";
                        default -> "CREATE INDEX " + i.name() + " ON " + t.name() + " ((id * 2), " + i.column() + ")";
                    }).append(";\n");
                }
            }
            for (Tab t : tabs) {
                if (t.fkTo() != null) {
                    sql.append("ALTER TABLE ").append(t.name()).append(" ADD CONSTRAINT ").append(t.name())
                            .append("_fk FOREIGN KEY (ref) REFERENCES ").append(t.fkTo()).append(" ON DELETE CASCADE;\n");
                }
            }
            if (view) {
                Tab t = tabs.get(0);
                sql.append("CREATE VIEW v AS SELECT id, ").append(t.cols().get(0).name()).append(" FROM ").append(t.name()).append(";\n");
            }
            if (fn > 0) {
                sql.append("CREATE FUNCTION f(x integer) RETURNS integer LANGUAGE sql AS 'SELECT x + ").append(fn).append("';\n");
            }
            if (seq > 0) {
                sql.append("CREATE SEQUENCE s INCREMENT ").append(seq).append(";\n");
            }
            return sql.toString();
        }
    }
}
