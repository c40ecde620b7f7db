package io.migrate.tck;

/**
 * Every check of the kit. A dialect module's test class implements it and the three methods of
 * {@link DialectKit}:
 *
 * <pre>{@code
 * class MyDialectConformanceIT implements DialectConformance {
 *     public Dialect dialect() { return new MyDialect(); }
 *     public KitDatabase newDatabase() throws Exception { ... create a database, return it with its cleanup ... }
 *     public KitSql sql() { return KitSql.standard().sleep(s -> "SELECT SLEEP(" + s + ")") ...; }
 * }
 * }</pre>
 *
 * A failure message starts with the SPI method that is wrong ({@code Dialect.split(String) is wrong: ...})
 * and says what was expected.
 */
public interface DialectConformance extends DiscoveryContract, SplitterContract, HistoryContract, LockContract,
        DeployContract, ErrorContract, ConcurrencyContract {
}
