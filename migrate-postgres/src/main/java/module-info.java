/** The PostgreSQL dialect of migrate. */
module io.migrate.postgres {
    requires transitive io.migrate.api;
    requires org.postgresql.jdbc;
    requires java.naming;

    exports io.migrate.postgres;

    provides io.migrate.spi.Dialect with io.migrate.postgres.PostgresDialect;
}
