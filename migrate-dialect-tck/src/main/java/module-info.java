/**
 * The dialect conformance kit: JUnit 5 contracts that a dialect module runs against its own
 * database by implementing {@link io.migrate.tck.DialectConformance}.
 */
module io.migrate.tck {
    requires transitive io.migrate.core;
    requires transitive org.junit.jupiter.api;
    requires transitive net.jqwik.api;
    requires org.assertj.core;

    exports io.migrate.tck;

    uses io.migrate.spi.Dialect;
}
