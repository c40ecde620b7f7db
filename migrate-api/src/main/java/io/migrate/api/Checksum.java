package io.migrate.api;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The one SHA-256 of the library: a migration's checksum, as Prisma Migrate records it. */
public final class Checksum {

    private Checksum() {
    }

    /** SHA-256 of {@code bytes} as 64 lowercase hex characters. */
    public static String sha256(byte[] bytes) {
        return hex(digest().digest(bytes));
    }

    /** A SHA-256 digest to feed in pieces, for a file read as a stream; finish it with {@link #hex}. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** A finished digest as lowercase hex, as {@link #sha256} returns it. */
    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
