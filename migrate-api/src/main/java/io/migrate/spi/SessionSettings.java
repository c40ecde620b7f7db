package io.migrate.spi;

import java.sql.SQLException;

/** Session settings changed for running migrations; closing puts back what was there before. */
public interface SessionSettings extends AutoCloseable {
    @Override
    void close() throws SQLException;
}
