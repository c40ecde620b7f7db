package io.migrate.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Helpers shared by the integration tests. */
final class TestServers {

    private TestServers() {
    }

    /**
     * Settings that reach the shared server by URL: what another run of the tests, in this JVM or
     * another, would use to find the same server.
     */
    static Map<String, String> sameServer() {
        PostgresServer shared = PostgresServer.shared();
        Map<String, String> settings = new HashMap<>();
        settings.put(PostgresServer.URL_PROPERTY, shared.jdbcUrl(shared.adminDatabase()));
        settings.put(PostgresServer.USER_PROPERTY, shared.user());
        if (shared.password() != null) {
            settings.put(PostgresServer.PASSWORD_PROPERTY, shared.password());
        }
        return settings;
    }

    /** A second handle on the shared server, with its own run tag and templates: another run, as far as the server can tell. */
    static PostgresServer anotherRun() {
        return PostgresServer.start(Setting.of(sameServer()), PostgresServer.systemProbes());
    }

    /** The system properties that make a child JVM use the shared server. */
    static List<String> sameServerArguments() {
        List<String> arguments = new ArrayList<>();
        sameServer().forEach((k, v) -> arguments.add("-D" + k + "=" + v));
        return arguments;
    }

    /** A migration set of its own in {@code dir}: its content is unique, so no template exists for it yet. */
    static Path uniqueMigrations(Path dir) throws IOException {
        String marker = UUID.randomUUID().toString().replace("-", "");
        write(dir.resolve("20260101000000_init/migration.sql"),
                "CREATE TABLE items (id SERIAL PRIMARY KEY, label TEXT NOT NULL);\n-- set " + marker + "\n");
        write(dir.resolve("20260102000000_tags/migration.sql"),
                "CREATE TABLE tags (item_id INT REFERENCES items (id), tag TEXT NOT NULL);\n");
        return dir;
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    static boolean exists(PostgresServer server, String database) throws SQLException {
        return TemplateBuilder.isTemplate(admin(server), database) != null;
    }

    /**
     * Whether a database handed to the background dropper is gone once the drops asked for so far
     * are done (they wait while clones are being made, so no fixed delay would do).
     */
    static boolean gone(PostgresServer server, String database) throws SQLException, InterruptedException {
        assertThat(server.awaitDrops(300)).as("background drops finished").isTrue();
        return !exists(server, database);
    }

    /** Drops a template that a test made for a throwaway migration set. */
    static void dropTemplate(PostgresServer server, String name) {
        server.execute("ALTER DATABASE " + PostgresServer.quote(name) + " WITH IS_TEMPLATE false");
        server.dropDatabase(name);
    }

    static List<String> databases(PostgresServer server, String like) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = admin(server).prepareStatement(
                "SELECT datname FROM pg_database WHERE datname LIKE ? ORDER BY datname")) {
            ps.setString(1, like);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    static String queryString(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static Connection admin;

    /** One connection to the maintenance database for the assertions of this JVM. */
    static synchronized Connection admin(PostgresServer server) throws SQLException {
        if (admin == null || admin.isClosed()) {
            admin = server.connect(server.adminDatabase());
        }
        return admin;
    }
}
