package io.migrate.postgres;

import io.migrate.schema.Column;
import io.migrate.schema.Constraint;
import io.migrate.schema.SchemaObject;
import io.migrate.schema.SchemaObject.Kind;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Domains and composite types, each as the {@code CREATE} statement that makes it and with its parts: a
 * domain's base type, collation, default, {@code NOT NULL} and checks, a composite type's attributes.
 */
final class PostgresTypes {

    private static final String COLLATION = """
            (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_catalog.pg_collation co
             JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = %s)""";

    private PostgresTypes() {
    }

    static List<SchemaObject> read(PostgresSchemaReader reader, String userSchema, String notExtension) throws SQLException {
        Map<Long, List<Constraint>> checks = new HashMap<>();
        reader.query("""
                SELECT c.contypid, c.conname, pg_catalog.pg_get_constraintdef(c.oid)
                FROM pg_catalog.pg_constraint c WHERE c.contypid <> 0 AND c.contype = 'c'
                """, rs -> checks.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                .add(new Constraint(rs.getString(2), Constraint.Kind.CHECK, rs.getString(3), null)));
        List<SchemaObject> types = new ArrayList<>(reader.query("""
                SELECT n.nspname, t.typname,
                       'CREATE DOMAIN ' || quote_ident(n.nspname) || '.' || quote_ident(t.typname) || ' AS '
                       || pg_catalog.format_type(t.typbasetype, t.typtypmod)
                       || coalesce(' COLLATE ' || l.coll, '')
                       || coalesce(' DEFAULT ' || t.typdefault, '')
                       || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END
                       || coalesce((SELECT string_agg(' CONSTRAINT ' || quote_ident(c.conname) || ' '
                            || pg_catalog.pg_get_constraintdef(c.oid), '' ORDER BY c.conname)
                            FROM pg_catalog.pg_constraint c WHERE c.contypid = t.oid AND c.contype <> 'n'), ''),
                       t.oid, pg_catalog.format_type(t.typbasetype, t.typtypmod), l.coll, t.typdefault, t.typnotnull
                FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
                JOIN pg_catalog.pg_type b ON b.oid = t.typbasetype,
                LATERAL (SELECT CASE WHEN t.typcollation <> b.typcollation THEN %s END AS coll) l
                WHERE t.typtype = 'd' AND %s AND %s
                """.formatted(COLLATION.formatted("t.typcollation"), userSchema, notExtension), rs -> new SchemaObject(
                Kind.DOMAIN, rs.getString(1), rs.getString(2), null, rs.getString(3), List.of(),
                List.of(new Column(rs.getString(2), rs.getString(5), rs.getString(6), rs.getString(7), null, null,
                        rs.getBoolean(8))), checks.getOrDefault(rs.getLong(4), List.of()))));
        Map<Long, List<Column>> attributes = new HashMap<>();
        reader.query("""
                SELECT a.attrelid, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod),
                       CASE WHEN a.attcollation <> at.typcollation THEN %s END
                FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
                JOIN pg_catalog.pg_type at ON at.oid = a.atttypid
                WHERE c.relkind = 'c' AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum
                """.formatted(COLLATION.formatted("a.attcollation")), rs -> attributes.computeIfAbsent(rs.getLong(1),
                k -> new ArrayList<>()).add(new Column(rs.getString(2), rs.getString(3), rs.getString(4), null, null, null, false)));
        types.addAll(reader.query("""
                SELECT n.nspname, t.typname,
                       'CREATE TYPE ' || quote_ident(n.nspname) || '.' || quote_ident(t.typname) || ' AS ('
                       || coalesce((SELECT string_agg(quote_ident(a.attname) || ' '
                            || pg_catalog.format_type(a.atttypid, a.atttypmod)
                            || CASE WHEN a.attcollation <> at.typcollation THEN ' COLLATE ' || %s ELSE '' END, ', ' ORDER BY a.attnum)
                          FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type at ON at.oid = a.atttypid
                          WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped), '') || ')',
                       t.typrelid
                FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
                JOIN pg_catalog.pg_class c ON c.oid = t.typrelid
                WHERE t.typtype = 'c' AND c.relkind = 'c' AND %s AND %s
                """.formatted(COLLATION.formatted("a.attcollation"), userSchema, notExtension), rs -> new SchemaObject(
                Kind.COMPOSITE_TYPE, rs.getString(1), rs.getString(2), null, rs.getString(3), List.of(),
                attributes.getOrDefault(rs.getLong(4), List.of()), List.of())));
        return types;
    }
}
