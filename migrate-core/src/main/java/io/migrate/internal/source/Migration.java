package io.migrate.internal.source;

import io.migrate.api.Checksum;
import io.migrate.api.JavaMigration;

import java.nio.charset.StandardCharsets;

/**
 * One migration folder as found on disk.
 *
 * @param name     the folder name as is (new ones are {@code <14-digit timestamp>_<name>}); its identity,
 *                 sorted by {@link MigrationNames#ORDER}
 * @param source   where {@code migration.sql} was read from, for messages
 * @param bytes    the file as stored; null for a large file
 * @param checksum SHA-256 of {@code bytes}, lowercase hex
 * @param script   the file decoded as UTF-8, without a byte-order mark; for a large file read on demand
 * @param code     for a migration written in Java, its instance; null for SQL
 * @param large    a file too large to hold, streamed whenever it is needed; otherwise null
 */
public record Migration(String name, String source, byte[] bytes, String checksum, String script, JavaMigration code,
                        LargeFile large) implements Comparable<Migration> {

    /** A SQL migration. */
    public Migration(String name, String source, byte[] bytes, String checksum, String script) {
        this(name, source, bytes, checksum, script, null, null);
    }

    /** A SQL migration or a Java one. */
    public Migration(String name, String source, byte[] bytes, String checksum, String script, JavaMigration code) {
        this(name, source, bytes, checksum, script, code, null);
    }

    /** A SQL migration in a large file, which is read again whenever it is needed. */
    static Migration large(String name, String source, LargeFile file, String checksum) {
        return new Migration(name, source, null, checksum, null, null, file);
    }

    /** The text; a large file is read whole for it, so those who can stream use {@link #large()} instead. */
    @Override
    public String script() {
        return large != null ? large.text() : script;
    }

    /** A Java migration: its checksum stands for its class and declared version. */
    public static Migration of(JavaMigration code) {
        String type = code.getClass().getName();
        return new Migration(String.valueOf(code.name()), "java:" + type, new byte[0],
                Checksum.sha256(("java:" + type + ":" + code.version()).getBytes(StandardCharsets.UTF_8)), "", code);
    }

    @Override
    public int compareTo(Migration other) {
        return MigrationNames.ORDER.compare(name, other.name);
    }

    /**
     * Whether a checksum recorded in the history belongs to this file. The same file with its line
     * endings turned from CRLF to LF, or from LF to CRLF, counts as unchanged: checkouts on
     * different systems must not look like edits.
     */
    public boolean matches(String recorded) {
        // Checksums are written in lowercase: the exact comparison settles almost every call.
        if (checksum.equals(recorded) || checksum.equalsIgnoreCase(recorded)) {
            return true;
        }
        if (code != null) {
            return false;
        }
        if (large != null) {
            return large.matchesOtherLineEndings(recorded);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        String lf = text.replace("\r\n", "\n");
        return recorded.equalsIgnoreCase(Checksum.sha256(lf.getBytes(StandardCharsets.UTF_8)))
                || recorded.equalsIgnoreCase(Checksum.sha256(lf.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Migration m && m.name.equals(name) && m.checksum.equals(checksum) && m.source.equals(source);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name + " (" + source + ")";
    }
}
