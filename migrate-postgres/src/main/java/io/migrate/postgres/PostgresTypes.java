package io.migrate.postgres;

import io.migrate.schema.SchemaObject;
import io.migrate.schema.SchemaObject.Kind;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Domains and composite types, each as the {@code CREATE} statement that makes it. */
final class PostgresTypes {

    private PostgresTypes() {
    }

    static List<SchemaObject> read(PostgresSchemaReader reader, String userSchema, String notExtension) throws SQLException {
        List<SchemaObject> types = new ArrayList<>();
        types.addAll(reader.query("""
                SELECT n.nspname, t.typname,
                       'CREATE DOMAIN ' || quote_ident(n.nspname) || '.' || quote_ident(t.typname) || ' AS '
                       || pg_catalog.format_type(t.typbasetype, t.typtypmod)
                       || CASE WHEN t.typcollation <> b.typcollation THEN (SELECT ' COLLATE ' || quote_ident(cn.nspname)
                            || '.' || quote_ident(co.collname) FROM pg_catalog.pg_collation co
                            JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = t.typcollation) ELSE '' END
                       || coalesce(' DEFAULT ' || t.typdefault, '')
                       || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END
                       || coalesce((SELECT string_agg(' CONSTRAINT ' || quote_ident(c.conname) || ' '
                            || pg_catalog.pg_get_constraintdef(c.oid), '' ORDER BY c.conname)
                            FROM pg_catalog.pg_constraint c WHERE c.contypid = t.oid AND c.contype <> 'n'), '')
                FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
                JOIN pg_catalog.pg_type b ON b.oid = t.typbasetype
                WHERE t.typtype = 'd' AND %s AND %s
                """.formatted(userSchema, notExtension),
                rs -> SchemaObject.of(Kind.DOMAIN, rs.getString(1), rs.getString(2), rs.getString(3))));
        types.addAll(reader.query("""
                SELECT n.nspname, t.typname,
                       'CREATE TYPE ' || quote_ident(n.nspname) || '.' || quote_ident(t.typname) || ' AS ('
                       || coalesce((SELECT string_agg(quote_ident(a.attname) || ' '
                            || pg_catalog.format_type(a.atttypid, a.atttypmod)
                            || CASE WHEN a.attcollation <> at.typcollation THEN (SELECT ' COLLATE ' || quote_ident(cn.nspname)
                                 || '.' || quote_ident(co.collname) FROM pg_catalog.pg_collation co
                                 JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation)
                               ELSE '' END, ', ' ORDER BY a.attnum)
                          FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type at ON at.oid = a.atttypid
                          WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped), '') || ')'
                FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
                JOIN pg_catalog.pg_class c ON c.oid = t.typrelid
                WHERE t.typtype = 'c' AND c.relkind = 'c' AND %s AND %s
                """.formatted(userSchema, notExtension),
                rs -> SchemaObject.of(Kind.COMPOSITE_TYPE, rs.getString(1), rs.getString(2), rs.getString(3))));
        return types;
    }
}
