package io.migrate.internal.source;

import io.migrate.api.ErrorCode;
import io.migrate.api.InvalidMigrationException;
import io.migrate.api.MigrationException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A declared-schema file, or a folder of {@code .sql} files read in name order as one script. */
public final class SchemaFiles {

    private SchemaFiles() {
    }

    public static MigrationReader.Seed read(Location location, ClassLoader classLoader) {
        if (location.kind() == Location.Kind.FILESYSTEM) {
            Path path = location.file();
            if (Files.isDirectory(path)) {
                return folder(location, path);
            }
            if (!Files.isRegularFile(path)) {
                throw new MigrationException(ErrorCode.LOCATION_NOT_FOUND, "The schema file " + location
                        + " does not exist: no file or folder " + path + ". Create it, or fix schemaFile(...)");
            }
        }
        return MigrationReader.readSeed(location, classLoader);
    }

    private static MigrationReader.Seed folder(Location location, Path folder) {
        List<Path> files;
        try (Stream<Path> listed = Files.list(folder)) {
            files = listed.filter(f -> f.getFileName().toString().endsWith(".sql") && Files.isRegularFile(f)).sorted().toList();
        } catch (IOException e) {
            throw new InvalidMigrationException(ErrorCode.FILE_UNREADABLE, location.toString(), 0, "Cannot read " + location + ": " + e, e);
        }
        if (files.isEmpty()) {
            throw new MigrationException(ErrorCode.LOCATION_NOT_FOUND, "The schema folder " + location
                    + " holds no .sql file. Put the declared schema in one or more .sql files there");
        }
        StringBuilder script = new StringBuilder();
        for (Path file : files) {
            try {
                script.append(MigrationReader.decode(Files.readAllBytes(file), file.toString())).append('\n');
            } catch (IOException e) {
                throw new InvalidMigrationException(ErrorCode.FILE_UNREADABLE, file.toString(), 0, "Cannot read " + file + ": " + e, e);
            }
        }
        return new MigrationReader.Seed(location.toString(), script.toString());
    }
}
