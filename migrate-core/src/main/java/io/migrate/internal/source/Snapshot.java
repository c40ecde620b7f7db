package io.migrate.internal.source;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the last read of locations found, with what shows it still holds: the modification time of
 * every directory that was listed (adding, removing or renaming an entry changes it) and the size and
 * time of every file that was read. A repeat read in the same JVM (a test suite deploying again, a
 * scheduler, a status check) looks at each of those once instead of listing, sorting, checking and
 * hashing again. Like {@link ReadCache}, it trusts only times old enough to have shown a change, and
 * it is never taken where a look at the disk cannot tell: jars, and files too large to hold.
 */
final class Snapshot {

    /** A directory or file as it was when it was read. */
    private static final class Stamp {
        // A plain class for the same reason as ReadCache.Identity: no record bootstrap on a cold start.
        private final Path path;
        private final boolean directory;
        private final long size;
        private final long modified;

        private Stamp(Path path, BasicFileAttributes attributes) {
            this.path = path;
            this.directory = attributes.isDirectory();
            this.size = directory ? 0 : attributes.size();
            this.modified = attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        }

        boolean unchanged() {
            BasicFileAttributes now = LocationScanner.attributes(path);
            return now != null && now.isDirectory() == directory && (directory || now.size() == size)
                    && now.lastModifiedTime().to(TimeUnit.NANOSECONDS) == modified;
        }
    }

    /**
     * Gathers the stamps while the locations are scanned; any part that cannot be told unchanged by
     * a stamp makes the whole read one that is not remembered.
     */
    static final class Recorder {
        private final long startedMillis = System.currentTimeMillis();
        private final List<Stamp> stamps = new ArrayList<>();
        private final List<List<String>> roots = new ArrayList<>();
        private boolean usable = true;

        /** A recorder whose stamps are not wanted. */
        static Recorder ignoring() {
            Recorder recorder = new Recorder();
            recorder.usable = false;
            return recorder;
        }

        /** A listed directory, stamped before it is listed so that a change while listing shows later. */
        void directory(Path path, BasicFileAttributes attributes) {
            stamp(path, attributes);
        }

        /** A file whose content went into the result. */
        void file(Path path, BasicFileAttributes attributes) {
            stamp(path, attributes);
        }

        /** The class path roots a classpath: location resolved to, which a repeat read resolves again. */
        void roots(List<URL> urls) {
            roots.add(names(urls));
        }

        /** Something was read that no stamp can vouch for. */
        void unusable() {
            usable = false;
        }

        private void stamp(Path path, BasicFileAttributes attributes) {
            if (attributes.lastModifiedTime().toMillis() >= startedMillis - LocationScanner.SETTLED_MILLIS) {
                usable = false;
            } else if (usable) {
                stamps.add(new Stamp(path, attributes));
            }
        }
    }

    private static volatile Snapshot last;

    private final List<Location> locations;
    private final WeakReference<ClassLoader> classLoader;
    private final List<Stamp> stamps;
    private final List<List<String>> roots;
    private final MigrationReader.Contents contents;
    private final List<String> warnings;

    private Snapshot(List<Location> locations, ClassLoader classLoader, Recorder recorder,
                     MigrationReader.Contents contents, List<String> warnings) {
        this.locations = List.copyOf(locations);
        this.classLoader = new WeakReference<>(classLoader);
        this.stamps = recorder.stamps;
        this.roots = recorder.roots;
        this.contents = contents;
        this.warnings = List.copyOf(warnings);
    }

    MigrationReader.Contents contents() {
        return contents;
    }

    /** The warnings the read gave, which a repeat read gives again. */
    List<String> warnings() {
        return warnings;
    }

    /** Remembers what a read found, if the recorder could vouch for all of it. */
    static void remember(List<Location> locations, ClassLoader classLoader, Recorder recorder,
                         MigrationReader.Contents contents, List<String> warnings) {
        last = recorder.usable ? new Snapshot(locations, classLoader, recorder, contents, warnings) : null;
    }

    /** The last read of the same locations, when nothing it read has changed since; otherwise null. */
    static Snapshot unchanged(List<Location> locations, ClassLoader classLoader) {
        Snapshot known = last;
        if (known == null || known.classLoader.get() != classLoader || !known.locations.equals(locations)
                || !known.sameRoots(classLoader)) {
            return null;
        }
        for (Stamp stamp : known.stamps) {
            if (!stamp.unchanged()) {
                return null;
            }
        }
        return known;
    }

    private boolean sameRoots(ClassLoader classLoader) {
        List<List<String>> now = new ArrayList<>();
        for (Location location : locations) {
            if (location.kind() == Location.Kind.CLASSPATH) {
                try {
                    now.add(names(Collections.list(classLoader.getResources(location.resourceName()))));
                } catch (IOException e) {
                    return false;
                }
            }
        }
        return now.equals(roots);
    }

    /** URLs compared by their text: {@link URL#equals} may resolve host names. */
    private static List<String> names(List<URL> urls) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (URL url : urls) {
            names.add(url.toString());
        }
        return List.copyOf(names);
    }
}
