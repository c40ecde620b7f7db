package io.migrate.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The run that the build records in the class-data sharing archive ({@code -XX:ArchiveClassesAtExit}):
 * it goes through the paths a real command takes without needing a database (help, settings, reading
 * migrations, a refused connection), then loads the rest of the engine and the driver's core, so that
 * a real run finds them in the archive instead of reading and verifying them from the jar.
 */
final class Training {

    private static final String[] PACKAGES = {"io/migrate/", "org/postgresql/core/", "org/postgresql/jdbc/",
            "org/postgresql/util/", "org/postgresql/Driver", "org/postgresql/PG", "org/slf4j/"};

    private Training() {
    }

    public static void main(String[] args) throws IOException, URISyntaxException {
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        Path db = Files.createTempDirectory("migrate-training");
        try {
            Path migration = Files.createDirectories(db.resolve("20260101000000_training"));
            Files.writeString(migration.resolve("migration.sql"), "CREATE TABLE training (id int);\n");
            System.setOut(none);
            System.setErr(none);
            Main.run(new String[] {"--help"});
            for (String command : Main.COMMANDS) {
                Main.run(new String[] {command, "--help"});
            }
            String url = "postgresql://training:secret@127.0.0.1:1/training?schema=training&connect_timeout=1";
            Main.run(new String[] {"status", "--url", url, "--locations", db.toString(), "--json"});
            Main.run(new String[] {"deploy", "--url", url, "--locations", db.toString()});
            Main.run(new String[] {"plan", "--url", "jdbc:postgresql://127.0.0.1:1/training?connectTimeout=1", "--lock-timeout", "1s"});
        } finally {
            System.setOut(out);
            System.setErr(err);
            try (var files = Files.walk(db)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        loadClasses();
    }

    private static void loadClasses() throws IOException, URISyntaxException {
        Path jar = Path.of(Training.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ClassLoader loader = Training.class.getClassLoader();
        int loaded = 0;
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (!name.endsWith(".class") || name.contains("module-info") || name.startsWith("META-INF/")) {
                    continue;
                }
                for (String prefix : PACKAGES) {
                    if (name.startsWith(prefix)) {
                        try {
                            Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
                            loaded++;
                        } catch (Throwable e) {
                            // An optional dependency of the driver is absent; that class is never used then.
                        }
                        break;
                    }
                }
            }
        }
        System.out.println("Class-data sharing archive: " + loaded + " classes loaded besides the training run");
    }
}
