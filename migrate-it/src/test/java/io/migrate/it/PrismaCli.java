package io.migrate.it;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code prisma} command-line tool, installed from the npm registry into the folder named by
 * the system property {@code migrate.it.prisma-cli} (see the README: the {@code prisma} Maven profile
 * sets it). Missing or broken, it fails the test that asked for it: a test that runs against Prisma
 * must never pass without Prisma.
 */
final class PrismaCli {

    static final String PROPERTY = "migrate.it.prisma-cli";

    private final Path home;
    private final Path entry;

    private PrismaCli(Path home) {
        this.home = home;
        this.entry = home.resolve("node_modules/prisma/build/index.js");
    }

    static PrismaCli installed() {
        String dir = System.getProperty(PROPERTY, "");
        if (dir.isBlank()) {
            throw new IllegalStateException("System property " + PROPERTY + " is not set: install the Prisma CLI with"
                    + " real-prisma/setup.sh DIR and run with -Pprisma -Dprisma.cli.dir=DIR");
        }
        PrismaCli cli = new PrismaCli(Path.of(dir).toAbsolutePath());
        if (!Files.isRegularFile(cli.entry) || !Files.isRegularFile(cli.home.resolve("prisma.config.ts"))) {
            throw new IllegalStateException("No Prisma CLI installed in " + cli.home + " (" + PROPERTY
                    + "): expected node_modules/prisma and prisma.config.ts there; run real-prisma/setup.sh " + cli.home);
        }
        return cli;
    }

    /** What one command printed and how it exited. */
    record Run(int exitCode, String output) {
    }

    /**
     * Runs {@code prisma <args>} against a database of the test's server, reading migrations from a folder.
     *
     * @param jdbcUrl {@code jdbc:postgresql://host:port/database}, as the testkit hands it out
     */
    Run run(String jdbcUrl, String user, String password, Path migrations, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", entry.toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("prisma-cli", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> env = builder.environment();
        env.put("DATABASE_URL", prismaUrl(jdbcUrl, user, password));
        env.put("MIGRATIONS_DIR", migrations.toAbsolutePath().toString());
        env.put("PRISMA_SCHEMA", "prisma/deploy.prisma");
        env.put("CHECKPOINT_DISABLE", "1");
        env.put("NODE_OPTIONS", "-r " + home.resolve("unref-wasm-timers.js"));
        env.put("PRISMA_SCHEMA_ENGINE_BINARY", home.resolve("stub-schema-engine").toString());
        Process process = builder.start();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("prisma " + String.join(" ", args) + " did not end within 120 s:\n"
                        + Files.readString(log));
            }
            return new Run(process.exitValue(), Files.readString(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The JDBC URL in the form Prisma reads, {@code postgresql://user:password@host:port/database}. */
    static String prismaUrl(String jdbcUrl, String user, String password) {
        String rest = jdbcUrl.substring("jdbc:postgresql://".length());
        int query = rest.indexOf('?');
        String hostAndDb = query < 0 ? rest : rest.substring(0, query);
        String credentials = URLEncoder.encode(user, StandardCharsets.UTF_8)
                + (password == null ? "" : ":" + URLEncoder.encode(password, StandardCharsets.UTF_8));
        return "postgresql://" + credentials + "@" + hostAndDb;
    }
}
