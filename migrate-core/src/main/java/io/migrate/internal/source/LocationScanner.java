package io.migrate.internal.source;

import io.migrate.api.ErrorCode;
import io.migrate.api.InvalidMigrationException;
import io.migrate.api.MigrationException;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Lists the files of a location: {@code <root>/<file>} and {@code <root>/<folder>/migration.sql}
 * (in a jar, every {@code <root>/<folder>/<file>}). Class path roots may be directories, jars, or jars nested in a
 * fat jar (read through whatever {@link JarURLConnection} the class loader's URL handler gives).
 */
final class LocationScanner {

    /**
     * A file found under a location root. {@code folder} is null for files directly in the root;
     * {@code identity} is null where the file's identity is not known without reading it.
     */
    record Found(String folder, String file, String source, Content content, ReadCache.Identity identity, Path path,
                 long size) {

        Found(String folder, String file, String source, Content content) {
            this(folder, file, source, content, null, null, -1);
        }

        Found(String folder, String file, String source, Content content, ReadCache.Identity identity) {
            this(folder, file, source, content, identity, null, -1);
        }
    }

    @FunctionalInterface
    interface Content {
        byte[] read() throws IOException;
    }

    private LocationScanner() {
    }

    static List<Found> scan(Location where, ClassLoader classLoader) {
        return scan(where, classLoader, Snapshot.Recorder.ignoring());
    }

    /** Scans a location; {@code recorder} gets what shows later that the result still holds. */
    static List<Found> scan(Location where, ClassLoader classLoader, Snapshot.Recorder recorder) {
        String location = where.toString();
        if (where.kind() == Location.Kind.FILESYSTEM) {
            Path root = where.file();
            if (!Files.isDirectory(root)) {
                throw new MigrationException(ErrorCode.LOCATION_NOT_FOUND, "Location " + location
                        + " does not exist or is not a directory (resolved to " + root + "). Check the path,"
                        + " relative paths resolve against the working directory " + Paths.get("").toAbsolutePath());
            }
            return scanDirectory(root, root.toString(), recorder);
        }
        String path = where.resourceName();
        List<URL> roots;
        try {
            roots = new ArrayList<>(new LinkedHashSet<>(Collections.list(classLoader.getResources(path))));
        } catch (IOException e) {
            throw new MigrationException(ErrorCode.FILE_UNREADABLE, "Cannot list location " + location + ": " + e.getMessage(), e);
        }
        List<Found> found = new ArrayList<>();
        recorder.roots(roots);
        if (roots.isEmpty()) {
            // A jar built without directory entries holds "path/x/migration.sql" but no "path/", which
            // getResources cannot see. Looking through every jar costs time, so only when nothing else matched.
            for (URL jar : classPathJars(classLoader)) {
                found.addAll(scanUrl(jar, path, location, jar.toString().replaceAll("!/$", "") + "!/" + path, recorder));
            }
        }
        if (roots.isEmpty() && found.isEmpty()) {
            throw new MigrationException(ErrorCode.LOCATION_NOT_FOUND, "Location " + location
                    + " does not exist: no directory or jar entry '" + path + "' on the class path. Check the name,"
                    + " and that the migrations are packaged as resources (e.g. src/main/resources/" + path + ")");
        }
        for (URL root : roots) {
            // With several roots the same relative name exists more than once: name the root itself.
            String label = roots.size() == 1 ? "classpath:" + path : root.toString().replaceAll("/+$", "");
            found.addAll(scanUrl(root, null, location, label, recorder));
        }
        return found;
    }

    /** The jars the class loader and its parents read, as {@code jar:...!/} URLs. */
    private static Set<URL> classPathJars(ClassLoader classLoader) {
        Set<URL> jars = new LinkedHashSet<>();
        try {
            for (ClassLoader loader = classLoader; loader != null; loader = loader.getParent()) {
                if (loader instanceof URLClassLoader urls) {
                    for (URL url : urls.getURLs()) {
                        addJar(jars, url);
                    }
                }
            }
            for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    addJar(jars, Paths.get(entry).toUri().toURL());
                }
            }
        } catch (IOException | InvalidPathException e) {
            throw new MigrationException(ErrorCode.FILE_UNREADABLE, "Cannot list the class path: " + e.getMessage(), e);
        }
        return jars;
    }

    private static void addJar(Set<URL> jars, URL url) throws MalformedURLException {
        if ("jar".equals(url.getProtocol())) {
            jars.add(url);
        } else if ("file".equals(url.getProtocol()) && url.getPath().endsWith(".jar")) {
            jars.add(new URL("jar:" + url + "!/"));
        }
    }

    /** Scans a class path root; {@code prefix} is the location's folder when {@code root} is a whole jar. */
    private static List<Found> scanUrl(URL root, String prefix, String location, String label,
                                       Snapshot.Recorder recorder) {
        try {
            if ("file".equals(root.getProtocol())) {
                return scanDirectory(Paths.get(root.toURI()), label, recorder);
            }
            // A jar's entries are known by their CRC (ReadCache), but the jar itself would need opening to tell.
            recorder.unusable();
            var connection = root.openConnection();
            if (connection instanceof JarURLConnection jar) {
                return scanJar(jar, prefix, label);
            }
        } catch (IOException e) {
            throw new MigrationException(ErrorCode.FILE_UNREADABLE, "Cannot read location " + location + " at " + root + ": " + e.getMessage(), e);
        } catch (URISyntaxException e) {
            throw new MigrationException(ErrorCode.FILE_UNREADABLE, "Cannot read location " + location + " at " + root + ": " + e.getMessage(), e);
        }
        throw new MigrationException(ErrorCode.FILE_UNREADABLE, "Location " + location + " resolves to " + root
                + ", whose URL scheme '" + root.getProtocol() + "' cannot be listed; use a directory or jar on the class path, or filesystem:");
    }

    /**
     * A folder's only file of interest is its migration.sql, so folders are not listed: one look at
     * that file each keeps a boot with a thousand applied migrations cheap. That look also tells a
     * folder from a file, so other entries need one more.
     */
    private static List<Found> scanDirectory(Path root, String label, Snapshot.Recorder recorder) {
        long startedMillis = System.currentTimeMillis();
        BasicFileAttributes rootAttributes = attributes(root);
        if (rootAttributes != null) {
            recorder.directory(root, rootAttributes);
        } else {
            recorder.unusable();
        }
        List<Found> found = new ArrayList<>();
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> top = Files.newDirectoryStream(root)) {
            top.forEach(entries::add);
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidMigrationException(ErrorCode.FILE_UNREADABLE, label, 0,
                    "Cannot list " + label + " (" + root + "): " + e.getMessage(), e);
        }
        entries.sort(null);
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (name.startsWith(".")) {
                continue;
            }
            Path script = entry.resolve(MigrationReader.SCRIPT);
            BasicFileAttributes attributes = attributes(script);
            if (attributes != null && attributes.isRegularFile()) {
                found.add(new Found(name, null, label + "/" + name, null));
                recorder.file(script, attributes);
                found.add(new Found(name, MigrationReader.SCRIPT, label + "/" + name + "/" + MigrationReader.SCRIPT,
                        () -> read(script, attributes.size()), identity(script, attributes, startedMillis), script,
                        attributes.size()));
                continue;
            }
            BasicFileAttributes own = attributes(entry);
            if (own != null && own.isDirectory()) {
                // A folder without its script: an error for the reader to report, never remembered as it is.
                recorder.unusable();
                found.add(new Found(name, null, label + "/" + name, null));
            } else {
                if (own != null) {
                    recorder.file(entry, own);
                } else {
                    recorder.unusable();
                }
                found.add(new Found(null, name, label + "/" + name, () -> Files.readAllBytes(entry)));
            }
        }
        return found;
    }

    /**
     * A file's bytes in three system calls (open, read, close) where {@link Files#readAllBytes} takes
     * five: the size is known from the scan's look at the file, and a read of a regular file that
     * returns less than it asked for has reached the end. A file whose size changed since is read
     * to its end all the same.
     */
    static byte[] read(Path file, long size) throws IOException {
        if (size >= Integer.MAX_VALUE - 8) {
            return Files.readAllBytes(file);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) size + 1);
            int read = channel.read(buffer);
            if (read == size) {
                return Arrays.copyOf(buffer.array(), read);
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.write(buffer.array(), 0, Math.max(read, 0));
            ByteBuffer more = ByteBuffer.allocate(8192);
            while (read >= 0 && (read = channel.read(more.clear())) >= 0) {
                all.write(more.array(), 0, read);
            }
            return all.toByteArray();
        }
    }

    /** The identity of a file read now, or null when it was modified too recently for its time to show a change. */
    private static ReadCache.Identity identity(Path file, BasicFileAttributes attributes, long startedMillis) {
        return settled(attributes, startedMillis)
                ? new ReadCache.Identity(file.toAbsolutePath().toString(), attributes.size(),
                        attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS))
                : null;
    }

    /**
     * Whether a file was last modified long enough ago that another change would show in its time:
     * file systems stamp times with a coarse clock, so a file rewritten twice within one tick keeps
     * its time, and a file modified just now is not trusted by its identity.
     */
    private static boolean settled(BasicFileAttributes attributes, long nowMillis) {
        return attributes.lastModifiedTime().toMillis() < nowMillis - SETTLED_MILLIS;
    }

    static final long SETTLED_MILLIS = 2_000;

    /** Size, time and kind in one system call; null when there is no such file. */
    static BasicFileAttributes attributes(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
    }

    /** Reads an entry while the jar is open; a damaged entry fails when its content is asked for, naming its file. */
    private static Content readNow(JarFile jar, JarEntry entry) {
        try (InputStream in = jar.getInputStream(entry)) {
            byte[] bytes = in.readAllBytes();
            return () -> bytes;
        } catch (IOException e) {
            return () -> {
                throw e;
            };
        }
    }

    private static List<Found> scanJar(JarURLConnection connection, String under, String label) throws IOException {
        connection.setUseCaches(false);
        String root = under != null ? under : connection.getEntryName();
        String prefix = root == null ? "" : root.replaceAll("/+$", "") + "/";
        List<Found> found = new ArrayList<>();
        Set<String> folders = new LinkedHashSet<>();
        try (JarFile jar = connection.getJarFile()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!name.startsWith(prefix) || name.length() == prefix.length()) {
                    continue;
                }
                String[] parts = name.substring(prefix.length()).split("/", -1);
                if (parts[0].startsWith(".")) {
                    continue;
                }
                // Jars need not contain directory entries: folders are inferred from file paths.
                if (parts.length >= 2) {
                    folders.add(parts[0]);
                }
                if (entry.isDirectory() || parts.length > 2 || parts[parts.length - 1].isEmpty()) {
                    continue;
                }
                ReadCache.Identity identity = parts.length == 2 && entry.getCrc() != -1 && entry.getSize() != -1
                        ? new ReadCache.Identity(connection.getJarFileURL() + "!/" + name, entry.getSize(), entry.getCrc())
                        : null;
                byte[] known = ReadCache.bytes(identity);
                Content content = known != null ? () -> known : readNow(jar, entry);
                String folder = parts.length == 2 ? parts[0] : null;
                found.add(new Found(folder, parts[parts.length - 1], label + "/" + name.substring(prefix.length()), content,
                        identity));
            }
        }
        for (String folder : folders) {
            found.add(new Found(folder, null, label + "/" + folder, null));
        }
        return found;
    }
}
