package io.migrate.tck;

import io.migrate.Migrator;
import io.migrate.spi.Dialect;

import java.time.Duration;

/**
 * A deploy in a JVM of its own, as {@link ConcurrencyContract} runs it. Arguments: JDBC URL, user
 * (or "null"), password (or "null"), location, dialect class, and optionally the history table.
 * Prints the result and exits 0 when the deploy succeeded; prints the failure and exits 1 otherwise.
 */
public final class DeployChild {

    private DeployChild() {
    }

    public static void main(String[] args) throws Exception {
        String user = "null".equals(args[1]) ? null : args[1];
        String password = "null".equals(args[2]) ? null : args[2];
        KitDatabase db = new KitDatabase(args[0], user, password, "unused", () -> { });
        Dialect dialect = (Dialect) Class.forName(args[4]).getConstructor().newInstance();
        Migrator migrator = Migrator.configure(db.dataSource()).locations(args[3]).dialect(dialect)
                .lockTimeout(Duration.ofSeconds(120));
        if (args.length > 5) {
            migrator.table(args[5]);
        }
        System.out.println(migrator.deploy());
    }
}
