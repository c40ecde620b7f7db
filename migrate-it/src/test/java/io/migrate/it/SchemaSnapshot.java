package io.migrate.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything migrations can create in the non-system schemas of a database, as a sorted,
 * deterministic text read from the catalogs (not pg_dump: the test server may be of another major
 * version than the pg_dump binary). Two databases built by the same scripts give the same text;
 * OIDs, owners' internal ids and timings never appear in it.
 *
 * <p>Objects that belong to an extension are represented by the extension alone, and one table (the
 * migration history, which only one side has) is left out with its indexes and constraints.
 */
final class SchemaSnapshot {

    /** Schemas that migrations may create objects in: everything but the system's own. */
    private static final String USER_SCHEMA = "n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'";

    private final Connection connection;
    private final String excludedTable;
    private final StringBuilder text = new StringBuilder();

    private SchemaSnapshot(Connection connection, String excludedTable) {
        this.connection = connection;
        this.excludedTable = excludedTable;
    }

    /**
     * Takes the snapshot through {@code connection}, leaving out every table named
     * {@code excludedTable} (the history table).
     */
    static String of(Connection connection, String excludedTable) throws SQLException {
        SchemaSnapshot snapshot = new SchemaSnapshot(connection, excludedTable);
        snapshot.take();
        return snapshot.text.toString();
    }

    private void take() throws SQLException {
        section("schemas", """
                SELECT quote_ident(n.nspname) || ' owner ' || pg_get_userbyid(n.nspowner)
                       || coalesce(' acl ' || n.nspacl::text, '')
                FROM pg_catalog.pg_namespace n
                WHERE %s
                ORDER BY n.nspname COLLATE "C"
                """.formatted(USER_SCHEMA));
        section("extensions", """
                SELECT quote_ident(e.extname) || ' ' || e.extversion || ' in schema ' || quote_ident(n.nspname)
                FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
                ORDER BY e.extname COLLATE "C"
                """);
        relations();
        sortedSection("constraints", """
                SELECT quote_ident(n.nspname) || '.' || quote_ident(coalesce(c.relname, t.typname))
                       || ' ' || quote_ident(con.conname) || ': ' || pg_catalog.pg_get_constraintdef(con.oid, true)
                       || CASE WHEN con.convalidated THEN '' ELSE ' [not validated]' END
                FROM pg_catalog.pg_constraint con
                JOIN pg_catalog.pg_namespace n ON n.oid = con.connamespace
                LEFT JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
                LEFT JOIN pg_catalog.pg_type t ON t.oid = con.contypid
                WHERE %s AND (c.relname IS NULL OR c.relname <> ?) AND %s AND %s
                """.formatted(USER_SCHEMA, notInExtension("pg_class", "con.conrelid"), notInExtension("pg_type", "con.contypid")),
                excludedTable);
        section("indexes", """
                SELECT pg_catalog.pg_get_indexdef(i.indexrelid)
                       || CASE WHEN i.indisvalid THEN '' ELSE ' [INVALID]' END
                       || CASE WHEN i.indisready THEN '' ELSE ' [not ready]' END
                       || CASE WHEN i.indisclustered THEN ' [clustered]' ELSE '' END
                FROM pg_catalog.pg_index i
                JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
                JOIN pg_catalog.pg_class tc ON tc.oid = i.indrelid
                JOIN pg_catalog.pg_namespace n ON n.oid = ic.relnamespace
                WHERE %s AND tc.relname <> ? AND %s
                ORDER BY n.nspname COLLATE "C", ic.relname COLLATE "C"
                """.formatted(USER_SCHEMA, notInExtension("pg_class", "tc.oid")), excludedTable);
        section("views", """
                SELECT CASE c.relkind WHEN 'm' THEN 'materialized view ' ELSE 'view ' END
                       || quote_ident(n.nspname) || '.' || quote_ident(c.relname)
                       || CASE WHEN c.relkind = 'm' AND NOT c.relispopulated THEN ' [not populated]' ELSE '' END
                       || coalesce(' with ' || c.reloptions::text, '')
                       || ' AS' || chr(10) || pg_catalog.pg_get_viewdef(c.oid, true)
                FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE %s AND c.relkind IN ('v', 'm') AND %s
                ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C"
                """.formatted(USER_SCHEMA, notInExtension("pg_class", "c.oid")));
        section("sequences", """
                SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname)
                       || ' as ' || pg_catalog.format_type(s.seqtypid, NULL)
                       || ' start ' || s.seqstart || ' increment ' || s.seqincrement
                       || ' min ' || s.seqmin || ' max ' || s.seqmax || ' cache ' || s.seqcache
                       || CASE WHEN s.seqcycle THEN ' cycle' ELSE ' no cycle' END
                       || ' last_value ' || coalesce(ps.last_value::text, 'none')
                       || coalesce((SELECT ' owned by ' || quote_ident(tn.nspname) || '.' || quote_ident(tc.relname)
                                           || '.' || quote_ident(a.attname)
                                           || CASE d.deptype WHEN 'i' THEN ' (identity)' ELSE '' END
                                    FROM pg_catalog.pg_depend d
                                    JOIN pg_catalog.pg_class tc ON tc.oid = d.refobjid
                                    JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace
                                    JOIN pg_catalog.pg_attribute a ON a.attrelid = tc.oid AND a.attnum = d.refobjsubid
                                    WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid
                                      AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.refobjsubid > 0
                                      AND d.deptype IN ('a', 'i')), '')
                FROM pg_catalog.pg_sequence s
                JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid
                JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                LEFT JOIN pg_catalog.pg_sequences ps ON ps.schemaname = n.nspname AND ps.sequencename = c.relname
                WHERE %s AND %s
                ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C"
                """.formatted(USER_SCHEMA, notInExtension("pg_class", "c.oid")));
        section("enums", """
                SELECT quote_ident(n.nspname) || '.' || quote_ident(t.typname) || ' ('
                       || string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) || ')'
                FROM pg_catalog.pg_type t
                JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
                JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid
                WHERE %s AND %s
                GROUP BY n.nspname, t.typname
                ORDER BY n.nspname COLLATE "C", t.typname COLLATE "C"
                """.formatted(USER_SCHEMA, notInExtension("pg_type", "t.oid")));
        section("domains", """
                SELECT quote_ident(n.nspname) || '.' || quote_ident(t.typname)
                       || ' as ' || pg_catalog.format_type(t.typbasetype, t.typtypmod)
                       || CASE WHEN t.typnotnull THEN ' not null' ELSE '' END
                       || coalesce(' default ' || t.typdefault, '')
                       || coalesce(' collate ' || quote_ident(co.collname), '')
                FROM pg_catalog.pg_type t
                JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
                LEFT JOIN pg_catalog.pg_collation co ON co.oid = t.typcollation AND t.typcollation <> 100
                WHERE %s AND t.typtype = 'd' AND %s
                ORDER BY n.nspname COLLATE "C", t.typname COLLATE "C"
                """.formatted(USER_SCHEMA, notInExtension("pg_type", "t.oid")));
        section("ranges", """
                SELECT quote_ident(n.nspname) || '.' || quote_ident(t.typname)
                       || ' of ' || pg_catalog.format_type(r.rngsubtype, NULL)
                FROM pg_catalog.pg_range r
                JOIN pg_catalog.pg_type t ON t.oid = r.rngtypid
                JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
                WHERE %s AND %s
                ORDER BY n.nspname COLLATE "C", t.typname COLLATE "C"
                """.formatted(USER_SCHEMA, notInExtension("pg_type", "t.oid")));
        section("functions", """
                SELECT CASE WHEN p.prokind = 'a'
                            THEN 'aggregate ' || quote_ident(n.nspname) || '.' || quote_ident(p.proname)
                                 || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')'
                            ELSE pg_catalog.pg_get_functiondef(p.oid) END
                       || coalesce(chr(10) || 'acl ' || p.proacl::text, '')
                FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
                WHERE %s AND %s
                ORDER BY n.nspname COLLATE "C", p.proname COLLATE "C",
                         pg_catalog.pg_get_function_identity_arguments(p.oid) COLLATE "C"
                """.formatted(USER_SCHEMA, notInExtension("pg_proc", "p.oid")));
        section("triggers", """
                SELECT pg_catalog.pg_get_triggerdef(t.oid, true)
                       || CASE t.tgenabled WHEN 'O' THEN '' ELSE ' [enabled ' || t.tgenabled::text || ']' END
                FROM pg_catalog.pg_trigger t
                JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
                JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE %s AND NOT t.tgisinternal AND c.relname <> ?
                ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C", t.tgname COLLATE "C"
                """.formatted(USER_SCHEMA), excludedTable);
        sortedSection("policies", """
                SELECT quote_ident(p.schemaname) || '.' || quote_ident(p.tablename) || ' ' || quote_ident(p.policyname)
                       || ' ' || p.permissive || ' for ' || p.cmd || ' to ' || p.roles::text
                       || coalesce(' using (' || p.qual || ')', '') || coalesce(' with check (' || p.with_check || ')', '')
                FROM pg_catalog.pg_policies p JOIN pg_catalog.pg_namespace n ON n.nspname = p.schemaname
                WHERE %s
                """.formatted(USER_SCHEMA));
        section("rules", """
                SELECT r.definition
                FROM pg_catalog.pg_rules r JOIN pg_catalog.pg_namespace n ON n.nspname = r.schemaname
                WHERE %s
                ORDER BY r.schemaname COLLATE "C", r.tablename COLLATE "C", r.rulename COLLATE "C"
                """.formatted(USER_SCHEMA));
        // Any object the database itself created has an OID below FirstNormalObjectId (16384).
        sortedSection("comments", """
                SELECT (x.o).type || ' ' || (x.o).identity || ': ' || x.description
                FROM (SELECT pg_catalog.pg_identify_object(d.classoid, d.objoid, d.objsubid) AS o, d.description,
                             d.classoid, d.objoid
                      FROM pg_catalog.pg_description d
                      WHERE d.objoid >= 16384) x
                WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e
                                  WHERE e.classid = x.classoid AND e.objid = x.objoid AND e.deptype = 'e')
                """);
        rows();
    }

    private void relations() throws SQLException {
        text.append("== relations\n");
        String sql = """
                SELECT c.oid, quote_ident(n.nspname) || '.' || quote_ident(c.relname),
                       CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'partitioned table' WHEN 'v' THEN 'view'
                                      WHEN 'm' THEN 'materialized view' WHEN 'f' THEN 'foreign table'
                                      WHEN 'c' THEN 'composite type' END,
                       CASE c.relpersistence WHEN 'p' THEN '' WHEN 'u' THEN ' unlogged' ELSE ' temporary' END
                       || CASE WHEN c.relrowsecurity THEN ' row-level-security' ELSE '' END
                       || CASE WHEN c.relforcerowsecurity THEN ' forced' ELSE '' END
                       || coalesce(' partition by ' || pg_catalog.pg_get_partkeydef(c.oid), '')
                       || coalesce(' partition of ' || (SELECT quote_ident(pn.nspname) || '.' || quote_ident(pc.relname)
                                                        FROM pg_catalog.pg_inherits h
                                                        JOIN pg_catalog.pg_class pc ON pc.oid = h.inhparent
                                                        JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace
                                                        WHERE h.inhrelid = c.oid), '')
                       || coalesce(' ' || pg_catalog.pg_get_expr(c.relpartbound, c.oid), '')
                       || coalesce(' with ' || c.reloptions::text, '')
                       || coalesce(' acl ' || c.relacl::text, '')
                FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE %s AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c') AND c.relname <> ? AND %s
                ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C"
                """.formatted(USER_SCHEMA, notInExtension("pg_class", "c.oid"));
        List<Object[]> relations = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, excludedTable);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    relations.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
        }
        String columns = """
                SELECT a.attnum || ' ' || quote_ident(a.attname) || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod)
                       || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
                       || CASE a.attidentity WHEN 'a' THEN ' generated always as identity'
                                             WHEN 'd' THEN ' generated by default as identity' ELSE '' END
                       || CASE WHEN a.attgenerated = 's' THEN ' generated always as (' || pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) || ') stored'
                               ELSE coalesce(' default ' || pg_catalog.pg_get_expr(ad.adbin, ad.adrelid), '') END
                       || coalesce(' collate ' || (SELECT quote_ident(co.collname) FROM pg_catalog.pg_collation co
                                                   WHERE co.oid = a.attcollation AND a.attcollation <> t.typcollation), '')
                FROM pg_catalog.pg_attribute a
                JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
                LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
                WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY a.attnum
                """;
        try (PreparedStatement ps = connection.prepareStatement(columns)) {
            for (Object[] relation : relations) {
                text.append(relation[2]).append(' ').append(relation[1]).append(relation[3]).append('\n');
                ps.setLong(1, (Long) relation[0]);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        text.append("  ").append(rs.getString(1)).append('\n');
                    }
                }
            }
        }
    }

    /** The contents of every table and populated materialized view, each row as text, in text order. */
    private void rows() throws SQLException {
        String sql = """
                SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname), c.relkind
                FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE %s AND (c.relkind = 'r' OR c.relkind = 'm' AND c.relispopulated) AND c.relname <> ? AND %s
                ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C"
                """.formatted(USER_SCHEMA, notInExtension("pg_class", "c.oid"));
        List<String[]> tables = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, excludedTable);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        for (String[] table : tables) {
            text.append("== rows of ").append(table[0]).append('\n');
            String from = ("r".equals(table[1]) ? "ONLY " : "") + table[0];
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("SELECT snapshot_row::text FROM " + from + " snapshot_row"
                         + " ORDER BY snapshot_row::text COLLATE \"C\"")) {
                while (rs.next()) {
                    text.append("  ").append(rs.getString(1)).append('\n');
                }
            }
        }
    }

    /** A section whose lines are sorted as text (bytewise, as collation "C" does). */
    private void sortedSection(String title, String sql, String... parameters) throws SQLException {
        section(title, "SELECT line FROM (" + sql + ") unsorted (line) ORDER BY line COLLATE \"C\"", parameters);
    }

    private void section(String title, String sql, String... parameters) throws SQLException {
        text.append("== ").append(title).append('\n');
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    text.append(rs.getString(1)).append('\n');
                }
            }
        }
    }

    /** A condition that the object {@code oid} of catalog {@code catalog} (if not null) is not part of an extension. */
    private static String notInExtension(String catalog, String oid) {
        return "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x WHERE x.classid = 'pg_catalog." + catalog
                + "'::regclass AND x.objid = " + oid + " AND x.deptype = 'e')";
    }
}
