package io.migrate.postgres;

import io.migrate.spi.SqlStatement;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * {@link PostgresSplitter} over a script read in chunks: the splitter sees a window of whole lines
 * that starts at the statement it is splitting, and the window slides on once that statement is
 * handed out. What is in memory is the
 * statement being split plus one chunk, whatever the size of the script. A statement longer than the window is split again from its start after the window
 * has grown by at least its own size, so the rescans add up to a constant factor, not a square.
 */
final class PostgresStatementStream implements Iterator<SqlStatement> {

    /** Characters read at a time: large enough that refills are rare, small beside a heap. */
    static final int CHUNK = 1 << 16;

    private final Reader in;
    private final int chunk;
    private final ArrayDeque<SqlStatement> ready = new ArrayDeque<>();
    private final PostgresSplitter splitter = PostgresSplitter.streaming(ready);
    private char[] buffer;
    /** Characters in {@link #buffer}; the window is its first {@link #window} of them. */
    private int length;
    private int window;
    private boolean endOfInput;
    private boolean done;
    /** Where in the window the next statement may start. */
    private int position;

    PostgresStatementStream(Reader in, int chunk) {
        this.in = in;
        this.chunk = chunk;
        this.buffer = new char[2 * chunk];
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && !done) {
            int next = splitter.next(position);
            if (next == PostgresSplitter.END) {
                done = true;
            } else if (next == PostgresSplitter.MORE) {
                slide();
            } else {
                position = next;
            }
        }
        return !ready.isEmpty();
    }

    @Override
    public SqlStatement next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    /** Drops what is before {@link #position}, reads on to at least one more line end, and hands the splitter the new window. */
    private void slide() {
        int kept = position;
        splitter.keep(kept);
        System.arraycopy(buffer, kept, buffer, 0, length - kept);
        length -= kept;
        int previous = window - kept;
        // Grow by at least what is kept, so that one long statement is rescanned a bounded number of times.
        int wanted = length + Math.max(chunk, previous);
        int end;
        try {
            do {
                read(wanted);
                wanted = length + chunk;
                end = endOfInput ? length : lastLineEnd(previous);
            } while (end <= previous && !endOfInput);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the script failed", e);
        }
        window = end;
        position = 0;
        splitter.window(new String(buffer, 0, window), endOfInput && window == length);
    }

    /** Reads until the buffer holds {@code wanted} characters or the input ends. */
    private void read(int wanted) throws IOException {
        if (wanted > buffer.length) {
            buffer = java.util.Arrays.copyOf(buffer, Math.max(wanted, 2 * buffer.length));
        }
        while (length < wanted && !endOfInput) {
            int count = in.read(buffer, length, wanted - length);
            if (count < 0) {
                endOfInput = true;
            } else {
                length += count;
            }
        }
    }

    /** The position after the last newline past {@code from}, or {@code from} when there is none. */
    private int lastLineEnd(int from) {
        for (int i = length - 1; i >= from; i--) {
            if (buffer[i] == '\n') {
                return i + 1;
            }
        }
        return from;
    }
}
