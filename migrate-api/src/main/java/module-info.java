/**
 * The public surface of migrate: exceptions, error codes and results that users read, and the
 * dialect SPI that database plugins implement.
 */
module io.migrate.api {
    requires transitive java.sql;

    exports io.migrate.api;
    exports io.migrate.spi;
    exports io.migrate.schema;
}
