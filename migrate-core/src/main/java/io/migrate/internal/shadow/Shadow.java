package io.migrate.internal.shadow;

import javax.sql.DataSource;

/** A shadow database holding what a build put in it, for as long as it is open. */
interface Shadow extends AutoCloseable {

    /** Fills an empty shadow database. */
    @FunctionalInterface
    interface Build {
        void into(DataSource database);
    }

    DataSource dataSource();

    /** Drops a temporary shadow; a given one is left as it is. */
    @Override
    void close();
}
