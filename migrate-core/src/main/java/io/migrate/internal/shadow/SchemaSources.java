package io.migrate.internal.shadow;

import io.migrate.api.Checksum;
import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;
import io.migrate.api.MigrationFailedException;
import io.migrate.internal.diff.Diffs;
import io.migrate.internal.engine.Deployer;
import io.migrate.internal.engine.Dialects;
import io.migrate.internal.engine.Settings;
import io.migrate.internal.source.Location;
import io.migrate.internal.source.Migration;
import io.migrate.internal.source.MigrationReader;
import io.migrate.internal.source.SchemaFiles;
import io.migrate.schema.SchemaDiff;
import io.migrate.schema.SchemaSnapshot;
import io.migrate.schema.SchemaSource;
import io.migrate.spi.Dialect;
import io.migrate.spi.SchemaSupport;
import io.migrate.spi.SqlStatement;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns {@link SchemaSource}s into snapshots: a live database is read as it is; migrations, a schema
 * file and "empty" are applied to a shadow database first, and read from there.
 */
public final class SchemaSources {

    private final Settings settings;
    private final ShadowSettings shadow;
    private Dialect dialect;

    public SchemaSources(Settings settings, ShadowSettings shadow) {
        this.settings = settings;
        this.shadow = shadow;
    }

    public SchemaDiff diff(SchemaSource from, SchemaSource to) {
        SchemaSupport support = support();
        return Diffs.of(support, snapshot(from, support), snapshot(to, support));
    }

    public SchemaSnapshot snapshot(SchemaSource source) {
        return snapshot(source, support());
    }

    /**
     * What the database holds that its applied migrations do not create, and the reverse: the diff
     * from the migrations up to {@code lastApplied} (none when null), replayed on a shadow, to the
     * database.
     */
    public SchemaDiff drift(String lastApplied) {
        SchemaSupport support = support();
        SchemaSnapshot expected = lastApplied == null ? snapshot(SchemaSource.empty(), support)
                : replay(List.of(), lastApplied, support);
        return Diffs.of(support, expected, snapshot(SchemaSource.database(), support));
    }

    /** What the migrations up to {@code lastApplied} create (nothing when null), replayed on a shadow. */
    public SchemaSnapshot applied(String lastApplied) {
        SchemaSupport support = support();
        return lastApplied == null ? snapshot(SchemaSource.empty(), support) : replay(List.of(), lastApplied, support);
    }

    private SchemaSnapshot snapshot(SchemaSource source, SchemaSupport support) {
        if (source instanceof SchemaSource.Database database) {
            return read(database.dataSource().orElse(settings.dataSource()), support);
        }
        if (source instanceof SchemaSource.Migrations migrations) {
            return replay(migrations.locations().stream().map(SchemaSources::location).toList(), settings.target(), support);
        }
        if (source instanceof SchemaSource.SchemaFile file) {
            MigrationReader.Seed script = SchemaFiles.read(location(file.location()), settings.classLoader());
            return onShadow("file\n" + script.script(), support, target -> runFile(target, script));
        }
        return onShadow("empty", support, target -> { });
    }

    /**
     * The schema file applied on top of the migrations up to {@code lastApplied}: for a file that refers to
     * their objects (a foreign key to one of their tables), which cannot be applied to an empty database.
     */
    public SchemaSnapshot schemaFileOnMigrations(String location, String lastApplied) {
        MigrationReader.Seed script = SchemaFiles.read(location(location), settings.classLoader());
        return replay(List.of(), lastApplied, support(), "file\n" + script.script(), database -> runFile(database, script));
    }

    private SchemaSnapshot replay(List<Location> locations, String target, SchemaSupport support) {
        return replay(locations, target, support, "", database -> { });
    }

    private SchemaSnapshot replay(List<Location> locations, String target, SchemaSupport support, String extra, Shadow.Build after) {
        return replay(locations, target, support, extra, after, database -> read(database, support));
    }

    /**
     * Runs {@code use} on a shadow database holding what the migrations up to {@code lastMigration} create
     * (nothing when null), from a template kept by content hash.
     */
    public <T> T onReplayedShadow(String lastMigration, Function<DataSource, T> use) {
        SchemaSupport support = support();
        if (lastMigration == null) {
            return onShadow("empty", support, target -> { }, use);
        }
        return replay(List.of(), lastMigration, support, "", database -> { }, use);
    }

    /**
     * Runs {@code use} on a shadow database holding {@code schema}, as the dialect renders it, from a
     * template kept by the schema's hash.
     */
    public <T> T onShadowHolding(SchemaSnapshot schema, Function<DataSource, T> use) {
        SchemaSupport support = support();
        // the template is built from its own empty state, read after shadowInit, so no second shadow is needed
        return onShadow("schema\n" + schema.toJson(), support,
                database -> runRendered(database, Diffs.of(support, read(database, support), schema).statements()), use);
    }

    private void runRendered(DataSource database, List<String> script) {
        Dialect dialect = dialect();
        try (Connection c = database.getConnection()) {
            for (String sql : script) {
                try {
                    dialect.execute(c, new SqlStatement(sql, 1, SqlStatement.Kind.ORDINARY));
                } catch (SQLException e) {
                    throw new MigrationException(ErrorCode.SHADOW_MIGRATION_FAILED, "The database's schema, as the "
                            + dialect.name() + " dialect renders it, failed to apply to the shadow database\n  Statement: "
                            + TemporaryShadows.statement(dialect, sql) + "\n  " + TemporaryShadows.describe(dialect, e)
                            + "\nCreate what it needs beforehand with shadowInit(sql)", e);
                }
            }
        } catch (SQLException e) {
            throw TemporaryShadows.failed(dialect, "copying the database's schema to the shadow database", e);
        }
    }

    private <T> T replay(List<Location> locations, String target, SchemaSupport support, String extra, Shadow.Build after,
                         Function<DataSource, T> use) {
        Settings replay = new Settings(settings.dataSource(), locations.isEmpty() ? settings.locations() : locations,
                settings.schema(), settings.table(), settings.lockTimeout(), true, true, settings.dialect(),
                settings.classLoader(), target, false, null, settings.javaMigrations(), settings.placeholders(),
                null, null, 0, settings.progressInterval(), List.of(), null);
        StringBuilder input = new StringBuilder("migrations\nschema=").append(replay.schema()).append("\ntable=")
                .append(replay.table()).append("\nplaceholders=").append(new TreeMap<>(replay.placeholders()))
                .append("\ntarget=").append(target).append('\n');
        for (Migration m : MigrationReader.read(replay.locations(), replay.classLoader(), replay.javaMigrations()).migrations()) {
            input.append(m.name()).append(' ').append(m.checksum()).append('\n');
        }
        return onShadow(input.append(extra).toString(), support, database -> {
            deploy(replay, database);
            after.into(database);
        }, use);
    }

    private void deploy(Settings replay, DataSource database) {
        Settings onShadow = new Settings(database, replay.locations(), replay.schema(), replay.table(), replay.lockTimeout(),
                replay.outOfOrder(), replay.validateApplied(), replay.dialect(), replay.classLoader(), replay.target(),
                false, null, replay.javaMigrations(), replay.placeholders(), null, null, 0, replay.progressInterval(),
                List.of(), null);
        try (Connection c = database.getConnection()) {
            // with the history table there, deploy does not mistake what shadowInit made for an unrecorded schema
            Dialect d = dialect();
            d.createHistoryTable(c, onShadow.schema() != null ? onShadow.schema() : d.currentSchema(c), onShadow.table());
        } catch (SQLException e) {
            throw TemporaryShadows.failed(dialect(), "creating the history table on the shadow database", e);
        }
        try {
            new Deployer(onShadow).deploy();
        } catch (MigrationFailedException e) {
            String what = e.getMessage().lines().skip(1).takeWhile(l -> l.startsWith("  ")).collect(Collectors.joining("\n"));
            String where = e.getMessage().lines().findFirst().orElse("").replaceFirst("^\\[[A-Z_]+\\] Migration \\S+ (failed|lost its connection)", "");
            throw new MigrationException(ErrorCode.SHADOW_MIGRATION_FAILED, "Migration " + e.migration()
                    + " failed to apply cleanly to the shadow database" + where + "\n" + what + "\nThe shadow database"
                    + " replays the migrations to learn the schema they create, so this migration would fail on a new"
                    + " database too. Fix it, or create what it expects beforehand with shadowInit(sql)", e);
        }
    }

    private void runFile(DataSource database, MigrationReader.Seed script) {
        Dialect dialect = dialect();
        try (Connection c = database.getConnection()) {
            for (SqlStatement statement : dialect.split(script.script())) {
                try {
                    dialect.execute(c, statement);
                } catch (SQLException e) {
                    throw new MigrationException(ErrorCode.SHADOW_MIGRATION_FAILED, "The schema file " + script.source()
                            + " failed to apply cleanly to the shadow database at line " + statement.line() + "\n  Statement: "
                            + TemporaryShadows.statement(dialect, statement.sql()) + "\n  " + TemporaryShadows.describe(dialect(), e)
                            + "\nFix the file; it must create the schema from an empty database", e);
                }
            }
        } catch (SQLException e) {
            throw TemporaryShadows.failed(dialect(), "running the schema file on the shadow database", e);
        }
    }

    /** A snapshot of a shadow database made by {@code build} after the init script. */
    private SchemaSnapshot onShadow(String input, SchemaSupport support, Shadow.Build build) {
        return onShadow(input, support, build, database -> read(database, support));
    }

    private <T> T onShadow(String input, SchemaSupport support, Shadow.Build build, Function<DataSource, T> use) {
        Shadow.Build withInit = database -> {
            shadow.init().ifPresent(sql -> runInit(database, sql));
            build.into(database);
        };
        String hash = Checksum.sha256((input + "\ninit=" + shadow.init().orElse("")).getBytes(StandardCharsets.UTF_8));
        try (Shadow opened = open(hash, support, withInit)) {
            return use.apply(opened.dataSource());
        }
    }

    private Shadow open(String hash, SchemaSupport support, Shadow.Build build) {
        if (shadow.dataSource().isEmpty()) {
            return new TemporaryShadows(settings.dataSource(), dialect(), support).open(hash, build);
        }
        DataSource given = shadow.dataSource().get();
        try (Connection c = given.getConnection()) {
            support.emptyDatabase(c);
        } catch (SQLException e) {
            throw new MigrationException(ErrorCode.SHADOW_DATABASE_FAILED, "Cannot empty the shadow database given with"
                    + " shadowDatabase(...) (" + TemporaryShadows.describe(dialect(), e) + "). Check that it is reachable and that"
                    + " the user owns what is in it", e);
        }
        build.into(given);
        return new Shadow() {
            @Override
            public DataSource dataSource() {
                return given;
            }

            @Override
            public void close() {
            }
        };
    }

    private void runInit(DataSource database, String sql) {
        Dialect dialect = dialect();
        try (Connection c = database.getConnection()) {
            for (SqlStatement statement : dialect.split(sql)) {
                try {
                    dialect.execute(c, statement);
                } catch (SQLException e) {
                    throw new MigrationException(ErrorCode.SHADOW_MIGRATION_FAILED, "The shadowInit script failed on the"
                            + " shadow database at line " + statement.line() + "\n  Statement: "
                            + TemporaryShadows.statement(dialect, statement.sql()) + "\n  " + TemporaryShadows.describe(dialect(), e)
                            + "\nFix the SQL given to shadowInit(...)", e);
                }
            }
        } catch (SQLException e) {
            throw TemporaryShadows.failed(dialect(), "running shadowInit on the shadow database", e);
        }
    }

    /** The live schema, without the history table. */
    private SchemaSnapshot read(DataSource dataSource, SchemaSupport support) {
        try (Connection c = dataSource.getConnection()) {
            String schema = settings.schema() != null ? settings.schema() : dialect().currentSchema(c);
            return support.read(c, Set.of(schema + "." + settings.table()));
        } catch (SQLException e) {
            throw new MigrationException(ErrorCode.DATABASE_ERROR, "Cannot read the database's schema ("
                    + TemporaryShadows.describe(dialect(), e) + "). Check that the user may read the system catalogs", e);
        }
    }

    private static Location location(String text) {
        try {
            return Location.parse(text);
        } catch (IllegalArgumentException e) {
            throw new MigrationException(ErrorCode.INVALID_CONFIGURATION, "location = '" + text + "': " + e.getMessage());
        }
    }

    public Dialect dialect() {
        if (dialect == null) {
            try (Connection c = settings.dataSource().getConnection()) {
                dialect = Dialects.resolve(settings.dialect(), settings.classLoader(), c.getMetaData());
            } catch (SQLException e) {
                throw new MigrationException(ErrorCode.CONNECTION_FAILED, "Cannot connect to the database ("
                        + TemporaryShadows.describe(null, e) + "). Check that it is running and that the data source's URL"
                        + " and credentials are right", e);
            }
        }
        return dialect;
    }

    public SchemaSupport support() {
        Dialect d = dialect();
        return d.schemaSupport().orElseThrow(() -> new MigrationException(ErrorCode.SCHEMA_DIFF_UNSUPPORTED, "The "
                + d.name() + " dialect (" + d.getClass().getName() + ") cannot read schemas, so diff, snapshot and drift"
                + " detection are not available for this database; deploy, status and validate without detectDrift"
                + " work as before. Use a dialect that implements SchemaSupport"));
    }

}
