package io.migrate.postgres;

import io.migrate.spi.LintSupport;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The catalog reads behind lint on PostgreSQL: pg_class storage, pg_constraint validity, pg_locks of this backend;
 * and the rules of PostgreSQL's own syntax.
 */
final class PostgresLintSupport implements LintSupport {

    private static final String USER_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"
            + " AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast_temp%'";

    /** The table-level lock modes, weakest first: each conflicts with more of the others than the one before. */
    private static final List<String> MODES = List.of("ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE",
            "SHARE UPDATE EXCLUSIVE", "SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE");

    private final PostgresLintRules rules = new PostgresLintRules();

    @Override
    public List<Rule> rules() {
        return PostgresLintRules.RULES;
    }

    @Override
    public List<Finding> check(LintSupport.Statement statement) {
        return rules.check(statement);
    }

    @Override
    public Catalog catalog(Connection connection) throws SQLException {
        Map<Long, Relation> relations = new HashMap<>();
        Map<Long, Constraint> constraints = new HashMap<>();
        Set<String> columns = new HashSet<>();
        Set<String> notNull = new HashSet<>();
        try (java.sql.Statement st = connection.createStatement()) {
            // relfilenode is 0 for mapped and partitioned relations; pg_relation_filenode follows the mapping
            try (ResultSet rs = st.executeQuery("SELECT c.oid, n.nspname, c.relname, c.relkind,"
                    + " coalesce(tn.nspname || '.' || t.relname, n.nspname || '.' || c.relname) AS tbl,"
                    + " coalesce(pg_catalog.pg_relation_filenode(c.oid), 0) AS storage"
                    + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                    + " LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid"
                    + " LEFT JOIN pg_catalog.pg_class t ON t.oid = i.indrelid"
                    + " LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace"
                    + " WHERE c.relkind IN ('r', 'p', 'i', 'I', 'm', 'S') AND " + USER_SCHEMAS)) {
                while (rs.next()) {
                    relations.put(rs.getLong(1), new Relation(rs.getString(2) + "." + rs.getString(3),
                            kind(rs.getString(4)), rs.getString(5), rs.getLong(6)));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT k.oid, k.conname, k.contype, k.convalidated,"
                    + " pg_catalog.pg_get_constraintdef(k.oid),"
                    + " coalesce(n.nspname || '.' || c.relname, dn.nspname || '.' || d.typname)"
                    + " FROM pg_catalog.pg_constraint k"
                    + " LEFT JOIN pg_catalog.pg_class c ON c.oid = k.conrelid"
                    + " LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                    + " LEFT JOIN pg_catalog.pg_type d ON d.oid = k.contypid"
                    + " LEFT JOIN pg_catalog.pg_namespace dn ON dn.oid = d.typnamespace"
                    + " WHERE coalesce(n.nspname, dn.nspname) NOT IN ('pg_catalog', 'information_schema')")) {
                while (rs.next()) {
                    constraints.put(rs.getLong(1), new Constraint(rs.getString(2), rs.getString(6),
                            constraintType(rs.getString(3)), rs.getBoolean(4), rs.getString(5)));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT n.nspname || '.' || c.relname || '.' || a.attname, a.attnotnull"
                    + " FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
                    + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p') AND " + USER_SCHEMAS)) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                    if (rs.getBoolean(2)) {
                        notNull.add(rs.getString(1));
                    }
                }
            }
        }
        return new Catalog(relations, constraints, columns, notNull, objects(connection));
    }

    /** Not part of an extension, which its own drop takes along. */
    private static String own(String catalog, String oid) {
        return "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog." + catalog
                + "'::pg_catalog.regclass AND e.objid = " + oid + " AND e.deptype = 'e')";
    }

    /**
     * Views, sequences, functions, types, schemas, extensions, triggers and policies under their oids, which a
     * rename keeps; defaults, identities and generated expressions under their column, so that replacing a
     * default is no drop.
     */
    private static Map<String, Named> objects(Connection connection) throws SQLException {
        String column = "n.nspname || '.' || c.relname || '.' || a.attname";
        String columns = " FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p') AND " + USER_SCHEMAS;
        List<String> queries = List.of(
                // a serial's sequence goes with its column, an identity's is the identity's own
                "SELECT 'class ' || c.oid, CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'"
                        + " ELSE 'sequence' END, n.nspname || '.' || c.relname,"
                        + " coalesce(tn.nspname || '.' || t.relname || '.' || ta.attname, ''), ''"
                        + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                        + " LEFT JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass"
                        + " AND d.objid = c.oid AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass"
                        + " AND d.deptype IN ('a', 'i')"
                        + " LEFT JOIN pg_catalog.pg_class t ON t.oid = d.refobjid"
                        + " LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace"
                        + " LEFT JOIN pg_catalog.pg_attribute ta ON ta.attrelid = d.refobjid AND ta.attnum = d.refobjsubid"
                        + " WHERE c.relkind IN ('v', 'm', 'S') AND d.deptype IS DISTINCT FROM 'i' AND " + USER_SCHEMAS
                        + " AND " + own("pg_class", "c.oid"),
                "SELECT 'proc ' || p.oid, CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate'"
                        + " ELSE 'function' END, n.nspname || '.' || p.proname || '('"
                        + " || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')', '', ''"
                        + " FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
                        + " WHERE " + USER_SCHEMAS + " AND " + own("pg_proc", "p.oid"),
                // enums, ranges, domains and composite types of their own; not arrays, row types or multiranges
                "SELECT 'type ' || t.oid, CASE t.typtype WHEN 'd' THEN 'domain' ELSE 'type' END, n.nspname || '.' || t.typname,"
                        + " '', '' FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
                        + " LEFT JOIN pg_catalog.pg_class c ON c.oid = t.typrelid"
                        + " WHERE (t.typtype IN ('e', 'r', 'd') OR t.typtype = 'c' AND c.relkind = 'c') AND " + USER_SCHEMAS
                        + " AND " + own("pg_type", "t.oid"),
                "SELECT 'schema ' || n.oid, 'schema', n.nspname, '', '' FROM pg_catalog.pg_namespace n WHERE " + USER_SCHEMAS
                        + " AND " + own("pg_namespace", "n.oid"),
                "SELECT 'extension ' || x.oid, 'extension', x.extname, '', '' FROM pg_catalog.pg_extension x",
                "SELECT 'trigger ' || g.oid, 'trigger', n.nspname || '.' || c.relname || '.' || g.tgname,"
                        + " n.nspname || '.' || c.relname, '' FROM pg_catalog.pg_trigger g"
                        + " JOIN pg_catalog.pg_class c ON c.oid = g.tgrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE NOT g.tgisinternal AND g.tgparentid = 0 AND " + USER_SCHEMAS,
                "SELECT 'policy ' || p.oid, 'policy', n.nspname || '.' || c.relname || '.' || p.polname,"
                        + " n.nspname || '.' || c.relname, '' FROM pg_catalog.pg_policy p"
                        + " JOIN pg_catalog.pg_class c ON c.oid = p.polrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE " + USER_SCHEMAS,
                "SELECT 'default ' || " + column + ", 'default', " + column + ", " + column + ", ''" + columns
                        + " AND a.atthasdef AND a.attgenerated = ''",
                "SELECT 'identity ' || " + column + ", 'identity', " + column + ", " + column + ", CASE a.attidentity"
                        + " WHEN 'a' THEN 'GENERATED ALWAYS' ELSE 'GENERATED BY DEFAULT' END" + columns + " AND a.attidentity <> ''",
                "SELECT 'generated ' || " + column + ", 'generated expression', " + column + ", " + column + ","
                        + " pg_catalog.pg_get_expr(d.adbin, d.adrelid)" + columns.replace(" WHERE ", " JOIN pg_catalog.pg_attrdef d"
                        + " ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE ") + " AND a.attgenerated <> ''");
        Map<String, Named> objects = new HashMap<>();
        // one round trip: lint reads the catalog before and after every statement
        try (java.sql.Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery(String.join(" UNION ALL ", queries))) {
            while (rs.next()) {
                objects.put(rs.getString(1), new Named(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
            }
        }
        return objects;
    }

    @Override
    public List<Lock> locks(Connection connection) throws SQLException {
        List<Lock> locks = new ArrayList<>();
        try (java.sql.Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT n.nspname || '.' || c.relname, l.mode"
                     + " FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_class c ON c.oid = l.relation"
                     + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                     + " WHERE l.locktype = 'relation' AND l.pid = pg_catalog.pg_backend_pid() AND l.granted AND "
                     + USER_SCHEMAS)) {
            while (rs.next()) {
                String mode = sqlName(rs.getString(2));
                int strength = MODES.indexOf(mode);
                locks.add(new Lock(rs.getString(1), mode, mode.equals("ACCESS EXCLUSIVE"), strength >= MODES.indexOf("SHARE"),
                        strength));
            }
        }
        return locks;
    }

    @Override
    public Map<String, Size> sizes(Connection connection, Collection<String> tables) throws SQLException {
        Map<String, Size> sizes = new LinkedHashMap<>();
        if (tables.isEmpty()) {
            return sizes;
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT n.nspname || '.' || c.relname, c.reltuples::bigint,"
                + " pg_catalog.pg_relation_size(c.oid)"
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname || '.' || c.relname = ANY (?)")) {
            Array names = connection.createArrayOf("text", tables.toArray());
            ps.setArray(1, names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // reltuples is -1 before the first VACUUM or ANALYZE from 14 on, 0 before it on older servers
                    sizes.put(rs.getString(1), new Size(rs.getLong(2), rs.getLong(3)));
                }
            }
        }
        return sizes;
    }

    private static Kind kind(String relkind) {
        return switch (relkind) {
            case "r", "p" -> Kind.TABLE;
            case "i", "I" -> Kind.INDEX;
            case "m" -> Kind.MATERIALIZED_VIEW;
            default -> Kind.OTHER;
        };
    }

    private static ConstraintType constraintType(String contype) {
        return switch (contype) {
            case "p" -> ConstraintType.PRIMARY_KEY;
            case "u" -> ConstraintType.UNIQUE;
            case "f" -> ConstraintType.FOREIGN_KEY;
            case "c" -> ConstraintType.CHECK;
            case "x" -> ConstraintType.EXCLUSION;
            default -> ConstraintType.OTHER;
        };
    }

    /** {@code AccessExclusiveLock} as {@code ACCESS EXCLUSIVE}. */
    static String sqlName(String mode) {
        String bare = mode.endsWith("Lock") ? mode.substring(0, mode.length() - 4) : mode;
        return bare.replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(java.util.Locale.ROOT);
    }
}
