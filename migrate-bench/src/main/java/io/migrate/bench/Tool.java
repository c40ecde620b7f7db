package io.migrate.bench;

import io.migrate.Migrator;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.ui.LoggerUIService;
import liquibase.UpdateSummaryEnum;
import liquibase.util.LiquibaseUtil;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.util.DriverInfo;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The contenders, each used the way its documentation shows for an application that migrates at
 * start-up, with default settings: a data source in, every pending migration applied.
 */
enum Tool {

    MIGRATE("migrate") {
        @Override
        void deploy(DataSource dataSource, Layout layout) {
            Migrator.configure(dataSource).locations("filesystem:" + layout.prisma()).deploy();
        }

        @Override
        String historyQuery() {
            return "SELECT count(*) FROM _migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL";
        }
    },

    FLYWAY("Flyway") {
        @Override
        void deploy(DataSource dataSource, Layout layout) {
            Flyway.configure().dataSource(dataSource).locations("filesystem:" + layout.flyway()).load().migrate();
        }

        @Override
        String historyQuery() {
            return "SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL";
        }
    },

    LIQUIBASE("Liquibase") {
        @Override
        void deploy(DataSource dataSource, Layout layout) throws Exception {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(dataSource.getConnection()));
            try {
                Map<String, Object> scope = Map.of(
                        Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(layout.liquibase()),
                        Scope.Attr.ui.name(), new LoggerUIService());
                Scope.child(scope, () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                        .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, Layout.CHANGELOG)
                        .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY, UpdateSummaryEnum.OFF)
                        .execute());
            } finally {
                database.close();
            }
        }

        @Override
        String historyQuery() {
            return "SELECT count(*) FROM databasechangelog";
        }
    },

    /** The floor: the same statements, one transaction per migration, no history, no lock, no checks. */
    RAW_JDBC("raw JDBC") {
        @Override
        void prepare(Layout layout) {
            STATEMENTS.computeIfAbsent(layout, Layout::statements);
        }

        @Override
        void deploy(DataSource dataSource, Layout layout) throws SQLException {
            List<List<String>> migrations = STATEMENTS.get(layout);
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                c.setAutoCommit(false);
                for (List<String> statements : migrations) {
                    for (String sql : statements) {
                        st.execute(sql);
                    }
                    c.commit();
                }
            }
        }

        @Override
        String historyQuery() {
            return null;
        }
    },

    /**
     * The no-op floor, on a database this library migrated: one connection reads the history's names
     * and checksums, the files are read and hashed (in a warm JVM, only those that changed), the two
     * are compared. Nothing is applied, locked or written.
     */
    RAW_JDBC_NOOP("raw JDBC") {
        @Override
        void deploy(DataSource dataSource, Layout layout) throws Exception {
            Map<String, String> history = new HashMap<>();
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT migration_name, checksum FROM _migrations")) {
                while (rs.next()) {
                    history.put(rs.getString(1), rs.getString(2));
                }
            }
            NoopFloor.compare(history, NoopFloor.checksums(layout.prisma()));
        }

        @Override
        String historyQuery() {
            return MIGRATE.historyQuery();
        }
    },

    /**
     * PostgreSQL's own client running each migration file in one transaction
     * ({@code psql -1 -v ON_ERROR_STOP=1 -f}): the reference for files of many statements.
     */
    PSQL("psql") {
        @Override
        void deploy(DataSource dataSource, Layout layout) throws Exception {
            PGSimpleDataSource ds = (PGSimpleDataSource) dataSource;
            List<Path> files;
            try (Stream<Path> folders = Files.list(layout.prisma())) {
                files = folders.sorted().map(f -> f.resolve("migration.sql")).toList();
            }
            for (Path file : files) {
                ProcessBuilder builder = new ProcessBuilder("psql", "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1",
                        "-h", ds.getServerNames()[0], "-p", String.valueOf(ds.getPortNumbers()[0]),
                        "-U", ds.getUser(), "-d", ds.getDatabaseName(), "-f", file.toString())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
                if (ds.getPassword() != null) {
                    builder.environment().put("PGPASSWORD", ds.getPassword());
                }
                int status = builder.start().waitFor();
                if (status != 0) {
                    throw new IllegalStateException("psql exited with status " + status + " on " + file);
                }
            }
        }

        @Override
        String historyQuery() {
            return null;
        }
    };

    /** The migration tools, without the floor. */
    static final List<Tool> TOOLS = List.of(MIGRATE, FLYWAY, LIQUIBASE);
    /** Everything that applies migrations, floor included. */
    static final List<Tool> ALL = List.of(MIGRATE, FLYWAY, LIQUIBASE, RAW_JDBC);
    /** The no-op, warm or cold: the migration tools and the floor that only checks. */
    static final List<Tool> NOOP = List.of(MIGRATE, FLYWAY, LIQUIBASE, RAW_JDBC_NOOP);
    /** This library and Flyway: the cost curve and the files of many statements compare these. */
    static final List<Tool> MIGRATE_AND_FLYWAY = List.of(MIGRATE, FLYWAY);
    /**
     * Files of many small statements: psql is the reference. Liquibase is left out: it held 1.1 GiB of
     * heap for a 20 MB file, so a 50 MB one does not fit the 2 GiB these runs allow.
     */
    static final List<Tool> MANY_STATEMENTS = List.of(MIGRATE, FLYWAY, RAW_JDBC, PSQL);

    private static final Map<Layout, List<List<String>>> STATEMENTS = new ConcurrentHashMap<>();
    // Held so that the level set on it is not garbage-collected with the logger.
    private static final Logger LIQUIBASE_LOG = Logger.getLogger("liquibase");

    private final String label;

    Tool(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** Work done once per layout before any timing, such as reading and splitting for the floor. */
    void prepare(Layout layout) {
    }

    /** Applies every pending migration of {@code layout} to the database behind {@code dataSource}. */
    abstract void deploy(DataSource dataSource, Layout layout) throws Exception;

    /** Counts the migrations the tool recorded as applied, or null for a tool that records nothing. */
    abstract String historyQuery();

    /** How many migrations the history says are applied, or -1 for the floor. */
    int applied(Connection connection) throws SQLException {
        String query = historyQuery();
        if (query == null) {
            return -1;
        }
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * The same quiet, offline set-up for every tool in every JVM: logs at WARN (this library and
     * Flyway through SLF4J, Liquibase through java.util.logging) and Liquibase's anonymous
     * analytics off, so that no run waits on the network.
     */
    static void quietSettings() {
        System.setProperty("liquibase.analytics.enabled", "false");
        System.setProperty("liquibase.showBanner", "false");
        LIQUIBASE_LOG.setLevel(Level.WARNING);
    }

    /** The library versions on the class path, for the report's header. */
    static String versions() {
        return "migrate " + version("io.migrate", "migrate-core") + ", Flyway " + version("org.flywaydb", "flyway-core")
                + ", Liquibase " + LiquibaseUtil.getBuildVersion() + ", pgjdbc " + DriverInfo.DRIVER_VERSION;
    }

    private static String version(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Tool.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "(unknown)";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "(unknown)");
        } catch (IOException e) {
            return "(unknown)";
        }
    }
}
