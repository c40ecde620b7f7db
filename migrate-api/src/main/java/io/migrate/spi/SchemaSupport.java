package io.migrate.spi;

import io.migrate.schema.SchemaChange;
import io.migrate.schema.SchemaObject;
import io.migrate.schema.SchemaSnapshot;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * What a dialect adds to support schema snapshots, diffs and drift detection: reading a catalog into
 * a {@link SchemaSnapshot}, rendering a {@link SchemaChange} as SQL, and the database-level statements
 * behind a temporary shadow database. A dialect offers it through {@link Dialect#schemaSupport()};
 * one that does not still deploys, and diff operations then fail with
 * {@link io.migrate.api.ErrorCode#SCHEMA_DIFF_UNSUPPORTED}.
 *
 * <p>Comparing snapshots and ordering the changes is the engine's and the same for every dialect.
 * Implementations are stateless; methods run on a connection in auto-commit mode.
 */
public interface SchemaSupport {

    /**
     * Reads every schema of the connection's database other than the system's, normalised: names
     * sorted, definitions as the database renders them, nothing that depends on object ids or the
     * order things were created in. Objects that belong to an extension are represented by the
     * extension alone.
     *
     * @param excludedTables tables ({@code schema.table}, unquoted) left out with everything that
     *                       belongs to them: the history table
     */
    SchemaSnapshot read(Connection connection, Set<String> excludedTables) throws SQLException;

    /** The statements, without terminators, that make one change; the engine has ordered the changes. */
    List<String> render(SchemaChange change);

    /**
     * Whether a column of type {@code from} can be changed to type {@code to} in place (types as
     * {@link #read} renders them); when not, the diff drops the column and adds it again, with a
     * data-loss warning. The default says yes for every pair.
     */
    default boolean canConvert(String from, String to) {
        return true;
    }

    /**
     * Whether function or procedure {@code from} can be replaced by {@code to} in place (same kind, name
     * and argument types); when not (PostgreSQL: another return type or other parameter names), the diff
     * drops it, with the views that call it, and creates it again. The default says yes.
     */
    default boolean canReplace(SchemaObject from, SchemaObject to) {
        return true;
    }

    /**
     * Statements a script needs before its changes (PostgreSQL: turning off the check of routine
     * bodies, so a routine may be created before what its body uses). Empty by default.
     */
    default List<String> preamble(List<SchemaChange> changes) {
        return List.of();
    }

    /**
     * The statement that renames table {@code schema.from} to {@code to}, for a push told of a rename.
     * The default quotes names as standard SQL does.
     */
    default String renameTable(String schema, String from, String to) {
        return "ALTER TABLE " + quote(schema) + "." + quote(from) + " RENAME TO " + quote(to);
    }

    /**
     * The statement that renames column {@code from} of table {@code schema.table} to {@code to}, keeping
     * its data. The default quotes names as standard SQL does.
     */
    default String renameColumn(String schema, String table, String from, String to) {
        return "ALTER TABLE " + quote(schema) + "." + quote(table) + " RENAME COLUMN " + quote(from) + " TO " + quote(to);
    }

    private static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /**
     * What the database's own settings say about its environment ({@code production}, {@code staging},
     * ...), if it says anything; push refuses a database that says production. Empty by default.
     */
    default java.util.Optional<String> environment(Connection connection) throws SQLException {
        return java.util.Optional.empty();
    }

    /**
     * Creates the database {@code name}, as a copy of {@code template} when it is not null.
     *
     * @throws SQLException that {@link #isMissingPrivilege} recognises when the user may not create databases
     */
    void createDatabase(Connection connection, String name, String template) throws SQLException;

    /**
     * Whether {@code error} says the user lacks a privilege; the engine then names the privilege
     * {@link #createDatabase} needs. The default reads the standard SQLSTATE {@code 42501}.
     */
    default boolean isMissingPrivilege(SQLException error) {
        return "42501".equals(error.getSQLState());
    }

    /**
     * Renames the database {@code from} to {@code to}: the commit point of a shadow template, so that
     * no one clones a half-built one.
     *
     * @throws SQLException with SQLSTATE {@code 42P04} when {@code to} exists already
     */
    void renameDatabase(Connection connection, String from, String to) throws SQLException;

    /** Drops the database {@code name} if it exists, closing other sessions' connections to it if needed. */
    void dropDatabase(Connection connection, String name) throws SQLException;

    /** The databases on the connection's server whose names start with {@code prefix}, the oldest first. */
    List<String> databases(Connection connection, String prefix) throws SQLException;

    /**
     * A data source for the database {@code database} on the same server as {@code original}, with the
     * same credentials.
     *
     * @throws SQLException when that cannot be done from what {@code original} exposes; the engine then
     *                      asks the user for {@code shadowDatabase(DataSource)}
     */
    DataSource dataSource(DataSource original, Connection connection, String database) throws SQLException;

    /** Drops everything in the connection's database that a migration could have created, for a given shadow database. */
    void emptyDatabase(Connection connection) throws SQLException;
}
