package io.migrate.mariadb;

import io.migrate.spi.DatabaseLock;
import io.migrate.spi.Dialect;
import io.migrate.spi.SessionSettings;
import io.migrate.spi.SqlStatement;
import io.migrate.tck.KitDatabase;
import io.migrate.tck.LockContract;
import io.migrate.tck.SplitterContract;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Dialects with one deliberate fault each, run through the kit by {@link KitCatchesBrokenDialectsIT}
 * to show that the kit fails them and names the method at fault. Not run on their own (no *IT name).
 */
final class BrokenDialects {

    private BrokenDialects() {
    }

    /** The MariaDB dialect, forwarded, so that one method at a time can be broken. */
    static class Forwarding implements Dialect {
        final MariaDbDialect real = new MariaDbDialect();

        @Override
        public String name() {
            return real.name();
        }

        @Override
        public boolean supports(DatabaseMetaData metaData) throws SQLException {
            return real.supports(metaData);
        }

        @Override
        public List<SqlStatement> split(String script) {
            return real.split(script);
        }

        @Override
        public String quote(String identifier) {
            return real.quote(identifier);
        }

        @Override
        public String currentSchema(Connection connection) throws SQLException {
            return real.currentSchema(connection);
        }

        @Override
        public SessionSettings prepareSession(Connection connection, String schema) throws SQLException {
            return real.prepareSession(connection, schema);
        }

        @Override
        public boolean historyTableExists(Connection connection, String schema, String table) throws SQLException {
            return real.historyTableExists(connection, schema, table);
        }

        @Override
        public void createHistoryTable(Connection connection, String schema, String table) throws SQLException {
            real.createHistoryTable(connection, schema, table);
        }

        @Override
        public List<String> schemaObjects(Connection connection, String schema, String exceptTable, int limit)
                throws SQLException {
            return real.schemaObjects(connection, schema, exceptTable, limit);
        }

        @Override
        public void dropAll(Connection connection, String schema) throws SQLException {
            real.dropAll(connection, schema);
        }

        @Override
        public DatabaseLock lock(Connection connection, String schema, String table, Duration timeout) throws SQLException {
            return real.lock(connection, schema, table, timeout);
        }
    }

    /** Splits at every semicolon, quotes and comments notwithstanding, and never complains. */
    static class NaiveSplitKit implements SplitterContract {
        @Override
        public Dialect dialect() {
            return new Forwarding() {
                @Override
                public List<SqlStatement> split(String script) {
                    List<SqlStatement> statements = new ArrayList<>();
                    for (String part : script.split(";")) {
                        if (!part.isBlank()) {
                            statements.add(new SqlStatement(part.strip(), 1, SqlStatement.Kind.ORDINARY));
                        }
                    }
                    return statements;
                }
            };
        }

        @Override
        public KitDatabase newDatabase() throws Exception {
            return MariaDbServer.newDatabase();
        }
    }

    /** Hands out a lock that locks nothing. */
    static class NoLockKit implements LockContract {
        @Override
        public Dialect dialect() {
            return new Forwarding() {
                @Override
                public DatabaseLock lock(Connection connection, String schema, String table, Duration timeout) {
                    return () -> { };
                }
            };
        }

        @Override
        public KitDatabase newDatabase() throws Exception {
            return MariaDbServer.newDatabase();
        }
    }
}
