package io.migrate.testkit;

import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The seed script of a template, read only for its checksum: the migrate engine runs it
 * ({@link io.migrate.Migrator#seed()}), and its content is part of the template's hash.
 *
 * @param location where it is, {@code classpath:...} or {@code filesystem:...}
 * @param checksum SHA-256 of its bytes
 */
record SeedScript(String location, String checksum) {

    /** Reads the seed at {@code location}; a missing file is an error. */
    static SeedScript read(String location, ClassLoader classLoader) {
        try {
            byte[] bytes = location.startsWith("filesystem:") ? readFile(location) : readResource(location, classLoader);
            return new SeedScript(location, DatabaseTemplate.sha256(bytes));
        } catch (IOException e) {
            throw new MigrationException(ErrorCode.FILE_UNREADABLE, "Cannot read the seed script " + location + ": " + e, e);
        }
    }

    private static byte[] readFile(String location) throws IOException {
        Path path = Paths.get(location.substring("filesystem:".length())).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw missing(location, "no file " + path);
        }
        return Files.readAllBytes(path);
    }

    private static byte[] readResource(String location, ClassLoader classLoader) throws IOException {
        String path = location.substring("classpath:".length()).replaceAll("^/+", "");
        try (InputStream in = classLoader.getResourceAsStream(path)) {
            if (in == null) {
                throw missing(location, "no resource '" + path + "' on the class path");
            }
            return in.readAllBytes();
        }
    }

    private static MigrationException missing(String location, String detail) {
        return new MigrationException(ErrorCode.LOCATION_NOT_FOUND, "The seed script " + location + " does not exist: "
                + detail + ". Check the name, or leave seed() out");
    }
}
