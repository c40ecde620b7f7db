package io.migrate.it;

import io.migrate.Migrator;
import io.migrate.api.DeployResult;
import io.migrate.api.MigrationException;
import io.migrate.postgres.PostgresDialect;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.loader.launch.Archive;
import org.springframework.boot.loader.launch.JarLauncher;
import org.springframework.boot.loader.net.protocol.Handlers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code classpath:} locations served from jars: a plain jar on a class loader, and a Spring Boot
 * executable jar, whose {@code BOOT-INF/classes} and nested {@code BOOT-INF/lib} jars are read
 * through Spring Boot's own loader ({@code jar:nested:} URLs), in this JVM and with {@code java -jar}.
 */
class JarLocationIT {

    private static final String ACCOUNTS = "20260101000000_jar_accounts";
    private static final String ORDERS = "20260102000000_jar_orders";
    private static final String CUSTOMERS = "20260201000000_boot_customers";
    private static final String INVOICES = "20260202000000_boot_invoices";
    private static final String INVOICE_LINES = "20260203000000_lib_invoice_lines";
    private static final String LIB_AUDIT = "20260204000000_lib_audit";
    private static final String HANDLER_PACKAGES = "java.protocol.handler.pkgs";

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    @BeforeEach
    void onlyTheJarsOfTheseTestsHoldTheLocations() {
        // Otherwise a class path directory could answer for a jar that was not read.
        assertThat(getClass().getClassLoader().getResource("jarred")).isNull();
        assertThat(getClass().getClassLoader().getResource("fatdb")).isNull();
    }

    @Test
    void deploysFromAJarWithDirectoryEntries() throws Exception {
        deployFromPlainJar(true);
    }

    @Test
    void deploysFromAJarWithoutDirectoryEntries() throws Exception {
        deployFromPlainJar(false);
    }

    private void deployFromPlainJar(boolean directoryEntries) throws Exception {
        Path jar = new TestJar()
                .file("jarred/db/migration_lock.toml", "provider = \"postgresql\"\n")
                .file("jarred/db/" + ACCOUNTS + "/migration.sql",
                        "CREATE TABLE jar_accounts (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE);\n")
                .file("jarred/db/" + ORDERS + "/migration.sql",
                        "CREATE TABLE jar_orders (id bigserial PRIMARY KEY, account_id bigint NOT NULL REFERENCES jar_accounts (id));\n")
                .write(dir.resolve("migrations.jar"), directoryEntries);
        assertThat(entryNames(jar)).as("directory entries").matches(
                names -> names.contains("jarred/db/") == directoryEntries, "contain 'jarred/db/' only when asked for");

        // The test's own loader as parent: it holds the PostgreSQL dialect that discovery must find.
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            DeployResult result = Migrator.configure(db.dataSource()).classLoader(loader).locations("classpath:jarred/db").deploy();

            assertThat(result.applied()).extracting(a -> a.name()).containsExactly(ACCOUNTS, ORDERS);
            assertThat(db.column("SELECT migration_name FROM _migrations WHERE finished_at IS NOT NULL ORDER BY 1"))
                    .containsExactly(ACCOUNTS, ORDERS);
            assertThat(db.tableExists("jar_accounts")).isTrue();
            assertThat(db.tableExists("jar_orders")).isTrue();
            assertStillReadable(loader, "jarred/db/" + ORDERS + "/migration.sql");
        }
    }

    @Test
    void deploysFromBootInfClassesAndANestedLibJarThroughSpringBootsLoader() throws Exception {
        Path app = springBootJar(dir.resolve("app.jar"), true);

        List<String> applied = withSpringBootLoader(app, loader -> {
            // The roots the scanner is handed: Spring Boot's nested-jar URLs, not jar:file: ones.
            assertThat(Collections.list(loader.getResources("fatdb"))).extracting(URL::toString).satisfiesExactly(
                    url -> assertThat(url).startsWith("jar:nested:").endsWith("/app.jar/!BOOT-INF/classes/!/fatdb"),
                    url -> assertThat(url).startsWith("jar:nested:").endsWith("/app.jar/!BOOT-INF/lib/extra-migrations.jar!/fatdb"));

            DeployResult result = Migrator.configure(db.dataSource()).classLoader(loader).locations("classpath:fatdb").deploy();

            assertStillReadable(loader, "fatdb/" + INVOICE_LINES + "/migration.sql");
            assertStillReadable(loader, "fatdb/" + CUSTOMERS + "/migration.sql");
            return result.applied().stream().map(a -> a.name()).toList();
        });

        assertThat(applied).containsExactly(CUSTOMERS, INVOICES, INVOICE_LINES);
        assertBootMigrationsApplied();
    }

    /**
     * A location only a nested jar without directory entries holds is invisible to getResources; the
     * scanner then looks through the loader's jars. (Where some other root does hold the location, a
     * jar without directory entries is not searched: that would cost every boot a scan of every jar.)
     */
    @Test
    void findsALocationHeldOnlyByANestedLibJarWithoutDirectoryEntries() throws Exception {
        Path app = springBootJar(dir.resolve("app.jar"), false);

        List<String> applied = withSpringBootLoader(app, loader -> {
            assertThat(Collections.list(loader.getResources("libdb"))).isEmpty();
            return Migrator.configure(db.dataSource()).classLoader(loader).locations("classpath:libdb").deploy()
                    .applied().stream().map(a -> a.name()).toList();
        });

        assertThat(applied).containsExactly(LIB_AUDIT);
        assertThat(db.tableExists("lib_audit")).isTrue();
    }

    @Test
    void deploysFromAnExecutableSpringBootJarStartedWithJavaDashJar() throws Exception {
        Path app = springBootJar(dir.resolve("app.jar"), true);

        Map<String, String> environment = new HashMap<>();
        environment.put(DeployMain.PASSWORD_ENV, db.server().password());
        List<String> arguments = new ArrayList<>(ChildJvm.QUICK_START);
        arguments.addAll(List.of("-jar", app.toString(), db.url(), db.server().user(), "classpath:fatdb"));
        try (ChildJvm child = ChildJvm.start("java -jar app.jar", arguments, environment)) {
            Integer exit = child.waitFor(Duration.ofMinutes(2));
            assertThat(exit).as("exit code of java -jar %s%n%s", app, child.tail(60)).isEqualTo(0);
            assertThat(child.output()).as(child.tail(60)).contains(DeployMain.APPLIED + "3\n");
        }
        assertBootMigrationsApplied();
    }

    private void assertBootMigrationsApplied() throws Exception {
        assertThat(db.column("SELECT migration_name FROM _migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY 1"))
                .containsExactly(CUSTOMERS, INVOICES, INVOICE_LINES);
        assertThat(db.column("SELECT count(*) FROM _migrations")).containsExactly("3");
        assertThat(db.column("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_migrations' ORDER BY 1"))
                .containsExactly("customers", "invoice_lines", "invoices");
    }

    /**
     * A jar laid out as Spring Boot's repackager writes it: the loader's classes at the root,
     * {@code BOOT-INF/classes} with DeployMain and two migrations, and in {@code BOOT-INF/lib} the
     * library's jars and one more jar of migrations, every nested jar STORED as Spring Boot requires.
     */
    private Path springBootJar(Path target, boolean extraJarDirectoryEntries) throws IOException {
        byte[] extra = new TestJar()
                .file("fatdb/" + INVOICE_LINES + "/migration.sql",
                        "CREATE TABLE invoice_lines (\n"
                                + "  id         bigserial PRIMARY KEY,\n"
                                + "  invoice_id bigint    NOT NULL REFERENCES invoices (id),\n"
                                + "  amount     numeric(12, 2) NOT NULL CHECK (amount <> 0)\n"
                                + ");\n")
                .file("libdb/" + LIB_AUDIT + "/migration.sql", "CREATE TABLE lib_audit (id bigserial PRIMARY KEY, note text);\n")
                .bytes(extraJarDirectoryEntries);

        Map<String, String> manifest = new LinkedHashMap<>();
        manifest.put("Main-Class", JarLauncher.class.getName());
        manifest.put("Start-Class", DeployMain.class.getName());
        manifest.put("Spring-Boot-Version", "3.5.7");
        manifest.put("Spring-Boot-Classes", "BOOT-INF/classes/");
        manifest.put("Spring-Boot-Lib", "BOOT-INF/lib/");
        TestJar app = new TestJar().manifest(manifest);

        try (JarFile loaderJar = new JarFile(codeSource(JarLauncher.class).toFile())) {
            for (JarEntry entry : Collections.list(loaderJar.entries())) {
                if (!entry.isDirectory() && entry.getName().startsWith("org/springframework/boot/loader/")) {
                    try (InputStream in = loaderJar.getInputStream(entry)) {
                        app.file(entry.getName(), in.readAllBytes());
                    }
                }
            }
        }
        String mainClass = DeployMain.class.getName().replace('.', '/') + ".class";
        try (InputStream in = DeployMain.class.getClassLoader().getResourceAsStream(mainClass)) {
            app.file("BOOT-INF/classes/" + mainClass, in.readAllBytes());
        }
        app.file("BOOT-INF/classes/fatdb/migration_lock.toml", "provider = \"postgresql\"\n")
                .file("BOOT-INF/classes/fatdb/" + CUSTOMERS + "/migration.sql",
                        "CREATE TABLE customers (id bigserial PRIMARY KEY, name text NOT NULL);\n")
                .file("BOOT-INF/classes/fatdb/" + INVOICES + "/migration.sql",
                        "CREATE TABLE invoices (\n"
                                + "  id          bigserial PRIMARY KEY,\n"
                                + "  customer_id bigint    NOT NULL REFERENCES customers (id)\n"
                                + ");\n"
                                + "CREATE INDEX invoices_customer_idx ON invoices (customer_id);\n");
        for (Class<?> fromLibrary : List.of(Migrator.class, MigrationException.class, PostgresDialect.class,
                org.postgresql.Driver.class, LoggerFactory.class)) {
            Path source = codeSource(fromLibrary);
            String name = Files.isDirectory(source) ? fromLibrary.getPackageName() + ".jar" : source.getFileName().toString();
            byte[] jar = Files.isDirectory(source) ? new TestJar().directory(source, "").bytes(true) : Files.readAllBytes(source);
            app.storedFile("BOOT-INF/lib/" + name, jar);
        }
        app.storedFile("BOOT-INF/lib/extra-migrations.jar", extra);
        return app.write(target, true);
    }

    @FunctionalInterface
    private interface WithLoader<T> {
        T apply(ClassLoader loader) throws Exception;
    }

    /**
     * Runs {@code body} with the class loader that Spring Boot's JarLauncher builds for {@code app}
     * (a LaunchedClassLoader over {@code jar:nested:} URLs whose parent is this test's loader), with
     * Spring Boot's URL handlers registered as JarLauncher registers them, and undoes both after.
     */
    private <T> T withSpringBootLoader(Path app, WithLoader<T> body) throws Exception {
        String previousHandlers = System.getProperty(HANDLER_PACKAGES);
        Handlers.register();
        try (Archive archive = Archive.create(app.toFile());
             URLClassLoader loader = (URLClassLoader) new BootLoaderFactory(archive).classLoader()) {
            assertThat(loader.getClass().getName()).isEqualTo("org.springframework.boot.loader.launch.LaunchedClassLoader");
            return body.apply(loader);
        } finally {
            if (previousHandlers == null) {
                System.clearProperty(HANDLER_PACKAGES);
            } else {
                System.setProperty(HANDLER_PACKAGES, previousHandlers);
            }
            clearUrlHandlerCache();
        }
    }

    /** The same trick Handlers uses: setting a null factory only empties the JDK's cache of URL handlers. */
    private static void clearUrlHandlerCache() {
        try {
            URL.setURLStreamHandlerFactory(null);
        } catch (Error factoryAlreadySet) {
            // Someone installed a factory; it then decides the handlers, not the property.
        }
    }

    /** JarLauncher's class path and class loader for an archive, without launching its main class. */
    private static final class BootLoaderFactory extends JarLauncher {

        BootLoaderFactory(Archive archive) throws Exception {
            super(archive);
        }

        ClassLoader classLoader() throws Exception {
            return createClassLoader(getClassPathUrls());
        }
    }

    /** The scan must not close jar files the class loader still uses. */
    private static void assertStillReadable(ClassLoader loader, String resource) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).startsWith("CREATE TABLE");
        }
    }

    private static List<String> entryNames(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return Collections.list(file.entries()).stream().map(JarEntry::getName).toList();
        }
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException("No file for the code source of " + type, e));
        }
    }
}
