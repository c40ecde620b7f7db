package io.migrate.tck;

import io.migrate.spi.Dialect;

/**
 * What a dialect module supplies to the kit: the dialect, fresh empty databases, and the
 * statements the kit cannot write portably. Every contract of the kit extends it.
 */
public interface DialectKit {

    /** The dialect under test, as its users would construct it. */
    Dialect dialect();

    /**
     * A new, empty database on a real server, with a current schema the connection's user may
     * create tables in, and a second schema name the kit may use. The kit closes it after the check.
     */
    KitDatabase newDatabase() throws Exception;

    /** The statements the kit cannot write portably (default: {@link KitSql#standard()}). */
    default KitSql sql() {
        return KitSql.standard();
    }
}
