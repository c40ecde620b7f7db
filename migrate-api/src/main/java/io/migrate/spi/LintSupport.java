package io.migrate.spi;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The catalog reads behind {@code lint()}: the engine runs each statement of a pending migration on a
 * shadow database in a transaction, and asks the dialect what the catalog says before and after, and
 * which locks the session holds. The rules that turn these facts into findings are the engine's.
 * A dialect offers it through {@link Dialect#lintSupport()}; lint then also needs
 * {@link Dialect#schemaSupport()} for the shadow database.
 *
 * <p>Implementations are stateless and only read. A dialect may add rules of its own syntax through
 * {@link #rules()} and {@link #check(Statement)}; the engine reports, ignores and documents them like its own.
 */
public interface LintSupport {

    /** The user objects of the connection's database (system schemas left out), as the catalog has them now. */
    Catalog catalog(Connection connection) throws SQLException;

    /** The table-level locks that the connection's own session holds now, on user objects. */
    List<Lock> locks(Connection connection) throws SQLException;

    /**
     * The estimated size of each of {@code tables} ({@code schema.name}) that exists in the connection's
     * database; missing ones are left out. Reads statistics only, never the tables.
     */
    Map<String, Size> sizes(Connection connection, Collection<String> tables) throws SQLException;

    /** The rules {@link #check(Statement)} reports, by id and severity (default: none). */
    default List<Rule> rules() {
        return List.of();
    }

    /**
     * The findings of the dialect's own rules in one statement of a linted migration, read from its text
     * (default: none). Called for every statement except transaction control, before it runs on the shadow.
     */
    default List<Finding> check(Statement statement) {
        return List.of();
    }

    /**
     * A rule of the dialect.
     *
     * @param id       its stable id, lower case words joined by {@code -}, as a lint-ignore comment names it
     * @param severity how bad its findings are
     */
    record Rule(String id, io.migrate.api.LintFinding.Severity severity) {
    }

    /**
     * A statement to check.
     *
     * @param sql         the statement as the splitter found it, comments included
     * @param serverMajor the major version of the shadow database's server
     * @param existed     whether a table or another of {@link Catalog#objects()}, named as written (quotes kept,
     *                    other letters in lower case, schema optional, a function without its arguments), existed
     *                    before the linted migrations, so may hold rows and traffic
     * @param display     a table named as written, as findings show it: quotes removed, schema-qualified
     *                    outside the migrations' schema
     */
    record Statement(String sql, int serverMajor, Predicate<String> existed, UnaryOperator<String> display) {
    }

    /**
     * What a dialect rule found in a statement.
     *
     * @param rule        the id of one of {@link #rules()}
     * @param object      the table, index, column or name it concerns
     * @param message     what the statement does, one line
     * @param alternative the safe way, written out as SQL and steps
     */
    record Finding(String rule, String object, String message, String alternative) {
    }

    /**
     * What the catalog holds.
     *
     * @param relations   tables, indexes, materialized views and sequences by object id
     * @param constraints constraints by object id
     * @param columns     the columns of tables, as {@code schema.table.column}
     * @param notNull     those of them that are {@code NOT NULL}
     * @param objects     the other objects an application may name or rely on (views, functions, types,
     *                    sequences, schemas, triggers, policies, extensions, column defaults, identities,
     *                    generated expressions), each under a key that a rename keeps
     */
    record Catalog(Map<Long, Relation> relations, Map<Long, Constraint> constraints, Set<String> columns,
                   Set<String> notNull, Map<String, Named> objects) {
        public Catalog {
            relations = Map.copyOf(relations);
            constraints = Map.copyOf(constraints);
            columns = Set.copyOf(columns);
            notNull = Set.copyOf(notNull);
            objects = Map.copyOf(objects);
        }

        /** A catalog without {@code objects}: lint then reports no drop, rename or change of them. */
        public Catalog(Map<Long, Relation> relations, Map<Long, Constraint> constraints, Set<String> columns,
                       Set<String> notNull) {
            this(relations, constraints, columns, notNull, Map.of());
        }
    }

    /**
     * An object other than a table or index, for the rules that report what the application version still
     * running during a deploy would miss: a drop (the key is gone), a rename or a move to another schema
     * (the key stays, the name changes), a change of {@code definition}.
     *
     * @param kind       what it is, as SQL names it in a finding: {@code view}, {@code function}, {@code default}, …
     * @param name       {@code schema.name}; {@code schema.table.name} for what belongs to a table (a trigger,
     *                   a policy) or {@code schema.table.column} for what belongs to a column (a default);
     *                   just the name for what no schema holds (a schema, an extension)
     * @param owner      the table ({@code schema.table}) or column ({@code schema.table.column}) it belongs to,
     *                   whose own drop or rename takes it along; empty when it stands alone
     * @param definition what the running application relies on, whose change breaks it (an identity's
     *                   {@code GENERATED ALWAYS}, a generated column's expression); empty when no change counts
     */
    record Named(String kind, String name, String owner, String definition) {
    }

    /**
     * A table, index, materialized view or sequence.
     *
     * @param name    {@code schema.name}
     * @param kind    what it is
     * @param table   for an index, its table's {@code schema.name}; else the same as {@code name}
     * @param storage what identifies its storage: it changes when the relation is rewritten
     */
    record Relation(String name, Kind kind, String table, long storage) {
    }

    /** The kinds of relation lint tells apart. */
    enum Kind { TABLE, INDEX, MATERIALIZED_VIEW, OTHER }

    /**
     * A constraint.
     *
     * @param name       its name
     * @param table      its table's {@code schema.name} (for a domain constraint, the domain's)
     * @param type       what it is
     * @param validated  whether existing rows were checked against it
     * @param definition how the database renders it, e.g. {@code CHECK ((email IS NOT NULL))}
     */
    record Constraint(String name, String table, ConstraintType type, boolean validated, String definition) {
    }

    /** The constraint types lint tells apart. */
    enum ConstraintType { PRIMARY_KEY, UNIQUE, FOREIGN_KEY, CHECK, EXCLUSION, OTHER }

    /**
     * A lock held on a relation.
     *
     * @param relation     {@code schema.name} of the table or index
     * @param mode         the mode as SQL names it, e.g. {@code ACCESS EXCLUSIVE}
     * @param blocksReads  whether it blocks plain {@code SELECT}s of other sessions
     * @param blocksWrites whether it blocks {@code INSERT}, {@code UPDATE} and {@code DELETE} of other sessions
     * @param strength     its rank among the database's lock modes, higher conflicting with more
     */
    record Lock(String relation, String mode, boolean blocksReads, boolean blocksWrites, int strength) {
    }

    /**
     * A table's size.
     *
     * @param rows  estimated rows, or -1 when the database has no estimate yet
     * @param bytes the size of its main data, indexes and TOAST left out
     */
    record Size(long rows, long bytes) {
    }
}
