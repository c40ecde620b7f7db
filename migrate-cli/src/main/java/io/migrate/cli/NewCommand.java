package io.migrate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * Creates an empty migration folder. The library has no such operation (it reads migrations, it
 * does not write them), so this is a file operation only and needs no database.
 */
@Command(name = "new", sortOptions = false,
        description = "Create an empty migration, <UTC yyyyMMddHHmmss>_<NAME>/migration.sql, in the first filesystem "
                + "location. Needs no database.",
        footerHeading = "%nExamples:%n",
        footer = {"  migrate new add_user_email", "  migrate new \"add user email\" --locations db/migrations"})
final class NewCommand implements Callable<Integer> {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final Pattern TIMESTAMPED = Pattern.compile("\\d{14}_.*");

    @Mixin
    CommonOptions options;

    @Parameters(paramLabel = "NAME", description = "What the migration does; other characters than letters, digits "
            + "and '_' become '_'")
    String name;

    @Override
    public Integer call() {
        String slug = name.strip().replaceAll("[^A-Za-z0-9_]+", "_").replaceAll("^_+|_+$", "");
        if (slug.isEmpty()) {
            throw new UsageException("The migration name '" + name + "' has no letter or digit; "
                    + "name it after what it does, e.g. add_user_email");
        }
        Path directory = null;
        for (String location : options.configuration().locations()) {
            if (location.startsWith("filesystem:")) {
                directory = Path.of(location.substring("filesystem:".length()));
                break;
            }
        }
        if (directory == null) {
            throw new UsageException("new writes to a filesystem location, and none is configured; "
                    + "pass e.g. --locations db");
        }
        try {
            Files.createDirectories(directory);
            LocalDateTime stamp = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
            String newest = newest(directory);
            // A migration must sort after those already there, even if this clock is behind theirs.
            if (newest != null && STAMP.format(stamp).compareTo(newest) <= 0) {
                stamp = LocalDateTime.parse(newest, STAMP).plusSeconds(1);
            }
            Path folder = directory.resolve(STAMP.format(stamp) + "_" + slug);
            Files.createDirectory(folder);
            Path file = Files.createFile(folder.resolve("migration.sql"));
            System.out.println("Created " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the migration in " + directory + ": " + e.getMessage(), e);
        }
        return ExitCode.OK;
    }

    /** The newest 14-digit timestamp among the folders, or null. */
    private static String newest(Path directory) throws IOException {
        String newest = null;
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(directory)) {
            for (Path folder : folders) {
                String folderName = folder.getFileName().toString();
                if (TIMESTAMPED.matcher(folderName).matches()) {
                    String stamp = folderName.substring(0, 14);
                    if (!isTime(stamp)) {
                        continue;
                    }
                    if (newest == null || stamp.compareTo(newest) > 0) {
                        newest = stamp;
                    }
                }
            }
        }
        return newest;
    }

    private static boolean isTime(String stamp) {
        try {
            LocalDateTime.parse(stamp, STAMP);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }
}
