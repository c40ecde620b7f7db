/**
 * Throwaway, fully migrated PostgreSQL databases for tests: {@link io.migrate.testkit.MigratedDatabase}
 * for JUnit 5, {@link io.migrate.testkit.DatabaseTemplate} for any framework.
 */
module io.migrate.testkit {
    requires transitive io.migrate.core;
    requires transitive java.sql;
    requires io.migrate.postgres;
    requires org.postgresql.jdbc;
    requires org.slf4j;
    // JUnit only for MigratedDatabase; embedded PostgreSQL only when on the class path. Testcontainers
    // is reached through reflection: its jars split packages and cannot be read as modules.
    requires static org.junit.jupiter.api;
    requires static embedded.postgres;
    requires static java.naming;

    exports io.migrate.testkit;
    // JUnit instantiates MigratedDatabase for @MigratedPostgres through its private constructor.
    opens io.migrate.testkit to org.junit.platform.commons;
}
