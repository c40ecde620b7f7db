/** The MariaDB and MySQL dialect of migrate. */
module io.migrate.mariadb {
    requires transitive io.migrate.api;

    exports io.migrate.mariadb;

    provides io.migrate.spi.Dialect with io.migrate.mariadb.MariaDbDialect;
}
