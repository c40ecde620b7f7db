package io.migrate.internal.authoring;

import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;
import io.migrate.api.MigrationState;
import io.migrate.api.MigrationStatus;
import io.migrate.api.PushResult;
import io.migrate.internal.diff.Diffs;
import io.migrate.internal.engine.Inspector;
import io.migrate.internal.engine.Settings;
import io.migrate.internal.shadow.SchemaSources;
import io.migrate.internal.shadow.ShadowSettings;
import io.migrate.internal.source.Location;
import io.migrate.internal.source.SchemaFiles;
import io.migrate.schema.SchemaChange;
import io.migrate.schema.SchemaDiff;
import io.migrate.schema.SchemaSnapshot;
import io.migrate.schema.SchemaSource;
import io.migrate.spi.Dialect;
import io.migrate.spi.SchemaSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Push: the live database brought to the declared schema directly, inside a scope, in one transaction,
 * without a migration. Pull: the live schema written as a declared-schema file.
 */
public final class Push {

    private static final Logger log = LoggerFactory.getLogger(Push.class);
    private static final Pattern PRODUCTION_NAME = Pattern.compile("(?i)(.*[^a-z])?(prod|production)([^a-z].*)?");
    private static final Set<MigrationState> APPLIED = Set.of(MigrationState.APPLIED, MigrationState.MODIFIED);

    private final Settings settings;
    private final ShadowSettings shadow;
    private final AuthoringSettings authoring;

    public Push(Settings settings, ShadowSettings shadow, AuthoringSettings authoring) {
        this.settings = settings;
        this.shadow = shadow;
        this.authoring = authoring;
    }

    /** Plans the push and, when {@code apply}, runs it in one transaction. */
    public PushResult push(boolean apply) {
        String schemaFile = authoring.schemaFile().orElseThrow(() -> new MigrationException(ErrorCode.INVALID_CONFIGURATION,
                "schemaFile = null: push brings the database to the declared schema, so set"
                        + " schemaFile(\"filesystem:src/main/resources/schema.sql\")"));
        SchemaSources sources = new SchemaSources(settings, shadow);
        SchemaSupport support = sources.support();
        try (Connection c = settings.dataSource().getConnection()) {
            if (apply) {
                refuseProduction(c, support);
            }
            String current = settings.schema() != null ? settings.schema() : c.getSchema();
            String history = current + "." + settings.table();
            if (declaresHistory(SchemaFiles.read(Location.parse(schemaFile), settings.classLoader()).script())) {
                throw protectedObjects(List.of("table " + history + " (the history table)"));
            }
            String lastApplied = lastApplied(c, history);
            Set<String> fromMigrations = new HashSet<>(Set.of("table " + history));
            if (lastApplied != null) {
                fromMigrations.addAll(Scope.ids(sources.applied(lastApplied)));
            }
            SchemaSnapshot declared = declared(sources, schemaFile, lastApplied);
            Scope scope = Scope.of(authoring.pushScope().orElse(null), declared, current);
            SchemaSnapshot live = support.read(c, Set.of(history));
            List<String> statements = new ArrayList<>();
            live = new Renames(authoring.renames(), current, support).apply(live, scope, fromMigrations, statements);
            SchemaDiff diff = Diffs.of(support, scope.filter(live), scope.filter(declared));
            List<String> touched = diff.changes().stream().flatMap(ch -> Scope.touched(ch).stream())
                    .filter(fromMigrations::contains).distinct().toList();
            if (!touched.isEmpty()) {
                throw protectedObjects(touched);
            }
            Risks risks = Risks.of(diff, c);
            if (!risks.dataLoss().isEmpty() && !authoring.acceptDataLoss()) {
                throw new MigrationException(ErrorCode.DATA_LOSS_NOT_ACCEPTED, "Push stopped before changing anything: it"
                        + " would lose data:\n  - " + String.join("\n  - ", risks.dataLoss()) + "\nIf that is intended,"
                        + " push again with acceptDataLoss(true). A rename is never guessed: declare it with"
                        + " renames(Map.of(\"table.old_column\", \"table.new_column\")) to keep the data");
            }
            statements.addAll(diff.statements());
            List<String> changes = new ArrayList<>(authoring.renames().isEmpty() || statements.size() == diff.statements().size()
                    ? List.of() : statements.subList(0, statements.size() - diff.statements().size()).stream()
                    .map(s -> "[*] " + s).toList());
            diff.changes().stream().map(SchemaChange::summary).forEach(changes::add);
            if (apply && !statements.isEmpty()) {
                run(c, statements, sources.dialect());
                log.info("Pushed {} {} to the database", statements.size(), statements.size() == 1 ? "statement" : "statements");
            } else if (statements.isEmpty()) {
                log.info("Already in sync: the database matches {} within the push scope", schemaFile);
            }
            return new PushResult(statements, changes, risks.all(), apply && !statements.isEmpty());
        } catch (SQLException e) {
            throw new MigrationException(ErrorCode.DATABASE_ERROR, "Push could not read the database (" + e.getMessage()
                    + "). Check that it is reachable and that the user may read the system catalogs", e);
        }
    }

    /** Writes the live schema within the scope (everything when none is set) as a declared-schema file. */
    public Path pull(Path file) {
        SchemaSources sources = new SchemaSources(settings, shadow);
        SchemaSupport support = sources.support();
        SchemaSnapshot live = sources.snapshot(SchemaSource.database());
        SchemaSnapshot empty = sources.snapshot(SchemaSource.empty());
        Scope scope = Scope.everything();
        if (authoring.pushScope().isPresent()) {
            scope = Scope.of(authoring.pushScope().get(), SchemaSnapshot.empty(), currentSchema());
        }
        SchemaDiff diff = Diffs.of(support, scope.filter(empty), scope.filter(live));
        String text = "-- Declared schema pulled from the database" + authoring.pushScope().map(s -> " (scope " + s + ")").orElse("")
                + ".\n-- Edit it, then push() it (development) or createMigration(name) from it.\n\n"
                + Authoring.body(diff.statements());
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MigrationException(ErrorCode.FILE_UNREADABLE, "Cannot write " + file + ": " + e, e);
        }
        log.info("Pulled {} {} into {}", diff.changes().size(), diff.changes().size() == 1 ? "object" : "objects", file);
        return file;
    }

    private String currentSchema() {
        if (settings.schema() != null) {
            return settings.schema();
        }
        try (Connection c = settings.dataSource().getConnection()) {
            return c.getSchema();
        } catch (SQLException e) {
            throw new MigrationException(ErrorCode.CONNECTION_FAILED, "Cannot connect to the database (" + e.getMessage() + ")", e);
        }
    }

    private void refuseProduction(Connection c, SchemaSupport support) throws SQLException {
        if (authoring.allowPushToProduction()) {
            return;
        }
        String name = c.getCatalog();
        Optional<String> environment = support.environment(c);
        String why = null;
        if (environment.isPresent() && environment.get().strip().toLowerCase().matches("prod|production")) {
            why = "its setting migrate.environment is '" + environment.get() + "'";
        } else if (name != null && PRODUCTION_NAME.matcher(name).matches()) {
            why = "its name " + name + " says prod or production";
        }
        if (why != null) {
            throw new MigrationException(ErrorCode.PUSH_TO_PRODUCTION, "Push refused: the database looks like production ("
                    + why + "). Push changes a schema without a migration and is for development databases; bring"
                    + " production up to date with deploy(). If this database is not production, set allowPushToProduction(true)");
        }
    }

    /**
     * The declared schema: the file on an empty shadow; a file that needs what the migrations made (a
     * foreign key to one of their tables) fails there, and is then applied on top of the applied migrations.
     */
    private static SchemaSnapshot declared(SchemaSources sources, String schemaFile, String lastApplied) {
        try {
            return sources.snapshot(SchemaSource.schemaFile(schemaFile));
        } catch (MigrationException alone) {
            if (alone.code() != ErrorCode.SHADOW_MIGRATION_FAILED || lastApplied == null) {
                throw alone;
            }
            try {
                return sources.schemaFileOnMigrations(schemaFile, lastApplied);
            } catch (MigrationException onMigrations) {
                alone.addSuppressed(onMigrations);
                throw alone;
            }
        }
    }

    private boolean declaresHistory(String script) {
        return Pattern.compile("(?is)\\bCREATE\\s+(UNLOGGED\\s+)?TABLE\\s+(IF\\s+NOT\\s+EXISTS\\s+)?(\"?[A-Za-z0-9_$]+\"?\\.)?\"?"
                + Pattern.quote(settings.table()) + "\"?[\\s(]").matcher(script).find();
    }

    /** The newest applied migration, or null: what the recorded migrations created is protected from push. */
    private String lastApplied(Connection c, String history) {
        String last;
        try {
            last = new Inspector(settings).status().migrations().stream().filter(m -> APPLIED.contains(m.state()))
                    .map(MigrationStatus::name).reduce((a, b) -> b).orElse(null);
        } catch (MigrationException e) {
            if (e.code() != ErrorCode.LOCATION_NOT_FOUND || recordsMigrations(c, history)) {
                throw e;
            }
            last = null;
        }
        return last;
    }

    private static boolean recordsMigrations(Connection c, String history) {
        String[] parts = history.split("\\.", 2);
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM \"" + parts[0] + "\".\"" + parts[1] + "\"")) {
            return rs.next() && rs.getLong(1) > 0;
        } catch (SQLException e) {
            return false;
        }
    }

    static MigrationException protectedObjects(List<String> objects) {
        return new MigrationException(ErrorCode.PUSH_PROTECTED_OBJECT, "Push refused: it would change objects that"
                + " belong to the migrations:\n  - " + String.join("\n  - ", objects) + "\nPush never changes the history table"
                + " or an object created by a recorded migration. Change those with createMigration(name); narrow the push"
                + " with pushScope(...), or take them out of the schema file");
    }

    private static void run(Connection c, List<String> statements, Dialect dialect) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        String current = "";
        try (Statement st = c.createStatement()) {
            for (String statement : statements) {
                current = statement;
                st.execute(statement);
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw new MigrationException(ErrorCode.PUSH_FAILED, "Push failed and was rolled back, nothing was changed.\n"
                    + "  Statement: " + shorten(dialect.maskSecrets(current)) + "\n  SQLSTATE " + e.getSQLState() + ": "
                    + dialect.maskSecrets(String.valueOf(e.getMessage()))
                    + "\nFix the schema file, or change the data that stops the statement, and push again", e);
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static String shorten(String sql) {
        String one = sql == null ? "" : sql.replaceAll("\\s+", " ").strip();
        return one.length() > 200 ? one.substring(0, 199) + "…" : one;
    }
}
