package io.migrate.internal.source;

import io.migrate.api.Checksum;
import io.migrate.api.ErrorCode;
import io.migrate.api.InvalidMigrationException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;

/**
 * A migration file too large to keep in memory: it is read as a stream each time it is needed,
 * once to hash and check it when the locations are read, and then by whoever splits it, so that
 * what is in memory at a time is one chunk, not the file.
 */
public final class LargeFile {

    /** Files larger than this are streamed rather than held. */
    static final long THRESHOLD = ReadCache.LARGEST_KEPT;
    private static final int CHUNK = 1 << 16;

    private final Path path;
    private final String source;

    LargeFile(Path path, String source) {
        this.path = path;
        this.source = source;
    }

    /**
     * The file's SHA-256 after checking, in the same pass, that it is valid UTF-8 (the error names
     * the line and offset as for a file read whole).
     */
    String checksum() {
        MessageDigest digest = Checksum.digest();
        CharsetDecoder decoder = strict();
        byte[] chunk = new byte[CHUNK];
        ByteBuffer in = ByteBuffer.allocate(CHUNK + 8);
        CharBuffer out = CharBuffer.allocate(CHUNK + 8);
        long consumed = 0;
        int newlines = 0;
        try (InputStream stream = Files.newInputStream(path)) {
            for (int count = stream.read(chunk); ; count = stream.read(chunk)) {
                boolean end = count < 0;
                if (!end) {
                    digest.update(chunk, 0, count);
                    in.put(chunk, 0, count);
                }
                in.flip();
                int before = in.position();
                CoderResult result = decoder.decode(in, out, end);
                out.clear();
                if (result.isError()) {
                    int bad = in.position();
                    newlines += newlines(in, before, bad);
                    long offset = consumed + (bad - before);
                    throw new InvalidMigrationException(ErrorCode.FILE_NOT_UTF8, source, newlines + 1, String.format(
                            "%s is not valid UTF-8: byte 0x%02X at line %d (byte offset %d). Save the file as UTF-8",
                            source, in.get(bad) & 0xff, newlines + 1, offset));
                }
                newlines += newlines(in, before, in.position());
                consumed += in.position() - before;
                in.compact();
                if (end) {
                    return Checksum.hex(digest.digest());
                }
            }
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private static int newlines(ByteBuffer buffer, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (buffer.get(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    /** The whole text, for the rare callers that need it whole (a plan, placeholders). */
    String text() {
        try {
            return MigrationReader.decode(Files.readAllBytes(path), source);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /**
     * The text as a reader, without a byte-order mark, decoding strictly; {@code digest} (when not
     * null) is fed every byte read, so that a reader read to its end has hashed the whole file.
     */
    public Reader open(MessageDigest digest) throws IOException {
        InputStream stream = Files.newInputStream(path);
        if (digest != null) {
            stream = new DigestInputStream(stream, digest);
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(stream, strict()), CHUNK);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }

    /**
     * Whether the file with its line endings turned from CRLF to LF, or from LF to CRLF, has the
     * checksum {@code recorded} (see {@link Migration#matches}); computed in one pass for both.
     */
    boolean matchesOtherLineEndings(String recorded) {
        MessageDigest lf = Checksum.digest();
        MessageDigest crlf = Checksum.digest();
        boolean pendingCr = false;
        try (InputStream stream = Files.newInputStream(path)) {
            byte[] chunk = new byte[CHUNK];
            for (int count = stream.read(chunk); count >= 0; count = stream.read(chunk)) {
                for (int i = 0; i < count; i++) {
                    byte b = chunk[i];
                    if (pendingCr && b != '\n') {
                        lf.update((byte) '\r');
                        crlf.update((byte) '\r');
                    }
                    pendingCr = b == '\r';
                    if (b == '\n') {
                        lf.update(b);
                        crlf.update((byte) '\r');
                        crlf.update(b);
                    } else if (!pendingCr) {
                        lf.update(b);
                        crlf.update(b);
                    }
                }
            }
        } catch (IOException e) {
            throw unreadable(e);
        }
        if (pendingCr) {
            lf.update((byte) '\r');
            crlf.update((byte) '\r');
        }
        return recorded.equalsIgnoreCase(Checksum.hex(lf.digest())) || recorded.equalsIgnoreCase(Checksum.hex(crlf.digest()));
    }

    private InvalidMigrationException unreadable(IOException e) {
        return new InvalidMigrationException(ErrorCode.FILE_UNREADABLE, source, 0, "Cannot read " + source + ": " + e, e);
    }

    private static CharsetDecoder strict() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
}
