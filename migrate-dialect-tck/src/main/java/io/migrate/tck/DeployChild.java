package io.migrate.tck;

import io.migrate.Migrator;
import io.migrate.spi.Dialect;

import java.time.Duration;

/**
 * The deploy that {@link ConcurrencyContract} runs in other JVMs. Arguments: JDBC URL, user (or
 * "null"), password (or "null"), location, dialect class. Exits 0 when the deploy succeeded.
 */
public final class DeployChild {

    private DeployChild() {
    }

    public static void main(String[] args) throws Exception {
        String user = "null".equals(args[1]) ? null : args[1];
        String password = "null".equals(args[2]) ? null : args[2];
        KitDatabase db = new KitDatabase(args[0], user, password, "unused", () -> { });
        Dialect dialect = (Dialect) Class.forName(args[4]).getConstructor().newInstance();
        System.out.println(Migrator.configure(db.dataSource()).locations(args[3]).dialect(dialect)
                .lockTimeout(Duration.ofSeconds(120)).deploy());
    }
}
