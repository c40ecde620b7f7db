package io.migrate.internal.source;

import io.migrate.api.Checksum;
import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code migrations.sum}: one line per migration folder with the SHA-256 of its {@code migration.sql},
 * then a line with the SHA-256 of those lines. Two branches that each add a migration both change the
 * last lines, so merging them is a conflict to settle by hand instead of a silent ordering problem; a
 * hand edit of a recorded migration is caught before it reaches a database. Off unless the file exists.
 */
public final class IntegrityFile {

    public static final String NAME = "migrations.sum";
    private static final String HEADER = """
            # migrations.sum: the SHA-256 of each migration folder's migration.sql, then of those lines (total).
            # Written by createMigration and createEmpty; checked by validate() and deploy(). Do not edit by hand:
            # after settling a merge conflict here (rename your migration to sort after theirs), run writeIntegrityFile().
            """;

    private IntegrityFile() {
    }

    /** Whether a filesystem location has the file. */
    public static boolean exists(Path folder) {
        return Files.isRegularFile(folder.resolve(NAME));
    }

    /** Writes the file for the migration folders in {@code folder}, replacing any there. */
    public static Path write(Path folder) {
        StringBuilder lines = new StringBuilder();
        folders(folder).forEach((name, checksum) -> lines.append(name).append(' ').append(checksum).append('\n'));
        String text = HEADER + lines + "total " + total(lines.toString()) + "\n";
        try {
            return Files.writeString(folder.resolve(NAME), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MigrationException(ErrorCode.FILE_UNREADABLE, "Cannot write " + folder.resolve(NAME) + ": " + e, e);
        }
    }

    /** @throws MigrationException {@link ErrorCode#INTEGRITY_MISMATCH} naming each folder that does not match */
    public static void check(List<Location> locations, ClassLoader classLoader) {
        for (Location location : locations) {
            String text = read(location, classLoader);
            if (text == null) {
                continue;
            }
            Map<String, String> onDisk = new TreeMap<>();
            for (LocationScanner.Found f : LocationScanner.scan(location, classLoader)) {
                if (f.folder() != null && MigrationReader.SCRIPT.equals(f.file())) {
                    onDisk.put(f.folder(), checksum(f));
                }
            }
            compare(location + "/" + NAME, text, onDisk);
        }
    }

    /**
     * A script's SHA-256: known without reading it when it was read in this JVM and its identity has
     * not changed since (as a deploy reads it just before), streamed when it is too large to hold.
     */
    private static String checksum(LocationScanner.Found f) {
        String known = ReadCache.checksum(f.identity());
        if (known != null) {
            return known;
        }
        if (f.path() != null && f.size() > LargeFile.THRESHOLD) {
            return new LargeFile(f.path(), f.source()).checksum();
        }
        try {
            return Checksum.sha256(f.content().read());
        } catch (IOException e) {
            throw new MigrationException(ErrorCode.FILE_UNREADABLE, "Cannot read " + f.source() + ": " + e, e);
        }
    }

    static void compare(String source, String text, Map<String, String> onDisk) {
        Map<String, String> listed = new TreeMap<>();
        StringBuilder lines = new StringBuilder();
        String total = null;
        List<String> problems = new ArrayList<>();
        int number = 0;
        for (String line : text.split("\r?\n")) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.strip().split("\\s+");
            if (parts.length != 2 || !parts[1].matches("[0-9a-fA-F]{64}")) {
                problems.add("line " + number + ": not \"<folder> <sha256>\" (a leftover merge conflict marker?): " + line);
            } else if (parts[0].equals("total")) {
                total = parts[1];
            } else {
                listed.put(parts[0], parts[1]);
                lines.append(parts[0]).append(' ').append(parts[1]).append('\n');
            }
        }
        listed.forEach((name, checksum) -> {
            String actual = onDisk.get(name);
            if (actual == null) {
                problems.add(name + ": listed, but there is no such migration folder (deleted, renamed, or on another branch)");
            } else if (!actual.equalsIgnoreCase(checksum)) {
                problems.add(name + ": migration.sql has checksum " + actual + ", but " + NAME + " records " + checksum
                        + " (edited after it was created)");
            }
        });
        onDisk.keySet().stream().filter(n -> !listed.containsKey(n)).forEach(n ->
                problems.add(n + ": a migration folder that " + NAME + " does not list (added by hand, or merged from another branch)"));
        if (problems.isEmpty() && !total(lines.toString()).equals(total)) {
            problems.add("total: " + (total == null ? "missing" : total) + " is not the checksum of the lines above it ("
                    + total(lines.toString()) + ")");
        }
        if (!problems.isEmpty()) {
            throw new MigrationException(ErrorCode.INTEGRITY_MISMATCH, source + " does not match the migration folders beside it:\n  - "
                    + String.join("\n  - ", problems) + "\nIf a branch merge brought new migrations, rename yours to sort after"
                    + " theirs (a later timestamp) and run writeIntegrityFile(); if a migration was edited by mistake,"
                    + " restore it from version control");
        }
    }

    private static String read(Location location, ClassLoader classLoader) {
        try {
            if (location.kind() == Location.Kind.FILESYSTEM) {
                Path file = location.file().resolve(NAME);
                return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
            }
            String path = location.resourceName() + "/" + NAME;
            try (var in = classLoader.getResourceAsStream(path)) {
                return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new MigrationException(ErrorCode.FILE_UNREADABLE, "Cannot read " + location + "/" + NAME + ": " + e, e);
        }
    }

    private static Map<String, String> folders(Path folder) {
        Map<String, String> found = new TreeMap<>();
        try (Stream<Path> listed = Files.list(folder)) {
            for (Path dir : listed.filter(Files::isDirectory).toList()) {
                Path script = dir.resolve(MigrationReader.SCRIPT);
                if (Files.isRegularFile(script)) {
                    found.put(dir.getFileName().toString(), Checksum.sha256(Files.readAllBytes(script)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static String total(String lines) {
        return Checksum.sha256(lines.getBytes(StandardCharsets.UTF_8));
    }
}
