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
        return new Catalog(relations, constraints, columns, notNull);
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
