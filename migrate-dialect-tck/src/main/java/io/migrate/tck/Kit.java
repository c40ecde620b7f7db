package io.migrate.tck;

import io.migrate.Migrator;
import io.migrate.spi.Dialect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** One check's database and migrations folder, with the queries the checks make. */
final class Kit implements AutoCloseable {

    final DialectKit fixture;
    final Dialect dialect;
    final KitSql sql;
    final KitDatabase db;
    final Path folder;

    private Kit(DialectKit fixture, KitDatabase db, Path folder) {
        this.fixture = fixture;
        this.dialect = fixture.dialect();
        this.sql = fixture.sql();
        this.db = db;
        this.folder = folder;
    }

    static Kit open(DialectKit fixture) throws Exception {
        KitDatabase db = fixture.newDatabase();
        return new Kit(fixture, db, Files.createTempDirectory("migrate-tck"));
    }

    /** How a failure names the SPI method at fault and what it should have done. */
    static String spi(String method, String expected) {
        return "Dialect." + method + " is wrong: " + expected;
    }

    /** Writes {@code <name>/migration.sql}, replacing what was there. */
    Kit migration(String name, String script) {
        try {
            Path dir = Files.createDirectories(folder.resolve(name));
            Files.writeString(dir.resolve("migration.sql"), script, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String location() {
        return "filesystem:" + folder;
    }

    Migrator migrator() {
        return Migrator.configure(db.dataSource()).locations(location()).dialect(dialect).lockTimeout(Duration.ofSeconds(30));
    }

    String table(String name) {
        return sql.createTable(name);
    }

    void execute(String statement) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    List<String> column(String query) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    long count(String table) throws SQLException {
        return Long.parseLong(column("SELECT COUNT(*) FROM " + table).get(0));
    }

    /** Whether a query on the table succeeds: the portable way to ask whether it exists. */
    boolean exists(String table) {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.executeQuery("SELECT COUNT(*) FROM " + table).close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    String history() throws SQLException {
        try (Connection c = db.connect()) {
            return dialect.quote(dialect.currentSchema(c)) + "." + dialect.quote("_migrations");
        }
    }

    long sessionId(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql.sessionId())) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } finally {
            db.close();
        }
    }
}
