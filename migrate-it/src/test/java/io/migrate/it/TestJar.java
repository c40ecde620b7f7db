package io.migrate.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

/**
 * Builds jar files for tests, with or without directory entries (jar tools differ: some write an
 * entry for every folder, some only for files).
 */
final class TestJar {

    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Set<String> stored = new HashSet<>();
    private Manifest manifest;

    TestJar file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    TestJar file(String name, byte[] content) {
        files.put(name, content);
        return this;
    }

    /** An uncompressed entry with its size and CRC set up front, as Spring Boot requires for nested jars. */
    TestJar storedFile(String name, byte[] content) {
        stored.add(name);
        return file(name, content);
    }

    /** Every regular file under {@code directory}, named by its path relative to it, under {@code prefix}. */
    TestJar directory(Path directory, String prefix) {
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                file(prefix + directory.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TestJar manifest(Map<String, String> attributes) {
        manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.forEach((k, v) -> manifest.getMainAttributes().putValue(k, v));
        return this;
    }

    Path write(Path jar, boolean directoryEntries) {
        try {
            Files.createDirectories(jar.toAbsolutePath().getParent());
            Files.write(jar, bytes(directoryEntries));
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] bytes(boolean directoryEntries) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (JarOutputStream out = manifest == null ? new JarOutputStream(buffer) : new JarOutputStream(buffer, manifest)) {
            Set<String> directories = new HashSet<>(List.of("META-INF/"));
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                String name = file.getKey();
                if (directoryEntries) {
                    for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
                        String directory = name.substring(0, slash + 1);
                        if (directories.add(directory)) {
                            out.putNextEntry(new JarEntry(directory));
                            out.closeEntry();
                        }
                    }
                }
                JarEntry entry = new JarEntry(name);
                byte[] content = file.getValue();
                if (stored.contains(name)) {
                    CRC32 crc = new CRC32();
                    crc.update(content);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(content.length);
                    entry.setCompressedSize(content.length);
                    entry.setCrc(crc.getValue());
                }
                out.putNextEntry(entry);
                out.write(content);
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }
}
