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
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
