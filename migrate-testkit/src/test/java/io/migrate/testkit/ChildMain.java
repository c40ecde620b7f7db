package io.migrate.testkit;

import io.migrate.api.MigrationException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What the tests run in a second JVM:
 * <ul>
 *   <li>{@code server}: starts the shared server and prints {@code PROVIDER <key>}, or {@code ERROR <message>};</li>
 *   <li>{@code template <location>}: prepares the template and prints {@code BUILT <name>} or {@code REUSED <name>};</li>
 *   <li>{@code hold <location>}: takes a database, prints {@code HOLDING <name>} and waits to be killed;</li>
 *   <li>{@code tests <location> <count>}: what a test class does, with a migrated and an empty template
 *       pooled as by default: takes, uses and closes {@code count} databases of each, then prints
 *       {@code TAG <run tag>} and {@code DONE} and exits, leaving the clean-up to the shutdown.</li>
 * </ul>
 */
public final class ChildMain {

    private ChildMain() {
    }

    public static void main(String[] args) throws InterruptedException, SQLException {
        try {
            switch (args[0]) {
                case "server" -> System.out.println("PROVIDER " + PostgresServer.shared().provider().key());
                case "template" -> {
                    DatabaseTemplate template = DatabaseTemplate.postgres().locations(args[1]).poolSize(0).prepare();
                    System.out.println((template.reused() ? "REUSED " : "BUILT ") + template.name());
                }
                case "hold" -> {
                    Database database = DatabaseTemplate.postgres().locations(args[1]).poolSize(0).prepare().newDatabase();
                    System.out.println("HOLDING " + database.name());
                    Thread.sleep(120_000);
                }
                case "tests" -> {
                    DatabaseTemplate migrated = DatabaseTemplate.postgres().locations(args[1]).prepare();
                    DatabaseTemplate empty = DatabaseTemplate.empty().prepare();
                    for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                        for (DatabaseTemplate template : List.of(migrated, empty)) {
                            try (Database database = template.newDatabase(); Connection c = database.connect()) {
                                c.createStatement().execute("CREATE TABLE t (id int)");
                            }
                        }
                    }
                    System.out.println("TAG " + migrated.server().leftovers().tag());
                    System.out.println("DONE");
                }
                default -> throw new IllegalArgumentException(args[0]);
            }
        } catch (MigrationException e) {
            System.out.println("ERROR " + e.getMessage());
            System.out.flush();
            System.exit(2);
        }
        System.out.flush();
        System.exit(0);
    }
}
