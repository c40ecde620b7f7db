package io.migrate.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What any tool must do for a no-op deploy, and no more: hash every migration file (in a warm JVM,
 * every file that changed since it was hashed) and compare the hashes with the names and checksums
 * the history holds. The files are this library's layout
 * ({@code <folder>/migration.sql}), hashed the way it records them (SHA-256 of the bytes, lowercase hex).
 */
final class NoopFloor {

    private NoopFloor() {
    }

    /** A file's SHA-256 as hashed before, with the size and time it had then. */
    private record Hashed(long size, FileTime modified, String checksum) {
    }

    /** What this JVM hashed before: a repeat check hashes again only a file whose size or time changed. */
    private static final Map<Path, Hashed> HASHED = new ConcurrentHashMap<>();

    /**
     * The SHA-256 of each {@code <folder>/migration.sql} under {@code dir}, by folder name. A file
     * this JVM hashed before, whose size and modification time are unchanged, is only looked at: in a
     * fresh JVM every file is read and hashed, in a warm one each costs one look.
     */
    static Map<String, String> checksums(Path dir) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        HexFormat hex = HexFormat.of();
        Map<String, String> checksums = new HashMap<>();
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(dir)) {
            for (Path folder : folders) {
                Path file = folder.resolve("migration.sql");
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                Hashed known = HASHED.get(file);
                if (known == null || known.size() != attributes.size() || !known.modified().equals(attributes.lastModifiedTime())) {
                    known = new Hashed(attributes.size(), attributes.lastModifiedTime(),
                            hex.formatHex(digest.digest(Files.readAllBytes(file))));
                    HASHED.put(file, known);
                }
                checksums.put(folder.getFileName().toString(), known.checksum());
            }
        }
        return checksums;
    }

    /** Fails unless {@code history} and {@code files} hold the same names with the same checksums. */
    static void compare(Map<String, String> history, Map<String, String> files) {
        for (Map.Entry<String, String> file : files.entrySet()) {
            String recorded = history.get(file.getKey());
            if (recorded == null) {
                throw new IllegalStateException("pending: " + file.getKey() + " is not in the history");
            }
            if (!recorded.equals(file.getValue())) {
                throw new IllegalStateException("checksum mismatch: " + file.getKey() + " was applied as " + recorded
                        + ", the file hashes to " + file.getValue());
            }
        }
        if (history.size() != files.size()) {
            throw new IllegalStateException("the history holds " + history.size() + " migrations, the directory "
                    + files.size());
        }
    }
}
