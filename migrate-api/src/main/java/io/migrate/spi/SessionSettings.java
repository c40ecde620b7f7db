package io.migrate.spi;

import java.sql.SQLException;

/** Session settings changed for running migrations; closing puts back what was there before. */
public interface SessionSettings extends AutoCloseable {

    /**
     * Puts the session back as it was right after these settings were made, undoing whatever a
     * migration changed in it since (settings, role), so that every migration of a deploy starts from
     * the same session state as if it were deployed alone. The engine calls it on the prepared
     * session before each migration after the first, in auto-commit. The default does nothing.
     */
    default void reset() throws SQLException {
    }

    @Override
    void close() throws SQLException;
}
