package io.migrate.spi;

import java.sql.SQLException;

/** A held migration lock; closing it releases the lock. */
public interface DatabaseLock extends AutoCloseable {
    @Override
    void close() throws SQLException;
}
