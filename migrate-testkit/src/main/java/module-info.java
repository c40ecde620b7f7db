/** Throwaway, fully migrated PostgreSQL databases for tests. */
module io.migrate.testkit {
    requires transitive io.migrate.core;
    requires transitive java.sql;
    requires io.migrate.postgres;
    requires org.postgresql.jdbc;
    requires org.slf4j;
    requires static embedded.postgres;
    requires static java.naming;

    exports io.migrate.testkit;
}
