package io.migrate.internal.engine;

import io.migrate.api.Checksum;
import io.migrate.api.ErrorCode;
import io.migrate.api.InvalidMigrationException;
import io.migrate.internal.source.Migration;
import io.migrate.spi.Dialect;
import io.migrate.spi.ScriptSyntaxException;
import io.migrate.spi.SqlStatement;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.AbstractSequentialList;
import java.util.Iterator;
import java.util.ListIterator;
import java.util.NoSuchElementException;

/**
 * The statements of a large migration file as a list that holds none of them: each traversal
 * streams the file through {@link Dialect#split(Reader)}, hashing it in the same pass, so memory is
 * bounded by the largest statement. A traversal that reaches the end and finds another checksum
 * than the one read with the locations fails: the file changed during the deploy. Made by reading
 * the file once, which counts the statements and reports a syntax error before anything runs.
 */
final class StreamedStatements extends AbstractSequentialList<SqlStatement> {

    private final Migration migration;
    private final Dialect dialect;
    private final int size;

    private StreamedStatements(Migration migration, Dialect dialect) {
        this.migration = migration;
        this.dialect = dialect;
        int count = 0;
        for (Traversal it = new Traversal(); it.hasNext(); it.next()) {
            count++;
        }
        this.size = count;
    }

    static StreamedStatements of(Migration migration, Dialect dialect) {
        return new StreamedStatements(migration, dialect);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public ListIterator<SqlStatement> listIterator(int index) {
        Traversal traversal = new Traversal();
        for (int i = 0; i < index; i++) {
            traversal.next();
        }
        return traversal;
    }

    /**
     * One pass over the file; forward only. It closes the file when it reaches the end, or when
     * {@link #close()} is called by a caller that stops early.
     */
    final class Traversal implements ListIterator<SqlStatement>, AutoCloseable {

        private final MessageDigest digest = Checksum.digest();
        private final Reader reader;
        private final Iterator<SqlStatement> statements;
        private int index;
        private boolean checked;

        Traversal() {
            try {
                reader = migration.large().open(digest);
                statements = dialect.split(reader);
            } catch (IOException e) {
                throw unreadable(e);
            }
        }

        @Override
        public boolean hasNext() {
            boolean more;
            try {
                more = statements.hasNext();
            } catch (ScriptSyntaxException e) {
                close();
                throw Script.syntaxError(migration, e);
            } catch (UncheckedIOException e) {
                close();
                throw unreadable(e.getCause());
            }
            if (!more && !checked) {
                checked = true;
                close();
                String read = Checksum.hex(digest.digest());
                if (!read.equals(migration.checksum())) {
                    throw new InvalidMigrationException(ErrorCode.CHECKSUM_MISMATCH, migration.source(), 0,
                            "Migration " + migration.name() + " changed while it was being deployed: " + migration.source()
                                    + " no longer has the checksum it had when the deploy read it. Nothing of it was"
                                    + " committed; deploy again once the file is final");
                }
            }
            return more;
        }

        @Override
        public SqlStatement next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            index++;
            return statements.next();
        }

        @Override
        public int nextIndex() {
            return index;
        }

        @Override
        public boolean hasPrevious() {
            return false;
        }

        @Override
        public SqlStatement previous() {
            throw new UnsupportedOperationException("statements of a large file are read forward only");
        }

        @Override
        public int previousIndex() {
            return index - 1;
        }

        @Override
        public void remove() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void set(SqlStatement statement) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void add(SqlStatement statement) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            try {
                reader.close();
            } catch (IOException ignored) {
                // read-only file: nothing was lost
            }
        }
    }

    private InvalidMigrationException unreadable(IOException e) {
        return new InvalidMigrationException(ErrorCode.FILE_UNREADABLE, migration.source(), 0,
                "Cannot read " + migration.source() + ": " + e, e);
    }
}
