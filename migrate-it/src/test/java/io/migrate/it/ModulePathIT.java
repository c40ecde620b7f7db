package io.migrate.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application on the module path, not the class path: a modular jar that requires
 * {@code io.migrate.core} and deploys with {@code java --module-path ... -m app/app.Main}, with
 * migrate-api, migrate-core and migrate-postgres as named modules and pgjdbc and SLF4J as automatic
 * ones. The dialect is found through the modules' {@code uses}/{@code provides}, and the migrations
 * are read from the application's own module.
 */
class ModulePathIT {

    /** The start of each needed jar's file name: the three library modules, pgjdbc and SLF4J. */
    private static final List<String> JARS = List.of("migrate-api-", "migrate-core-", "migrate-postgres-", "postgresql-", "slf4j-api-");

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    @Test
    void anApplicationOnTheModulePathDeploysWithTheNamedModules() throws Exception {
        List<Path> modulePath = libraryModules();
        Path app = buildApplication(modulePath);

        List<String> arguments = new ArrayList<>(ChildJvm.QUICK_START);
        arguments.addAll(List.of("--module-path", join(app, modulePath), "-m", "app/app.Main", db.url(), db.server().user()));
        try (ChildJvm child = ChildJvm.start("module-path-app", arguments,
                java.util.Collections.singletonMap("CLASSPATH", null))) {
            Integer exit = child.waitFor(Duration.ofMinutes(2));
            assertThat(exit).as("the application ended:%n%s", child.tail(40)).isZero();
            assertThat(child.output()).contains(
                    "app in module app",
                    "Migrator in module io.migrate.core",
                    "module io.migrate.postgres provides io.migrate.spi.Dialect with [io.migrate.postgres.PostgresDialect]",
                    "applied [20260101000000_create_accounts, 20260102000000_add_email]",
                    "seeded");
        }
        assertThat(db.column("SELECT email FROM accounts")).containsExactly("seed@example.com");
        assertThat(db.column("SELECT column_name FROM information_schema.columns WHERE table_name = 'accounts'"
                + " ORDER BY ordinal_position")).containsExactly("id", "email");
    }

    /** The library's jars (or, run from an IDE, its class directories) and the two it needs, from this test's class path. */
    private static List<Path> libraryModules() {
        List<Path> found = new ArrayList<>();
        for (String entry : ChildJvm.testClassPath().split(File.pathSeparator)) {
            Path path = Paths.get(entry);
            String name = Files.isDirectory(path) && path.getNameCount() >= 3
                    ? path.getName(path.getNameCount() - 3) + "-" : String.valueOf(path.getFileName());
            if (JARS.stream().anyMatch(name::startsWith)) {
                found.add(path);
            }
        }
        assertThat(found).as("library modules on the test class path").hasSize(JARS.size());
        return found;
    }

    private Path buildApplication(List<Path> modulePath) throws Exception {
        Path sources = dir.resolve("src");
        write(sources.resolve("module-info.java"), """
                module app {
                    requires io.migrate.core;
                    requires org.postgresql.jdbc;
                    requires java.naming; // PGSimpleDataSource is Referenceable
                }
                """);
        write(sources.resolve("app/Main.java"), """
                package app;

                import io.migrate.Migrator;
                import io.migrate.api.AppliedMigration;
                import io.migrate.api.DeployResult;
                import org.postgresql.ds.PGSimpleDataSource;

                public final class Main {
                    public static void main(String[] args) {
                        System.out.println("app in module " + Main.class.getModule().getName());
                        System.out.println("Migrator in module " + Migrator.class.getModule().getName());
                        PGSimpleDataSource ds = new PGSimpleDataSource();
                        ds.setURL(args[0]);
                        ds.setUser(args[1]);
                        ModuleLayer.boot().findModule("io.migrate.postgres").ifPresent(m -> m.getDescriptor().provides()
                                .forEach(p -> System.out.println("module " + m.getName() + " provides " + p.service()
                                        + " with " + p.providers())));
                        Migrator migrator = Migrator.configure(ds).locations("classpath:db");
                        DeployResult result = migrator.deploy();
                        System.out.println("applied " + result.applied().stream().map(AppliedMigration::name).toList());
                        migrator.seed();
                        System.out.println("seeded");
                    }
                }
                """);
        Path classes = dir.resolve("classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int compiled = javac.run(null, null, errors, "-d", classes.toString(), "--module-path", join(null, modulePath),
                sources.resolve("module-info.java").toString(), sources.resolve("app/Main.java").toString());
        assertThat(compiled).as("javac: %s", errors.toString(StandardCharsets.UTF_8)).isZero();
        write(classes.resolve("db/20260101000000_create_accounts/migration.sql"), "CREATE TABLE accounts (id BIGINT PRIMARY KEY);\n");
        write(classes.resolve("db/20260102000000_add_email/migration.sql"), "ALTER TABLE accounts ADD COLUMN email TEXT;\n");
        write(classes.resolve("db/migration_lock.toml"), "provider = \"postgresql\"\n");
        write(classes.resolve("db/seed.sql"), "INSERT INTO accounts (id, email) VALUES (1, 'seed@example.com');\n");

        Path jar = dir.resolve("app.jar");
        java.util.spi.ToolProvider jarTool = java.util.spi.ToolProvider.findFirst("jar").orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int packed = jarTool.run(new PrintStream(out), new PrintStream(out), "--create", "--file", jar.toString(),
                "--main-class", "app.Main", "-C", classes.toString(), ".");
        assertThat(packed).as("jar: %s", out.toString(StandardCharsets.UTF_8)).isZero();
        return jar;
    }

    private static String join(Path first, List<Path> rest) {
        List<String> parts = new ArrayList<>();
        if (first != null) {
            parts.add(first.toString());
        }
        rest.forEach(p -> parts.add(p.toString()));
        return String.join(File.pathSeparator, parts);
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
