package io.migrate.postgres;

import io.migrate.schema.Column;
import io.migrate.schema.Constraint;
import io.migrate.schema.EnumType;
import io.migrate.schema.Index;
import io.migrate.schema.SchemaObject;
import io.migrate.schema.SchemaObject.Kind;
import io.migrate.schema.SchemaSnapshot;
import io.migrate.schema.Sequence;
import io.migrate.schema.Table;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a database's catalog into a {@link SchemaSnapshot} with the server's own renderers
 * ({@code format_type}, {@code pg_get_constraintdef}, {@code pg_get_indexdef}, {@code pg_get_viewdef},
 * {@code pg_get_functiondef}, {@code pg_get_triggerdef}, {@code pg_get_expr}). It reads in one
 * read-only transaction with an empty {@code search_path}, as pg_dump does, so every name the server
 * renders is schema-qualified and two databases built in different orders read the same.
 */
final class PostgresSchemaReader {

    /** Schemas of the user: not the system's, not an extension's. */
    private static final String USER_SCHEMA = "n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'";

    /** The oids of the user's schemas: the catalog's own thousands of columns, constraints and indexes are not read. */
    private static final String USER_NAMESPACES = "(SELECT n.oid FROM pg_catalog.pg_namespace n WHERE " + USER_SCHEMA + ")";

    private static String notExtension(String catalog, String oid) {
        return "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x WHERE x.classid = '" + catalog + "'::regclass"
                + " AND x.objid = " + oid + " AND x.deptype = 'e')";
    }

    private final Connection connection;
    private final Set<String> excluded;
    private final PostgresDialect dialect;

    PostgresSchemaReader(Connection connection, Set<String> excluded, PostgresDialect dialect) {
        this.connection = connection;
        this.excluded = excluded;
        this.dialect = dialect;
    }

    SchemaSnapshot read() throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (Statement st = connection.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                st.execute("SELECT pg_catalog.set_config('search_path', '', true)");
            }
            SchemaSnapshot snapshot = new SchemaSnapshot(strings("SELECT n.nspname FROM pg_catalog.pg_namespace n WHERE "
                    + USER_SCHEMA + " AND " + notExtension("pg_namespace", "n.oid")), tables(), enums(), sequences(),
                    objects(), notCompared());
            connection.rollback();
            return snapshot;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    <T> List<T> query(String sql, Row<T> row) throws SQLException {
        List<T> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row.read(rs));
            }
        }
        return out;
    }

    private List<String> strings(String sql) throws SQLException {
        return query(sql, rs -> rs.getString(1));
    }

    private record TableRow(long oid, String schema, String name, boolean unlogged, String partitionBy,
                            String partitionOf, boolean rowSecurity, boolean force) {
    }

    private List<Table> tables() throws SQLException {
        Map<Long, TableRow> rows = new LinkedHashMap<>();
        for (TableRow row : query("""
                SELECT c.oid, n.nspname, c.relname, c.relpersistence = 'u',
                       CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END,
                       CASE WHEN c.relispartition THEN (SELECT i.inhparent::regclass::text FROM pg_catalog.pg_inherits i
                            WHERE i.inhrelid = c.oid) || ' ' || pg_catalog.pg_get_expr(c.relpartbound, c.oid) END,
                       c.relrowsecurity, c.relforcerowsecurity
                FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p') AND %s AND %s
                """.formatted(USER_SCHEMA, notExtension("pg_class", "c.oid")), rs -> new TableRow(rs.getLong(1),
                rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getString(5), rs.getString(6), rs.getBoolean(7),
                rs.getBoolean(8)))) {
            if (!excluded.contains(row.schema + "." + row.name)) {
                rows.put(row.oid, row);
            }
        }
        Map<Long, List<Column>> columns = new HashMap<>();
        query("""
                SELECT a.attrelid, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod),
                       CASE WHEN a.attcollation <> t.typcollation THEN (SELECT quote_ident(cn.nspname) || '.'
                            || quote_ident(co.collname) FROM pg_catalog.pg_collation co
                            JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation) END,
                       CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) END,
                       CASE a.attidentity WHEN 'a' THEN 'ALWAYS' WHEN 'd' THEN 'BY DEFAULT' END
                       || coalesce((SELECT ' (START WITH ' || s.seqstart || ' INCREMENT BY ' || s.seqincrement
                            || ' MINVALUE ' || s.seqmin || ' MAXVALUE ' || s.seqmax || ' CACHE ' || s.seqcache
                            || CASE WHEN s.seqcycle THEN ' CYCLE)' ELSE ' NO CYCLE)' END
                          FROM pg_catalog.pg_depend sd JOIN pg_catalog.pg_sequence s ON s.seqrelid = sd.objid
                          WHERE sd.classid = 'pg_class'::regclass AND sd.refclassid = 'pg_class'::regclass
                            AND sd.refobjid = a.attrelid AND sd.refobjsubid = a.attnum AND sd.deptype = 'i'
                            AND NOT (s.seqstart = 1 AND s.seqincrement = 1 AND s.seqmin = 1 AND s.seqcache = 1
                                 AND NOT s.seqcycle AND s.seqmax = CASE s.seqtypid WHEN 'int2'::regtype THEN 32767
                                 WHEN 'int4'::regtype THEN 2147483647 ELSE 9223372036854775807 END)), ''),
                       CASE WHEN a.attgenerated = 's' THEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) END,
                       a.attnotnull, c.relispartition
                FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
                JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
                LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p') AND c.relnamespace IN %s
                ORDER BY a.attrelid, a.attnum
                """.formatted(USER_NAMESPACES), rs -> {
            // a partition's columns are its parent's: PARTITION OF makes them
            if (rows.containsKey(rs.getLong(1)) && !rs.getBoolean(9)) {
                columns.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Column(rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8)));
            }
            return null;
        });
        Map<Long, List<Constraint>> constraints = new HashMap<>();
        query("""
                SELECT con.conrelid, con.conname, con.contype, pg_catalog.pg_get_constraintdef(con.oid),
                       (SELECT rn.nspname || '.' || r.relname FROM pg_catalog.pg_class r
                        JOIN pg_catalog.pg_namespace rn ON rn.oid = r.relnamespace WHERE r.oid = con.confrelid)
                FROM pg_catalog.pg_constraint con
                WHERE con.contype IN ('p', 'u', 'c', 'f', 'x') AND con.conrelid <> 0 AND con.conislocal AND con.conparentid = 0
                  AND con.connamespace IN %s
                """.formatted(USER_NAMESPACES), rs -> {
            if (rows.containsKey(rs.getLong(1))) {
                Constraint.Kind kind = switch (rs.getString(3)) {
                    case "p" -> Constraint.Kind.PRIMARY_KEY;
                    case "u" -> Constraint.Kind.UNIQUE;
                    case "c" -> Constraint.Kind.CHECK;
                    case "f" -> Constraint.Kind.FOREIGN_KEY;
                    default -> Constraint.Kind.EXCLUSION;
                };
                constraints.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(new Constraint(rs.getString(2), kind, rs.getString(4), rs.getString(5)));
            }
            return null;
        });
        Map<Long, List<Index>> indexes = new HashMap<>();
        query("""
                SELECT i.indrelid, ic.relname, pg_catalog.pg_get_indexdef(i.indexrelid)
                FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
                WHERE NOT ic.relispartition AND ic.relnamespace IN %s AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con
                      WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x'))
                """.formatted(USER_NAMESPACES), rs -> {
            if (rows.containsKey(rs.getLong(1))) {
                indexes.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Index(rs.getString(2), rs.getString(3)));
            }
            return null;
        });
        List<Table> tables = new ArrayList<>();
        for (TableRow row : rows.values()) {
            tables.add(new Table(row.schema, row.name, row.unlogged, row.partitionBy, row.partitionOf,
                    columns.getOrDefault(row.oid, List.of()), constraints.getOrDefault(row.oid, List.of()),
                    indexes.getOrDefault(row.oid, List.of()), row.rowSecurity, row.force));
        }
        return tables;
    }

    private List<EnumType> enums() throws SQLException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        query("""
                SELECT n.nspname, t.typname, e.enumlabel
                FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
                JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid
                WHERE %s AND %s ORDER BY t.oid, e.enumsortorder
                """.formatted(USER_SCHEMA, notExtension("pg_type", "t.oid")), rs -> values.computeIfAbsent(
                rs.getString(1) + "\u0000" + rs.getString(2), k -> new ArrayList<>()).add(rs.getString(3)));
        List<EnumType> enums = new ArrayList<>();
        values.forEach((key, labels) -> {
            String[] parts = key.split("\u0000", 2);
            enums.add(new EnumType(parts[0], parts[1], labels));
        });
        return enums;
    }

    private List<Sequence> sequences() throws SQLException {
        return query("""
                SELECT n.nspname, c.relname, pg_catalog.format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement,
                       s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
                       (SELECT tn.nspname || '.' || t.relname || '.' || a.attname FROM pg_catalog.pg_depend d
                        JOIN pg_catalog.pg_class t ON t.oid = d.refobjid JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace
                        JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                        WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass
                          AND d.deptype = 'a')
                FROM pg_catalog.pg_sequence s JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid
                JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE %s AND %s AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_class'::regclass
                      AND d.objid = c.oid AND d.deptype = 'i')
                """.formatted(USER_SCHEMA, notExtension("pg_class", "c.oid")), rs -> new Sequence(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8),
                rs.getBoolean(9), rs.getString(10))).stream().filter(s -> s.ownedBy() == null
                || !excluded.contains(s.ownedBy().substring(0, s.ownedBy().lastIndexOf('.')))).toList();
    }

    private List<SchemaObject> objects() throws SQLException {
        List<SchemaObject> objects = new ArrayList<>();
        objects.addAll(query("""
                SELECT e.extname, n.nspname, e.extversion FROM pg_catalog.pg_extension e
                JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql'
                """, rs -> SchemaObject.of(Kind.EXTENSION, rs.getString(2), rs.getString(1), "WITH SCHEMA "
                + dialect.quote(rs.getString(2)) + " VERSION " + PostgresSchemaRenderer.literal(rs.getString(3)))));
        objects.addAll(PostgresTypes.read(this, USER_SCHEMA, notExtension("pg_type", "t.oid")));
        objects.addAll(query("""
                SELECT n.nspname, p.proname || '(' || pg_catalog.oidvectortypes(p.proargtypes) || ')',
                       p.prokind, pg_catalog.pg_get_functiondef(p.oid)
                FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
                WHERE p.prokind IN ('f', 'p') AND %s AND %s
                """.formatted(USER_SCHEMA, notExtension("pg_proc", "p.oid")), rs -> SchemaObject.of(
                "p".equals(rs.getString(3)) ? Kind.PROCEDURE : Kind.FUNCTION, rs.getString(1), rs.getString(2),
                rs.getString(4).strip())));
        Map<String, List<String>> reads = new HashMap<>();
        query("""
                SELECT DISTINCT vn.nspname || '.' || v.relname, rn.nspname || '.' || r.relname
                FROM pg_catalog.pg_rewrite w JOIN pg_catalog.pg_class v ON v.oid = w.ev_class
                JOIN pg_catalog.pg_namespace vn ON vn.oid = v.relnamespace
                JOIN pg_catalog.pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = w.oid
                     AND d.refclassid = 'pg_class'::regclass AND d.refobjid <> v.oid
                JOIN pg_catalog.pg_class r ON r.oid = d.refobjid JOIN pg_catalog.pg_namespace rn ON rn.oid = r.relnamespace
                WHERE v.relkind IN ('v', 'm') AND v.relnamespace IN %1$s
                UNION
                SELECT vn.nspname || '.' || v.relname, pn.nspname || '.' || p.proname || '('
                       || pg_catalog.oidvectortypes(p.proargtypes) || ')'
                FROM pg_catalog.pg_rewrite w JOIN pg_catalog.pg_class v ON v.oid = w.ev_class
                JOIN pg_catalog.pg_namespace vn ON vn.oid = v.relnamespace
                JOIN pg_catalog.pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = w.oid
                     AND d.refclassid = 'pg_proc'::regclass
                JOIN pg_catalog.pg_proc p ON p.oid = d.refobjid JOIN pg_catalog.pg_namespace pn ON pn.oid = p.pronamespace
                WHERE v.relkind IN ('v', 'm') AND v.relnamespace IN %1$s AND %2$s
                """.formatted(USER_NAMESPACES, notExtension("pg_proc", "p.oid")), rs -> reads.computeIfAbsent(rs.getString(1),
                k -> new ArrayList<>()).add(rs.getString(2)));
        objects.addAll(query("""
                SELECT n.nspname, c.relname, c.relkind, pg_catalog.pg_get_viewdef(c.oid, true)
                FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('v', 'm') AND %s AND %s
                """.formatted(USER_SCHEMA, notExtension("pg_class", "c.oid")), rs -> new SchemaObject(
                "m".equals(rs.getString(3)) ? Kind.MATERIALIZED_VIEW : Kind.VIEW, rs.getString(1), rs.getString(2), null,
                stripSemicolon(rs.getString(4)), reads.getOrDefault(rs.getString(1) + "." + rs.getString(2), List.of()))));
        objects.addAll(query("""
                SELECT n.nspname, ic.relname, n.nspname || '.' || c.relname, pg_catalog.pg_get_indexdef(i.indexrelid)
                FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
                JOIN pg_catalog.pg_class c ON c.oid = i.indrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind = 'm' AND %s AND %s
                """.formatted(USER_SCHEMA, notExtension("pg_class", "c.oid")), rs -> new SchemaObject(
                Kind.MATERIALIZED_VIEW_INDEX, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), List.of())));
        objects.addAll(query("""
                SELECT n.nspname, t.tgname, n.nspname || '.' || c.relname, pg_catalog.pg_get_triggerdef(t.oid)
                FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
                JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND %s AND %s
                """.formatted(USER_SCHEMA, notExtension("pg_class", "c.oid")), rs -> new SchemaObject(Kind.TRIGGER,
                rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), List.of())));
        objects.addAll(query("""
                SELECT p.schemaname, p.policyname, p.schemaname || '.' || p.tablename,
                       'CREATE POLICY ' || quote_ident(p.policyname) || ' ON ' || quote_ident(p.schemaname) || '.'
                       || quote_ident(p.tablename) || ' AS ' || p.permissive || ' FOR ' || p.cmd || ' TO '
                       || (SELECT string_agg(CASE WHEN r = 'public' THEN 'PUBLIC' ELSE quote_ident(r) END, ', ' ORDER BY r)
                           FROM unnest(p.roles) r)
                       || coalesce(' USING (' || p.qual || ')', '') || coalesce(' WITH CHECK (' || p.with_check || ')', '')
                FROM pg_catalog.pg_policies p
                """, rs -> new SchemaObject(Kind.POLICY, rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), List.of())));
        objects.addAll(PostgresComments.read(this, USER_SCHEMA));
        return objects.stream().filter(o -> o.table() == null || !excluded.contains(o.table())).toList();
    }

    private static String stripSemicolon(String sql) {
        String s = sql.strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1) : s;
    }

    /** How many objects of each kind that is not compared there are, as {@code 2 event triggers}. */
    private List<String> notCompared() throws SQLException {
        return query("""
                SELECT count(*) || ' ' || kind FROM (
                  SELECT 'event triggers' AS kind FROM pg_catalog.pg_event_trigger
                  UNION ALL SELECT 'foreign tables' FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                            WHERE c.relkind = 'f' AND %1$s
                  UNION ALL SELECT 'aggregates and window functions' FROM pg_catalog.pg_proc p
                            JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE p.prokind IN ('a', 'w') AND %1$s
                            AND %2$s
                  UNION ALL SELECT 'range and base types' FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n
                            ON n.oid = t.typnamespace WHERE t.typtype IN ('r', 'b') AND t.typelem = 0 AND %1$s AND %3$s
                  UNION ALL SELECT 'rules' FROM pg_catalog.pg_rewrite w JOIN pg_catalog.pg_class c ON c.oid = w.ev_class
                            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE w.rulename <> '_RETURN' AND %1$s
                  UNION ALL SELECT 'extended statistics' FROM pg_catalog.pg_statistic_ext
                  UNION ALL SELECT 'tables inheriting from other tables' FROM pg_catalog.pg_inherits i
                            JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid WHERE NOT c.relispartition AND c.relkind = 'r'
                  UNION ALL SELECT 'publications' FROM pg_catalog.pg_publication
                ) o GROUP BY kind ORDER BY kind
                """.formatted(USER_SCHEMA, notExtension("pg_proc", "p.oid"), notExtension("pg_type", "t.oid")),
                rs -> rs.getString(1));
    }
}
