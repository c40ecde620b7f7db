package io.migrate.schema;

import java.util.Objects;

/**
 * A column of a table, as the database renders it.
 *
 * @param name         the column's name
 * @param type         its type as the database prints it, arrays included (e.g. {@code character varying(20)[]})
 * @param collation    its collation when it is not the type's default, else null
 * @param defaultValue its default expression, else null
 * @param identity     {@code ALWAYS} or {@code BY DEFAULT} for an identity column, followed by its sequence's
 *                     options in parentheses when they are not the defaults (e.g. {@code BY DEFAULT (START
 *                     WITH 100 INCREMENT BY 10 MINVALUE 1 MAXVALUE 2147483647 CACHE 1 NO CYCLE)}), else null
 * @param generated    the expression of a stored generated column, else null
 * @param notNull      whether it is declared {@code NOT NULL}
 */
public record Column(String name, String type, String collation, String defaultValue, String identity,
                     String generated, boolean notNull) {

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** A nullable column of {@code type} with nothing else set. */
    public static Column of(String name, String type) {
        return new Column(name, type, null, null, null, null, false);
    }

    /** This column with {@code NOT NULL} set as given. */
    public Column notNull(boolean value) {
        return new Column(name, type, collation, defaultValue, identity, generated, value);
    }

    /** This column with another default expression (null for none). */
    public Column withDefault(String expression) {
        return new Column(name, type, collation, expression, identity, generated, notNull);
    }

    /** This column with another type. */
    public Column withType(String newType) {
        return new Column(name, newType, collation, defaultValue, identity, generated, notNull);
    }
}
