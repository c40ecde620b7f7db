package io.migrate.internal.source;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Migrations already read and hashed in this JVM, by the identity of their file: a repeat deploy
 * does not read, hash and decode again a file whose identity has not changed. The first read of a
 * file in a JVM always reads it, so the first deploy checks every checksum against the history.
 * Large files are not kept: holding them would cost more memory than reading them again costs time.
 */
final class ReadCache {

    /**
     * What identifies one version of a file without reading it: for a file, its absolute path, size
     * and modification time in nanoseconds; for a jar entry, the jar's URL with the entry's name,
     * and the entry's size and CRC-32 from the jar's central directory.
     */
    static final class Identity {
        // A plain class: a record's equals and hashCode are bootstrapped on first use, which costs a
        // cold start more than the comparison itself.
        private final String path;
        private final long size;
        private final long stamp;

        Identity(String path, long size, long stamp) {
            this.path = path;
            this.size = size;
            this.stamp = stamp;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Identity o && o.size == size && o.stamp == stamp && o.path.equals(path);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * path.hashCode() + Long.hashCode(size)) + Long.hashCode(stamp);
        }
    }

    static final int LARGEST_KEPT = 1 << 20;
    private static final int MOST_KEPT = 50_000;
    private static final Map<Identity, Migration> KNOWN = new ConcurrentHashMap<>();

    private ReadCache() {
    }

    /** The migration read earlier from a file with this identity, or null. */
    static Migration get(Identity identity, String name, String source) {
        Migration known = identity == null ? null : KNOWN.get(identity);
        if (known == null || known.name().equals(name) && known.source().equals(source)) {
            return known;
        }
        return new Migration(name, source, known.bytes(), known.checksum(), known.script());
    }

    /** The checksum of a file read earlier with this identity, or null. */
    static String checksum(Identity identity) {
        Migration known = identity == null ? null : KNOWN.get(identity);
        return known == null ? null : known.checksum();
    }

    /** The bytes of a file read earlier with this identity, or null. */
    static byte[] bytes(Identity identity) {
        Migration known = identity == null ? null : KNOWN.get(identity);
        return known == null ? null : known.bytes();
    }

    static void put(Identity identity, Migration migration) {
        if (identity != null && migration.bytes() != null && migration.bytes().length <= LARGEST_KEPT) {
            if (KNOWN.size() >= MOST_KEPT) {
                KNOWN.clear();
            }
            KNOWN.put(identity, migration);
        }
    }
}
