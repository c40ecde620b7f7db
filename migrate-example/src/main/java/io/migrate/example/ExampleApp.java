package io.migrate.example;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.migrate.Migrator;
import io.migrate.api.MigrationException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Migrates a PostgreSQL database at start-up, as an application would, then queries it.
 *
 * <p>The database is the JDBC URL in {@code DATABASE_URL} or {@code -Ddatabase.url}, e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}; without one, an embedded
 * PostgreSQL is started for the run.
 */
public final class ExampleApp {

    private ExampleApp() {
    }

    public static void main(String[] args) throws IOException, SQLException {
        String url = databaseUrl();
        if (url != null && !url.startsWith("jdbc:")) {
            System.err.println("DATABASE_URL must be a JDBC URL: jdbc:postgresql://host:port/database?user=...");
            System.exit(1);
        }
        try (EmbeddedPostgres embedded = url == null ? EmbeddedPostgres.builder().start() : null) {
            if (embedded != null) {
                url = embedded.getJdbcUrl("postgres", "postgres");
            }
            System.out.println("Database: " + withoutCredentials(url) + (embedded != null ? " (embedded)" : ""));
            try (HikariDataSource dataSource = pool(url)) {
                Migrator migrator = Migrator.configure(dataSource).locations("classpath:db");
                System.out.println(migrator.deploy());
                // What every later start-up sees: nothing to apply.
                System.out.println(migrator.deploy());
                System.out.println();
                System.out.println(migrator.status());
                printUsers(dataSource);
            }
        } catch (MigrationException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    private static HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("example");
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }

    private static void printUsers(DataSource dataSource) throws SQLException {
        String query = """
                SELECT u.name, u.email, u.role, count(p.id) AS posts
                FROM users u LEFT JOIN posts p ON p.author_id = u.id
                GROUP BY u.id
                ORDER BY u.id""";
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            System.out.printf("%n%-14s %-20s %-6s %s%n", "name", "email", "role", "posts");
            while (rows.next()) {
                System.out.printf("%-14s %-20s %-6s %d%n", rows.getString("name"), rows.getString("email"),
                        rows.getString("role"), rows.getLong("posts"));
            }
        }
    }

    private static String databaseUrl() {
        String url = System.getProperty("database.url", System.getenv("DATABASE_URL"));
        return url == null || url.isBlank() ? null : url.strip();
    }

    /** The URL without user information or parameters, which may hold a password. */
    private static String withoutCredentials(String url) {
        return url.replaceFirst("//[^/@]*@", "//").replaceFirst("[?;].*", "");
    }
}
