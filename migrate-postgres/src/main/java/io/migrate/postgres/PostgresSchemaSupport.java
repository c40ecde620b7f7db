package io.migrate.postgres;

import io.migrate.schema.SchemaChange;
import io.migrate.schema.SchemaObject;
import io.migrate.schema.SchemaSnapshot;
import io.migrate.spi.SchemaSupport;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.ds.common.BaseDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Schema snapshots, SQL for schema changes and shadow databases on PostgreSQL. */
final class PostgresSchemaSupport implements SchemaSupport {

    private static final Pattern URL_DATABASE = Pattern.compile("^(jdbc:postgresql://[^/?]*/)([^?]*)(.*)$");

    private final PostgresDialect dialect;
    private final PostgresSchemaRenderer renderer;

    PostgresSchemaSupport(PostgresDialect dialect) {
        this.dialect = dialect;
        this.renderer = new PostgresSchemaRenderer(dialect);
    }

    @Override
    public SchemaSnapshot read(Connection connection, Set<String> excludedTables) throws SQLException {
        return new PostgresSchemaReader(connection, excludedTables, dialect).read();
    }

    @Override
    public List<String> render(SchemaChange change) {
        return renderer.render(change);
    }

    @Override
    public boolean canConvert(String from, String to) {
        return PostgresCasts.convertible(from, to);
    }

    /**
     * {@code CREATE OR REPLACE} refuses another result type, other {@code OUT} parameters, renamed
     * parameters and removed defaults: a routine is replaced in place only when its signature line (names,
     * modes and defaults of its parameters) and its {@code RETURNS} clause stay as they are.
     */
    @Override
    public boolean canReplace(SchemaObject from, SchemaObject to) {
        return header(from.definition()).equals(header(to.definition()));
    }

    /** The first line of {@code pg_get_functiondef} and its {@code RETURNS} line, if it has one. */
    private static List<String> header(String definition) {
        List<String> lines = definition.lines().toList();
        List<String> header = new ArrayList<>(List.of(lines.get(0)));
        lines.stream().skip(1).filter(l -> l.startsWith(" RETURNS ")).findFirst().ifPresent(header::add);
        return header;
    }

    @Override
    public List<String> preamble(List<SchemaChange> changes) {
        return PostgresSchemaRenderer.createsRoutines(changes) ? List.of("SET check_function_bodies = false") : List.of();
    }

    @Override
    public void createDatabase(Connection connection, String name, String template) throws SQLException {
        // FILE_COPY clones a small database much faster than the WAL-logged copy that is the default from 15 on
        String strategy = connection.getMetaData().getDatabaseMajorVersion() >= 15 ? " STRATEGY = FILE_COPY" : "";
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE DATABASE " + dialect.quote(name) + (template == null ? "" : " TEMPLATE "
                    + dialect.quote(template) + strategy));
        }
    }

    @Override
    public void renameDatabase(Connection connection, String from, String to) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("ALTER DATABASE " + dialect.quote(from) + " RENAME TO " + dialect.quote(to));
        }
    }

    @Override
    public void dropDatabase(Connection connection, String name) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + dialect.quote(name) + " WITH (FORCE)");
        }
    }

    @Override
    public List<String> databases(Connection connection, String prefix) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT datname FROM pg_catalog.pg_database WHERE starts_with(datname, ?) ORDER BY oid")) {
            ps.setString(1, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    @Override
    public DataSource dataSource(DataSource original, Connection connection, String database) throws SQLException {
        PGSimpleDataSource copy = new PGSimpleDataSource();
        if (original.isWrapperFor(BaseDataSource.class)) {
            copy.setURL(original.unwrap(BaseDataSource.class).getURL());
            BaseDataSource base = original.unwrap(BaseDataSource.class);
            copy.setUser(base.getUser());
            copy.setPassword(base.getPassword());
        } else {
            // Only the URL and user are known: enough for trust, peer or a .pgpass file, else the caller says what to do.
            Matcher url = URL_DATABASE.matcher(connection.getMetaData().getURL());
            if (!url.matches()) {
                throw new SQLException("the connection's URL does not name a database", "08000");
            }
            copy.setURL(url.group(1) + url.group(2) + url.group(3));
            copy.setUser(connection.getMetaData().getUserName());
        }
        copy.setDatabaseName(database);
        return copy;
    }

    @Override
    public void emptyDatabase(Connection connection) throws SQLException {
        List<String> schemas = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT n.nspname FROM pg_catalog.pg_namespace n
                WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' ORDER BY 1""")) {
            while (rs.next()) {
                schemas.add(rs.getString(1));
            }
        }
        // public is emptied rather than dropped: a new database's public schema has an owner and comment of its own
        try (Statement st = connection.createStatement()) {
            for (String schema : schemas) {
                if (!schema.equals("public")) {
                    st.execute("DROP SCHEMA " + dialect.quote(schema) + " CASCADE");
                }
            }
            if (schemas.contains("public")) {
                dialect.dropAll(connection, "public");
            } else {
                st.execute("CREATE SCHEMA public");
            }
        }
    }

    /** The custom setting {@code migrate.environment}, e.g. {@code ALTER DATABASE shop SET migrate.environment = 'production'}. */
    @Override
    public java.util.Optional<String> environment(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_catalog.current_setting('migrate.environment', true)")) {
            return rs.next() && rs.getString(1) != null && !rs.getString(1).isBlank()
                    ? java.util.Optional.of(rs.getString(1)) : java.util.Optional.empty();
        }
    }
}
