/**
 * The dialect SPI: implement {@link io.migrate.spi.Dialect} against this module alone and register
 * it with {@link java.util.ServiceLoader} to add support for a database.
 */
package io.migrate.spi;
