package io.migrate.internal.source;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where migrations or a seed are: {@code classpath:path} or {@code filesystem:path}. A text without
 * a prefix is a class path location, as a user of Flyway would expect; a Windows path such as
 * {@code C:\db} is not taken for a prefix.
 *
 * @param kind where to look
 * @param path the path as written after the prefix
 */
public record Location(Kind kind, String path) {

    private static final Pattern OTHER_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");
    private static final Pattern WINDOWS_DRIVE = Pattern.compile("^[A-Za-z]:[\\\\/].*");

    /** Where to look. */
    public enum Kind {
        CLASSPATH("classpath:"),
        FILESYSTEM("filesystem:");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    public Location {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
    }

    /**
     * The location a text names.
     *
     * @throws IllegalArgumentException with the rule the text breaks, for a configuration message
     */
    public static Location parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a location must not be blank");
        }
        String l = text.strip();
        for (Kind kind : Kind.values()) {
            if (l.startsWith(kind.prefix)) {
                String path = l.substring(kind.prefix.length());
                if (path.isBlank()) {
                    throw new IllegalArgumentException("needs a path after the prefix");
                }
                return new Location(kind, path);
            }
        }
        if (OTHER_SCHEME.matcher(l).matches() && !WINDOWS_DRIVE.matcher(l).matches()) {
            throw new IllegalArgumentException("must start with classpath: or filesystem:");
        }
        return new Location(Kind.CLASSPATH, l);
    }

    /** For a class path location: the resource name, without leading or trailing slashes. */
    String resourceName() {
        return path.replaceAll("^/+", "").replaceAll("/+$", "");
    }

    /** For a file system location: the absolute, normalised path. */
    Path file() {
        return Paths.get(path).toAbsolutePath().normalize();
    }

    /** The location of a file directly inside this one. */
    public Location child(String name) {
        return new Location(kind, path.replaceAll("/+$", "") + "/" + name);
    }

    /** As written in configuration: prefix and path. */
    @Override
    public String toString() {
        return kind.prefix + path;
    }
}
