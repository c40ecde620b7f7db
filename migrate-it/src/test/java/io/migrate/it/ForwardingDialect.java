package io.migrate.it;

import io.migrate.spi.DatabaseLock;
import io.migrate.spi.Dialect;
import io.migrate.spi.ErrorKind;
import io.migrate.spi.SessionSettings;
import io.migrate.spi.SqlStatement;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A dialect that does what another does; tests override single methods. */
abstract class ForwardingDialect implements Dialect {

    private final Dialect delegate;

    ForwardingDialect(Dialect delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public boolean supports(DatabaseMetaData metaData) throws SQLException {
        return delegate.supports(metaData);
    }

    @Override
    public List<SqlStatement> split(String script) {
        return delegate.split(script);
    }

    @Override
    public String quote(String identifier) {
        return delegate.quote(identifier);
    }

    @Override
    public String currentSchema(Connection connection) throws SQLException {
        return delegate.currentSchema(connection);
    }

    @Override
    public List<String> schemaObjects(Connection connection, String schema, String exceptTable, int limit) throws SQLException {
        return delegate.schemaObjects(connection, schema, exceptTable, limit);
    }

    @Override
    public void dropAll(Connection connection, String schema) throws SQLException {
        delegate.dropAll(connection, schema);
    }

    @Override
    public SessionSettings prepareSession(Connection connection, String schema) throws SQLException {
        return delegate.prepareSession(connection, schema);
    }

    @Override
    public boolean historyTableExists(Connection connection, String schema, String table) throws SQLException {
        return delegate.historyTableExists(connection, schema, table);
    }

    @Override
    public void createHistoryTable(Connection connection, String schema, String table) throws SQLException {
        delegate.createHistoryTable(connection, schema, table);
    }

    @Override
    public DatabaseLock lock(Connection connection, String schema, String table, Duration timeout) throws SQLException {
        return delegate.lock(connection, schema, table, timeout);
    }

    @Override
    public void execute(Connection connection, SqlStatement statement) throws SQLException {
        delegate.execute(connection, statement);
    }

    @Override
    public ErrorKind classify(SQLException error) {
        return delegate.classify(error);
    }

    @Override
    public String maskSecrets(String text) {
        return delegate.maskSecrets(text);
    }

    @Override
    public Optional<String> needsNoTransaction(List<SqlStatement> statements) {
        return delegate.needsNoTransaction(statements);
    }

    @Override
    public void rollbackScriptTransaction(Connection connection) throws SQLException {
        delegate.rollbackScriptTransaction(connection);
    }

    @Override
    public boolean leavesNothingWhenFailed(SqlStatement statement) {
        return delegate.leavesNothingWhenFailed(statement);
    }
}
