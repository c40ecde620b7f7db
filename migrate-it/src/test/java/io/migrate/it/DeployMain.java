package io.migrate.it;

import io.migrate.Migrator;
import io.migrate.api.DeployResult;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A deploy in a JVM of its own, started by tests as a separate process.
 *
 * <p>Arguments: JDBC URL, user, location. The password, if any, comes from the environment
 * variable {@value #PASSWORD_ENV}, so that it never shows in a process listing. Prints
 * {@code applied=<n>} and exits 0, or prints the failure and exits 1.
 *
 * <p>With the system property {@value #GATE_PROPERTY} set, it prints {@value #READY} once the
 * library and the driver are loaded and waits for a line on standard input before deploying, so
 * that a test can release several processes at the same moment.
 */
public final class DeployMain {

    static final String PASSWORD_ENV = "MIGRATE_IT_PASSWORD";
    static final String GATE_PROPERTY = "migrate.it.gate";
    static final String READY = "READY";
    static final String APPLIED = "applied=";

    private DeployMain() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: DeployMain <jdbc url> <user> <location>  (password in $" + PASSWORD_ENV + ")");
            System.exit(2);
        }
        try {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(args[0]);
            ds.setUser(args[1]);
            String password = System.getenv(PASSWORD_ENV);
            if (password != null && !password.isEmpty()) {
                ds.setPassword(password);
            }
            Migrator migrator = Migrator.configure(ds).locations(args[2]);
            if (System.getProperty(GATE_PROPERTY) != null) {
                awaitGo();
            }
            DeployResult result = migrator.deploy();
            System.out.println(APPLIED + result.applied().size());
            System.out.flush();
            System.exit(0);
        } catch (Throwable e) {
            System.out.println("FAILED: " + e);
            e.printStackTrace(System.out);
            System.out.flush();
            System.exit(1);
        }
    }

    private static void awaitGo() throws Exception {
        System.out.println(READY);
        System.out.flush();
        // A closed stdin (the test went away) also releases the gate; the deploy then runs alone.
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }
}
