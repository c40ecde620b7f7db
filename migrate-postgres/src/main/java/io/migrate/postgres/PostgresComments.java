package io.migrate.postgres;

import io.migrate.schema.SchemaObject;
import io.migrate.schema.SchemaObject.Kind;

import java.sql.SQLException;
import java.util.List;

/**
 * Comments on schemas, tables, views, sequences, columns, types and routines. Each is named after
 * the object as {@code COMMENT ON} names it; its parent is the object's qualified name, so a comment
 * goes and comes back with an object the script drops and creates again.
 */
final class PostgresComments {

    private PostgresComments() {
    }

    static List<SchemaObject> read(PostgresSchemaReader reader, String userSchema) throws SQLException {
        return reader.query("""
                SELECT n.nspname, target, parent, d.description FROM (
                  SELECT d.description, c.relnamespace AS ns,
                         CASE WHEN d.objsubid > 0 THEN 'COLUMN ' WHEN c.relkind = 'v' THEN 'VIEW '
                              WHEN c.relkind = 'm' THEN 'MATERIALIZED VIEW ' WHEN c.relkind = 'S' THEN 'SEQUENCE '
                              ELSE 'TABLE ' END || quote_ident(cn.nspname) || '.' || quote_ident(c.relname)
                         || CASE WHEN d.objsubid > 0 THEN '.' || quote_ident(a.attname) ELSE '' END AS target,
                         cn.nspname || '.' || c.relname || CASE WHEN d.objsubid > 0 THEN '.' || a.attname ELSE '' END AS parent
                  FROM pg_catalog.pg_description d JOIN pg_catalog.pg_class c ON d.classoid = 'pg_class'::regclass AND c.oid = d.objoid
                  JOIN pg_catalog.pg_namespace cn ON cn.oid = c.relnamespace
                  LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid
                  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') AND %2$s
                  UNION ALL
                  SELECT d.description, t.typnamespace, CASE t.typtype WHEN 'd' THEN 'DOMAIN ' ELSE 'TYPE ' END
                         || quote_ident(tn.nspname) || '.' || quote_ident(t.typname), tn.nspname || '.' || t.typname
                  FROM pg_catalog.pg_description d JOIN pg_catalog.pg_type t ON d.classoid = 'pg_type'::regclass AND t.oid = d.objoid
                  JOIN pg_catalog.pg_namespace tn ON tn.oid = t.typnamespace WHERE %3$s
                  UNION ALL
                  SELECT d.description, p.pronamespace, CASE p.prokind WHEN 'p' THEN 'PROCEDURE ' ELSE 'FUNCTION ' END
                         || quote_ident(pn.nspname) || '.' || quote_ident(p.proname) || '('
                         || pg_catalog.oidvectortypes(p.proargtypes) || ')',
                         pn.nspname || '.' || p.proname || '(' || pg_catalog.oidvectortypes(p.proargtypes) || ')'
                  FROM pg_catalog.pg_description d JOIN pg_catalog.pg_proc p ON d.classoid = 'pg_proc'::regclass AND p.oid = d.objoid
                  JOIN pg_catalog.pg_namespace pn ON pn.oid = p.pronamespace
                  WHERE p.prokind IN ('f', 'p') AND %4$s
                  UNION ALL
                  SELECT d.description, s.oid, 'SCHEMA ' || quote_ident(s.nspname), s.nspname
                  FROM pg_catalog.pg_description d JOIN pg_catalog.pg_namespace s ON d.classoid = 'pg_namespace'::regclass AND s.oid = d.objoid
                  WHERE %5$s
                ) d JOIN pg_catalog.pg_namespace n ON n.oid = d.ns
                WHERE %1$s
                """.formatted(userSchema, userSchema.replace("n.nspname", "cn.nspname"), userSchema.replace("n.nspname", "tn.nspname"),
                userSchema.replace("n.nspname", "pn.nspname"), userSchema.replace("n.nspname", "s.nspname")), rs -> new SchemaObject(Kind.COMMENT, rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getString(4), List.of()));
    }
}
