/** The migrate engine and its entry point, {@link io.migrate.Migrator}. */
module io.migrate.core {
    requires transitive io.migrate.api;
    requires org.slf4j;

    exports io.migrate;

    uses io.migrate.spi.Dialect;
    uses io.migrate.api.JavaMigration;
}
