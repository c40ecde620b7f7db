package io.migrate.cli;

import io.migrate.testkit.Database;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged {@code migrate.jar} as a user does: a separate JVM, its own working directory,
 * an environment without the build's {@code DATABASE_URL} or {@code MIGRATE_*} variables, no terminal.
 */
final class Cli {

    static final Path JAR = Path.of(System.getProperty("migrate.cli.jar", "target/migrate.jar")).toAbsolutePath();
    static final Path ARCHIVE = JAR.resolveSibling("migrate.jsa");

    final Path workDir;
    private final Map<String, String> environment = new HashMap<>();

    Cli(Path workDir) {
        this.workDir = workDir;
    }

    /** A variable in the environment of the following runs. */
    Cli env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** The outcome of one run. */
    record Result(int exitCode, String stdout, String stderr) {
        String all() {
            return stdout + stderr;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    Result run(String... args) {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:SharedArchiveFile=" + ARCHIVE,
                "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return start(command, null);
    }

    /** Runs any command (a launcher script) in the same environment. */
    Result start(List<String> command, String input) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("MIGRATE_") || name.equals("DATABASE_URL") || name.equals("JAVA_OPTS"));
        env.putAll(environment);
        if (input == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        try {
            Process process = builder.start();
            if (input != null) {
                process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
                process.getOutputStream().close();
            }
            CompletableFuture<String> out = read(process.getInputStream());
            CompletableFuture<String> err = read(process.getErrorStream());
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("Timed out: " + command);
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static CompletableFuture<String> read(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Writes {@code <location>/<name>/migration.sql} under the working directory. */
    Cli migration(String location, String name, String sql) {
        return file(location + "/" + name + "/migration.sql", sql);
    }

    Cli migration(String name, String sql) {
        return migration("db", name, sql);
    }

    Cli file(String path, String content) {
        try {
            Path file = workDir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A JDBC URL with the user (and password, if any) as parameters. */
    static String jdbcUrl(Database db) {
        return db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "user=" + db.user()
                + (db.password() == null ? "" : "&password=" + db.password());
    }

    /** {@code host:port} of the database's server, from its JDBC URL. */
    static String hostAndPort(Database db) {
        String rest = db.jdbcUrl().substring("jdbc:postgresql://".length());
        return rest.substring(0, rest.indexOf('/'));
    }

    /** The first column of a query's rows, as strings. */
    static List<String> column(Database db, String sql) {
        List<String> values = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return values;
    }

    static void execute(Database db, String sql) {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** Names of applied migrations in the history table, in order. */
    static List<String> applied(Database db, String table) {
        return column(db, "SELECT migration_name FROM " + table
                + " WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name, started_at");
    }
}
