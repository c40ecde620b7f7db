package io.migrate.cli;

import io.migrate.testkit.Database;
import io.migrate.testkit.MigratedDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The zip distribution as it is installed: unpacked, run through {@code bin/migrate}, with a jar of
 * Java migrations dropped in {@code lib/}; and the README's CI step and container command.
 */
class DistributionIT {

    static final Path ZIP = Path.of(System.getProperty("migrate.cli.distribution",
            "target/migrate-0.1.0-SNAPSHOT.zip")).toAbsolutePath();

    @RegisterExtension
    final MigratedDatabase extension = MigratedDatabase.empty();

    @TempDir
    Path dir;

    Database db;
    Path home;
    Path launcher;
    Cli cli;

    @BeforeEach
    void setUp() throws IOException {
        db = extension.database();
        home = unzip(ZIP, dir.resolve("install"));
        launcher = home.resolve("bin/migrate");
        Path app = Files.createDirectories(dir.resolve("app"));
        cli = new Cli(app).env("DATABASE_URL", Cli.jdbcUrl(db)).env("JAVA_HOME", System.getProperty("java.home"))
                .migration("20260101000000_create_users", "CREATE TABLE users (id int);\n");
    }

    @Test
    void launcherRunsCommandsAndMakesItsArchiveOnce() {
        assertThat(home.getFileName().toString()).matches("migrate-\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(Files.isRegularFile(home.resolve("lib/migrate.jar"))).isTrue();

        Cli.Result first = cli.start(List.of(launcher.toString(), "status"), null);
        assertThat(first.exitCode()).as(first.toString()).isEqualTo(3);
        assertThat(first.stdout()).startsWith("1 migration found in filesystem:db\n");
        assertThat(first.stderr()).isEmpty();
        assertThat(home.resolve("lib/migrate.jsa")).isRegularFile();
        assertThat(home.resolve("lib/migrate.jsa.key")).isRegularFile();

        Cli.Result second = cli.start(List.of(launcher.toString(), "deploy"), null);
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.stdout()).startsWith("Applied 1 migration in ");
        assertThat(Cli.applied(db, "_migrations")).containsExactly("20260101000000_create_users");
    }

    @Test
    void jarsInLibAreOnTheClassPath() throws Exception {
        compileJavaMigration(home.resolve("lib/app-migrations.jar"));

        Cli.Result result = cli.start(List.of(launcher.toString(), "deploy"), null);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(Cli.applied(db, "_migrations")).containsExactly("20260101000000_create_users", "20260102000000_java_audit");
        assertThat(Cli.column(db, "SELECT tablename FROM pg_tables WHERE tablename = 'java_audit'")).containsExactly("java_audit");
    }

    /** The README's container command: the application starts only after a successful deploy. */
    @Test
    void containerCommandStartsTheApplicationOnlyAfterADeploy() {
        List<String> command = List.of("sh", "-c", launcher + " deploy && exec echo application started");

        Cli.Result ok = cli.start(command, null);
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.stdout()).startsWith("Applied 1 migration in ").endsWith("application started\n");

        cli.migration("20260103000000_broken", "SELECT nope;\n");
        Cli.Result failed = cli.start(command, null);
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.stdout()).doesNotContain("application started");
        assertThat(failed.stderr()).contains("[MIGRATION_FAILED] Migration 20260103000000_broken failed at line 1");
    }

    /** The README's CI step: status gates on pending migrations (exit 3), deploy applies them. */
    @Test
    void ciStepGatesOnStatusThenDeploys() {
        String step = launcher + " status --json > status.json || test $? -eq 3\n" + launcher + " deploy";

        Cli.Result result = cli.start(List.of("bash", "-ec", step), null);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(cli.workDir.resolve("status.json")).content().startsWith("{\"verdict\":\"PENDING\"");
        assertThat(Cli.applied(db, "_migrations")).containsExactly("20260101000000_create_users");
    }

    private void compileJavaMigration(Path jar) throws IOException {
        Path sources = Files.createDirectories(dir.resolve("src/app"));
        Files.writeString(sources.resolve("JavaAudit.java"), """
                package app;

                public final class JavaAudit implements io.migrate.api.JavaMigration {
                    public String name() { return "20260102000000_java_audit"; }
                    public void migrate(java.sql.Connection connection) throws java.sql.SQLException {
                        try (var statement = connection.createStatement()) {
                            statement.execute("CREATE TABLE java_audit (id int)");
                        }
                    }
                }
                """);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Cli.Result javac = cli.start(List.of(Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "-cp", Cli.JAR.toString(), "-d", classes.toString(), sources.resolve("JavaAudit.java").toString()), null);
        assertThat(javac.exitCode()).as(javac.toString()).isZero();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("app/JavaAudit.class"));
            out.write(Files.readAllBytes(classes.resolve("app/JavaAudit.class")));
            out.putNextEntry(new JarEntry("META-INF/services/io.migrate.api.JavaMigration"));
            out.write("app.JavaAudit\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Path unzip(Path zip, Path target) throws IOException {
        Path top = null;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path file = target.resolve(entry.getName()).normalize();
                if (top == null) {
                    top = target.resolve(target.relativize(file).getName(0));
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                    continue;
                }
                Files.createDirectories(file.getParent());
                copy(in, file);
                if (file.getParent().getFileName().toString().equals("bin")) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
        return top;
    }

    private static void copy(InputStream in, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            in.transferTo(out);
        }
    }
}
