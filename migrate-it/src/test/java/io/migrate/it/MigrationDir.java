package io.migrate.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes migration folders in the Prisma layout into a directory, for filesystem: locations. */
final class MigrationDir {

    private final Path root;

    MigrationDir(Path root) {
        this.root = root;
    }

    MigrationDir add(String name, String sql) {
        return add(name, sql.getBytes(StandardCharsets.UTF_8));
    }

    MigrationDir add(String name, byte[] sql) {
        try {
            Path folder = Files.createDirectories(root.resolve(name));
            Files.write(folder.resolve("migration.sql"), sql);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    MigrationDir delete(String name) {
        try {
            Files.delete(root.resolve(name).resolve("migration.sql"));
            Files.delete(root.resolve(name));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    MigrationDir file(String relative, String content) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path root() {
        return root;
    }

    String location() {
        return "filesystem:" + root;
    }
}
