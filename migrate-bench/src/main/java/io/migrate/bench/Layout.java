package io.migrate.bench;

import io.migrate.postgres.PostgresDialect;
import io.migrate.spi.SqlStatement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One corpus written once in each tool's layout under one directory:
 * <pre>
 *   prisma/&lt;timestamp&gt;_&lt;name&gt;/migration.sql       this library
 *   flyway/V&lt;n&gt;__&lt;name&gt;.sql                       Flyway
 *   liquibase/changelog.xml + liquibase/sql/*.sql      Liquibase, one sqlFile change set per migration
 * </pre>
 * The files hold the same bytes in every layout.
 */
record Layout(Path root, int count, long bytes) {

    static final String CHANGELOG = "changelog.xml";
    /**
     * Liquibase's splitter cuts at semicolons inside dollar-quoted function bodies, so a file with one
     * gets {@code splitStatements="false"}, the usual remedy: the whole file goes to the driver in one
     * call, and the driver splits it.
     */
    private static final Pattern DOLLAR_QUOTE = Pattern.compile("\\$[A-Za-z_]*\\$");

    Path prisma() {
        return root.resolve("prisma");
    }

    Path flyway() {
        return root.resolve("flyway");
    }

    Path liquibase() {
        return root.resolve("liquibase");
    }

    /** Writes {@code migrations} under {@code root}, which must not exist yet. */
    static Layout write(Path root, List<Corpus.Migration> migrations) {
        try {
            Files.createDirectories(root.resolve("flyway"));
            Files.createDirectories(root.resolve("liquibase").resolve("sql"));
            StringBuilder changelog = new StringBuilder("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <databaseChangeLog
                            xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                            xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                                http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                    """);
            long bytes = 0;
            for (Corpus.Migration m : migrations) {
                byte[] sql = m.sql().getBytes(StandardCharsets.UTF_8);
                bytes += sql.length;
                String folder = Corpus.folderName(m);
                Path prisma = root.resolve("prisma").resolve(folder);
                Files.createDirectories(prisma);
                Files.write(prisma.resolve("migration.sql"), sql);
                Files.write(root.resolve("flyway").resolve("V" + m.number() + "__" + m.slug() + ".sql"), sql);
                Files.write(root.resolve("liquibase").resolve("sql").resolve(folder + ".sql"), sql);
                changelog.append("    <changeSet id=\"").append(folder).append("\" author=\"bench\">\n")
                        .append("        <sqlFile path=\"sql/").append(folder).append(".sql\" relativeToChangelogFile=\"true\"")
                        .append(" splitStatements=\"").append(!DOLLAR_QUOTE.matcher(m.sql()).find())
                        .append("\" stripComments=\"false\"/>\n")
                        .append("    </changeSet>\n");
            }
            changelog.append("</databaseChangeLog>\n");
            Files.writeString(root.resolve("liquibase").resolve(CHANGELOG), changelog);
            return new Layout(root, migrations.size(), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the corpus to " + root, e);
        }
    }

    /** A layout written earlier, found again by a child process. */
    static Layout at(Path root) {
        try (Stream<Path> folders = Files.list(root.resolve("prisma"))) {
            List<Path> all = folders.toList();
            long bytes = 0;
            for (Path folder : all) {
                bytes += Files.size(folder.resolve("migration.sql"));
            }
            return new Layout(root, all.size(), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("No corpus at " + root, e);
        }
    }

    /**
     * The statements of each migration in order, as this library's splitter finds them: what the raw
     * JDBC floor executes. Read and split before any timing starts.
     */
    List<List<String>> statements() {
        PostgresDialect dialect = new PostgresDialect();
        List<List<String>> all = new ArrayList<>();
        try (Stream<Path> folders = Files.list(prisma())) {
            for (Path folder : folders.sorted().toList()) {
                String sql = Files.readString(folder.resolve("migration.sql"), StandardCharsets.UTF_8);
                all.add(dialect.split(sql).stream().map(SqlStatement::sql).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the corpus at " + root, e);
        }
        return all;
    }
}
