package io.migrate.api;

import java.sql.Connection;

/**
 * A migration written in Java, for data changes that SQL expresses badly. It runs in name order
 * among the SQL migrations, has its own history row, and shows in status like any other.
 *
 * <p>Register instances with {@code Migrator.javaMigrations(...)}, or list implementation classes
 * (public, with a public no-argument constructor) in
 * {@code META-INF/services/io.migrate.api.JavaMigration}, where the builder's class loader finds them.
 *
 * <pre>{@code
 * public final class BackfillDisplayNames implements JavaMigration {
 *     public String name() { return "20260301120000_backfill_display_names"; }
 *     public void migrate(Connection connection) throws SQLException {
 *         try (var update = connection.prepareStatement("UPDATE users SET display_name = ? WHERE id = ?")) {
 *             ...
 *         }
 *     }
 * }
 * }</pre>
 */
public interface JavaMigration {

    /** The migration's name, {@code <14-digit UTC timestamp>_<name>}, as a SQL migration's folder is named. */
    String name();

    /**
     * The version of this migration's code. Its checksum is derived from the class name and this
     * number, so bump it when you change what an applied migration does: validation then reports it
     * as modified, as it would an edited SQL file (default: 1).
     */
    default int version() {
        return 1;
    }

    /**
     * Whether it runs inside a transaction together with its history row (default: true). A
     * non-transactional one gets a connection in auto-commit mode and may commit as it goes, as a
     * batched backfill does; it is recorded as started first, so a crash leaves it failed.
     */
    default boolean transactional() {
        return true;
    }

    /**
     * Does the work on {@code connection}, which belongs to the migration run: do not close it, and
     * in a transactional migration do not commit or roll back.
     */
    void migrate(Connection connection) throws Exception;
}
