package io.migrate.it;

import io.migrate.Migrator;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load for the server while the integration tests run, so that they prove not to depend on an idle
 * server: threads that each create a database, deploy this module's test migrations into it (same
 * schema and history table as the tests, so the same migration-lock key in another database), deploy
 * again, and drop it, over and over. Bounded: it stops by itself after the given time, or as soon as
 * the stop file exists, and drops what it created.
 *
 * <p>Arguments: admin JDBC URL (user and password as URL parameters), seconds, stop file, threads.
 */
public final class BackgroundDeployer {

    private BackgroundDeployer() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Duration limit = Duration.ofSeconds(Long.parseLong(args[1]));
        Path stop = Path.of(args[2]);
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        String run = UUID.randomUUID().toString().substring(0, 8);
        long deadline = System.nanoTime() + limit.toNanos();
        AtomicInteger deploys = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            String prefix = "mit_bg_" + run + "_" + t;
            workers[t] = new Thread(() -> loop(url, prefix, deadline, stop, deploys, failures), prefix);
            workers[t].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        System.out.printf(Locale.ROOT, "BackgroundDeployer %s: %d deploys, %d failures%n", run, deploys.get(), failures.get());
        System.exit(failures.get() == 0 ? 0 : 1);
    }

    private static void loop(String url, String prefix, long deadline, Path stop, AtomicInteger deploys, AtomicInteger failures) {
        for (int round = 0; System.nanoTime() < deadline && !Files.exists(stop); round++) {
            String database = prefix + "_" + round;
            try {
                admin(url, "CREATE DATABASE " + database);
                try {
                    PGSimpleDataSource ds = new PGSimpleDataSource();
                    ds.setURL(url.replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1"));
                    Migrator migrator = Migrator.configure(ds).locations("classpath:db").lockTimeout(Duration.ofMinutes(1));
                    migrator.deploy();
                    migrator.deploy();
                    deploys.incrementAndGet();
                } finally {
                    admin(url, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                }
            } catch (RuntimeException | SQLException e) {
                failures.incrementAndGet();
                System.out.println("BackgroundDeployer: " + database + ": " + e.getMessage());
            }
        }
    }

    private static void admin(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
