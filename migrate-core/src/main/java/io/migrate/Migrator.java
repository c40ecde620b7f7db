package io.migrate;

import io.migrate.api.Checksum;
import io.migrate.api.CreatedMigration;
import io.migrate.api.DeployResult;
import io.migrate.api.PushResult;
import io.migrate.api.PushScope;
import io.migrate.api.ErrorCode;
import io.migrate.api.JavaMigration;
import io.migrate.api.JavaSeed;
import io.migrate.api.LintReport;
import io.migrate.api.MigrationListener;
import io.migrate.api.MigrationException;
import io.migrate.api.DeployPlan;
import io.migrate.api.StatusReport;
import io.migrate.api.ValidationException;
import io.migrate.internal.authoring.Authoring;
import io.migrate.internal.authoring.AuthoringSettings;
import io.migrate.internal.authoring.Push;
import io.migrate.internal.engine.Deployer;
import io.migrate.internal.engine.Inspector;
import io.migrate.internal.engine.Resetter;
import io.migrate.internal.engine.Resolver;
import io.migrate.internal.engine.Settings;
import io.migrate.internal.lint.LintSelection;
import io.migrate.internal.lint.Linter;
import io.migrate.internal.shadow.Drift;
import io.migrate.internal.shadow.SchemaSources;
import io.migrate.internal.shadow.ShadowSettings;
import io.migrate.internal.source.Location;
import io.migrate.internal.source.IntegrityFile;
import io.migrate.internal.source.Migration;
import io.migrate.internal.source.MigrationReader;
import io.migrate.schema.SchemaDiff;
import io.migrate.schema.SchemaSnapshot;
import io.migrate.schema.SchemaSource;
import io.migrate.spi.Dialect;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Applies SQL migrations in the Prisma Migrate layout to a database.
 *
 * <pre>{@code
 * Migrator.configure(dataSource)
 *         .locations("classpath:db")
 *         .deploy();
 * }</pre>
 *
 * <p>{@link #configure(DataSource)} returns a builder for one thread. Each setter checks its value
 * at once; a terminal operation such as {@link #deploy()} freezes the settings and opens no
 * connection before all migrations have been read and checked.
 */
public final class Migrator {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
    private static final int MAX_IDENTIFIER = 63;
    private static final Pattern PLACEHOLDER = Pattern.compile("[A-Za-z0-9_.-]+");

    private final DataSource dataSource;
    private List<Location> locations = List.of(Location.parse("classpath:db"));
    private String schema;
    private String table = "_migrations";
    private Duration lockTimeout = Duration.ofMinutes(10);
    private boolean outOfOrder;
    private boolean validateApplied = true;
    private Dialect dialect;
    private ClassLoader classLoader;
    private String target;
    private boolean allowReset;
    private Location seedLocation;
    private final List<JavaMigration> javaMigrations = new ArrayList<>();
    private Map<String, String> placeholders = Map.of();
    private Duration lockWaitTimeout;
    private Duration statementTimeout;
    private int lockRetries = 3;
    private Duration progressInterval = Duration.ofSeconds(10);
    private final List<MigrationListener> listeners = new ArrayList<>();
    private JavaSeed javaSeed;
    private DataSource shadowDatabase;
    private String shadowInit;
    private boolean detectDrift;
    private String schemaFile;
    private boolean createOnly;
    private boolean acceptDataLoss;
    private PushScope pushScope;
    private Map<String, String> renames = Map.of();
    private boolean allowPushToProduction;
    private boolean integrityFile;
    private boolean lintOnDeploy;
    private LintSelection lintSelection = LintSelection.PENDING;

    private Migrator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Starts configuring migrations for the database behind {@code dataSource}. */
    public static Migrator configure(DataSource dataSource) {
        if (dataSource == null) {
            throw invalid("dataSource", null, "must not be null");
        }
        return new Migrator(dataSource);
    }

    /**
     * Where the migration folders are: {@code classpath:path} (directories and jars, including jars
     * nested in a fat jar) or {@code filesystem:path}. Several locations are merged; a name found in
     * two of them is an error. A location that does not exist is an error
     * (default: {@code classpath:db}).
     */
    public Migrator locations(String... locations) {
        if (locations == null || locations.length == 0) {
            throw invalid("locations", locations == null ? null : "[]", "at least one location is required");
        }
        List<Location> checked = new ArrayList<>();
        for (String location : locations) {
            try {
                checked.add(Location.parse(location));
            } catch (IllegalArgumentException e) {
                throw invalid("locations", location, e.getMessage());
            }
        }
        this.locations = List.copyOf(checked);
        return this;
    }

    /**
     * The schema of the history table. When set, migrations also run with it as the search path,
     * as Prisma's {@code ?schema=} does, and it is created if missing
     * (default: the connection's current schema).
     */
    public Migrator schema(String schema) {
        this.schema = identifier("schema", schema);
        return this;
    }

    /**
     * The history table's name; {@code _prisma_migrations} adopts a database that Prisma Migrate
     * manages, and the two tools can then take turns (default: {@code _migrations}).
     */
    public Migrator table(String table) {
        this.table = identifier("table", table);
        return this;
    }

    /**
     * How long to wait for another deployer's migration lock before failing with
     * {@link ErrorCode#LOCK_TIMEOUT} (default: 10 minutes).
     */
    public Migrator lockTimeout(Duration lockTimeout) {
        this.lockTimeout = positive("lockTimeout", lockTimeout);
        return this;
    }

    /**
     * Whether a pending migration that sorts before the newest applied one may be applied; when
     * false it stops the deploy with {@link ErrorCode#OUT_OF_ORDER} (default: false).
     */
    public Migrator outOfOrder(boolean outOfOrder) {
        this.outOfOrder = outOfOrder;
        return this;
    }

    /**
     * Whether an applied migration whose file was edited or deleted stops the deploy
     * ({@link ErrorCode#CHECKSUM_MISMATCH}, {@link ErrorCode#MIGRATION_MISSING}); when false it is
     * only logged as a warning (default: true).
     */
    public Migrator validateApplied(boolean validateApplied) {
        this.validateApplied = validateApplied;
        return this;
    }

    /**
     * The dialect to use instead of discovering one through {@link java.util.ServiceLoader}
     * (default: the single dialect on the class path that supports the database).
     */
    public Migrator dialect(Dialect dialect) {
        if (dialect == null) {
            throw invalid("dialect", null, "must not be null");
        }
        this.dialect = dialect;
        return this;
    }

    /**
     * The class loader for {@code classpath:} locations and dialect discovery
     * (default: the thread's context class loader, else this library's).
     */
    public Migrator classLoader(ClassLoader classLoader) {
        if (classLoader == null) {
            throw invalid("classLoader", null, "must not be null");
        }
        this.classLoader = classLoader;
        return this;
    }

    /**
     * The last migration a deploy applies: later ones stay pending. The name must be one of the
     * migrations found, or deploy fails with {@link ErrorCode#MIGRATION_NOT_FOUND}
     * (default: none, every pending migration is applied).
     */
    public Migrator target(String target) {
        if (target == null || target.isBlank()) {
            throw invalid("target", target, "must name a migration, e.g. 20260213123456_add_user_name");
        }
        this.target = target.strip();
        return this;
    }

    /**
     * Whether {@link #reset()} may run. It drops every object in the schema, so it is refused
     * unless this says so (default: false).
     */
    public Migrator allowReset(boolean allowReset) {
        this.allowReset = allowReset;
        return this;
    }

    /**
     * The seed script run by {@link #seed()} and {@link #reset()}: {@code classpath:path/seed.sql}
     * or {@code filesystem:path/seed.sql}; without a prefix, a class path resource, as in
     * {@link #locations} (default: {@code seed.sql} at the top of the first location, if there is one).
     */
    public Migrator seedLocation(String seedLocation) {
        try {
            this.seedLocation = Location.parse(seedLocation);
        } catch (IllegalArgumentException e) {
            throw invalid("seedLocation", seedLocation, "must be classpath:<path> or filesystem:<path> of a file");
        }
        return this;
    }

    /**
     * Seed data written in Java, run by {@link #seed()} and {@link #reset()} instead of a seed
     * script (default: none; the seed script is used).
     */
    public Migrator javaSeed(JavaSeed javaSeed) {
        if (javaSeed == null) {
            throw invalid("javaSeed", null, "must not be null");
        }
        this.javaSeed = javaSeed;
        return this;
    }

    /**
     * Migrations written in Java, added to the SQL ones and to those listed in
     * {@code META-INF/services/io.migrate.api.JavaMigration} (default: only the listed ones).
     */
    public Migrator javaMigrations(JavaMigration... migrations) {
        if (migrations == null || Arrays.stream(migrations).anyMatch(Objects::isNull)) {
            throw invalid("javaMigrations", Arrays.toString(migrations), "must not be or contain null");
        }
        javaMigrations.addAll(List.of(migrations));
        return this;
    }

    /**
     * Values for {@code ${name}} placeholders in migrations and seeds. With none set, scripts run as
     * written; with some, every {@code ${...}} must have a value or the deploy fails with
     * {@link ErrorCode#UNKNOWN_PLACEHOLDER}. Checksums cover the files as written (default: none).
     */
    public Migrator placeholders(Map<String, String> placeholders) {
        if (placeholders == null || placeholders.entrySet().stream()
                .anyMatch(e -> e.getKey() == null || !PLACEHOLDER.matcher(e.getKey()).matches() || e.getValue() == null)) {
            throw invalid("placeholders", placeholders, "names must be letters, digits, '_', '.' or '-' and values not null");
        }
        this.placeholders = Map.copyOf(placeholders);
        return this;
    }

    /**
     * How long one statement of a migration may wait for a lock (PostgreSQL's {@code lock_timeout}),
     * so that a migration queued behind a long transaction fails fast instead of stalling all
     * traffic behind its own lock request. A file overrides it with {@code -- migrate:lock-timeout 5s}
     * (default: the server's setting).
     */
    public Migrator lockWaitTimeout(Duration lockWaitTimeout) {
        this.lockWaitTimeout = positive("lockWaitTimeout", lockWaitTimeout);
        return this;
    }

    /**
     * How long one statement of a migration may run (PostgreSQL's {@code statement_timeout}). A file
     * overrides it with {@code -- migrate:statement-timeout 30min} (default: the server's setting).
     */
    public Migrator statementTimeout(Duration statementTimeout) {
        this.statementTimeout = positive("statementTimeout", statementTimeout);
        return this;
    }

    /**
     * How many times a transactional migration that failed because a lock was not available (as
     * the dialect tells it, e.g. after {@link #lockWaitTimeout}) is tried again, with backoff. Safe:
     * the failed attempt was rolled back (default: 3).
     */
    public Migrator lockRetries(int lockRetries) {
        if (lockRetries < 0 || lockRetries > 100) {
            throw invalid("lockRetries", lockRetries, "must be between 0 and 100");
        }
        this.lockRetries = lockRetries;
        return this;
    }

    /** How often a running migration logs its progress: statement n of m, elapsed time (default: 10 seconds). */
    public Migrator progressInterval(Duration progressInterval) {
        this.progressInterval = positive("progressInterval", progressInterval);
        return this;
    }

    /** Adds a listener told before and after the deploy and each migration, and of failures (default: none). */
    public Migrator listener(MigrationListener listener) {
        if (listener == null) {
            throw invalid("listener", null, "must not be null");
        }
        listeners.add(listener);
        return this;
    }

    /**
     * A database to use as the shadow database, where migrations and schema files are applied to learn
     * the schema they create. It is emptied before each use: never point it at a database whose content
     * matters (default: none; a temporary database is created on the same server, and dropped after use,
     * which needs the {@code CREATEDB} privilege).
     */
    public Migrator shadowDatabase(DataSource shadowDatabase) {
        if (shadowDatabase == null) {
            throw invalid("shadowDatabase", null, "must not be null");
        }
        if (shadowDatabase == dataSource) {
            throw invalid("shadowDatabase", "the migrated data source", "must be another database: it is emptied before each use");
        }
        this.shadowDatabase = shadowDatabase;
        return this;
    }

    /**
     * SQL run on each shadow database before anything else, for what the migrations expect to find:
     * extensions, roles, schemas (default: none).
     */
    public Migrator shadowInit(String sql) {
        if (sql == null || sql.isBlank()) {
            throw invalid("shadowInit", sql, "must be SQL statements");
        }
        this.shadowInit = sql;
        return this;
    }

    /**
     * Whether {@link #status()} and {@link #validate()} also compare the database with what its
     * applied migrations create, replayed on a shadow database, and report the differences (drift)
     * (default: false).
     */
    public Migrator detectDrift(boolean detectDrift) {
        this.detectDrift = detectDrift;
        return this;
    }

    /**
     * The declared schema: a file of plain SQL DDL, or a folder of {@code .sql} files run in name order,
     * that says what the schema should be ({@code classpath:path} or {@code filesystem:path}). It is run
     * on a shadow database and read from there, so anything the database accepts can be declared.
     * {@link #createMigration}, {@link #push()} and {@link #planPush()} compare against it (default: none).
     */
    public Migrator schemaFile(String schemaFile) {
        if (schemaFile == null || !(schemaFile.startsWith("classpath:") || schemaFile.startsWith("filesystem:"))
                || schemaFile.substring(schemaFile.indexOf(':') + 1).isBlank()) {
            throw invalid("schemaFile", schemaFile, "must be classpath:<path> or filesystem:<path> of a file or folder");
        }
        this.schemaFile = schemaFile;
        return this;
    }

    /**
     * Whether {@link #createMigration} only writes the migration, for editing before it is applied,
     * instead of writing it and deploying it to the database (default: false).
     */
    public Migrator createOnly(boolean createOnly) {
        this.createOnly = createOnly;
        return this;
    }

    /**
     * Whether {@link #createMigration} and {@link #push()} may drop tables or columns or narrow a column's
     * type. When false they stop with {@link ErrorCode#DATA_LOSS_NOT_ACCEPTED}, naming each such step and
     * how many rows hold values (default: false).
     */
    public Migrator acceptDataLoss(boolean acceptDataLoss) {
        this.acceptDataLoss = acceptDataLoss;
        return this;
    }

    /**
     * What {@link #push()} and {@link #pull(Path)} may see and change: {@link PushScope#tables} or
     * {@link PushScope#schema}. The history table and objects created by recorded migrations are never
     * changed, whatever the scope (default: for push, exactly the objects the schema file declares; for
     * pull, the whole database).
     */
    public Migrator pushScope(PushScope pushScope) {
        if (pushScope == null) {
            throw invalid("pushScope", null, "must not be null, e.g. PushScope.schema(\"media\")");
        }
        this.pushScope = pushScope;
        return this;
    }

    /**
     * Renames {@link #push()} makes instead of a drop and an add, keeping the data: old name to new name,
     * {@code table.column} or {@code schema.table.column} for a column, {@code table} or
     * {@code schema.table} for a table. Renames are never guessed (default: none).
     */
    public Migrator renames(Map<String, String> renames) {
        if (renames == null || renames.entrySet().stream().anyMatch(e -> e.getKey() == null || e.getValue() == null
                || !e.getKey().matches("[^.\\s]+(\\.[^.\\s]+){0,2}") || !e.getValue().matches("[^.\\s]+(\\.[^.\\s]+){0,2}"))) {
            throw invalid("renames", renames, "each must map table.column to table.new_column (or table to new_table)");
        }
        this.renames = Map.copyOf(renames);
        return this;
    }

    /**
     * Whether {@link #push()} may change a database that says it is production: one whose name contains
     * the word {@code prod} or {@code production} (e.g. {@code shop_prod}), or whose setting
     * {@code migrate.environment} is {@code prod} or {@code production} (PostgreSQL:
     * {@code ALTER DATABASE shop SET migrate.environment = 'production'}). Refused with
     * {@link ErrorCode#PUSH_TO_PRODUCTION} otherwise (default: false).
     */
    public Migrator allowPushToProduction(boolean allowPushToProduction) {
        this.allowPushToProduction = allowPushToProduction;
        return this;
    }

    /**
     * Whether {@link #createMigration} and {@link #createEmpty} write {@code migrations.sum} into the
     * migrations folder even when there is none yet. Once the file exists it is kept up to date and
     * checked by {@link #validate()} and {@link #deploy()} whatever this says (default: false).
     */
    public Migrator integrityFile(boolean integrityFile) {
        this.integrityFile = integrityFile;
        return this;
    }

    /**
     * Creates a migration from the difference between the migrations and the {@link #schemaFile declared
     * schema}, as {@code prisma migrate dev} does: replays the migrations on a shadow database; checks
     * that the database has not drifted from its applied migrations; writes
     * {@code <UTC yyyyMMddHHmmss>_<name>/migration.sql} into the first location (which must be a
     * {@code filesystem:} one), with a header listing the changes and what to review; then deploys it,
     * unless {@link #createOnly(boolean) createOnly(true)}. Nothing to change: nothing is written.
     *
     * @param name what the migration does, letters, digits and {@code _} ({@code add_user_name})
     * @throws MigrationException {@link ErrorCode#DRIFT_DETECTED} naming each difference,
     *                            {@link ErrorCode#DATA_LOSS_NOT_ACCEPTED}, or what {@link #validate()} throws
     */
    public CreatedMigration createMigration(String name) {
        return new Authoring(settings(), shadowSettings(), authoringSettings(), Clock.systemUTC()).createMigration(name);
    }

    /**
     * Writes an empty migration {@code <UTC yyyyMMddHHmmss>_<name>/migration.sql} into the first location,
     * for SQL written by hand (a backfill); it is not applied.
     */
    public CreatedMigration createEmpty(String name) {
        return new Authoring(settings(), shadowSettings(), authoringSettings(), Clock.systemUTC()).createEmpty(name);
    }

    /**
     * Writes (or rewrites) {@code migrations.sum} in the first location from the migration folders there,
     * e.g. after settling a merge conflict in it.
     *
     * @return the file written
     */
    public Path writeIntegrityFile() {
        Location first = locations.get(0);
        if (first.kind() != Location.Kind.FILESYSTEM) {
            throw invalid("locations", first, "writeIntegrityFile writes into the first location, so it must be filesystem:<path>");
        }
        return IntegrityFile.write(Paths.get(first.path()).toAbsolutePath().normalize());
    }

    /**
     * Brings the database to the {@link #schemaFile declared schema} within the {@link #pushScope scope},
     * in one transaction, without writing a migration or touching the history: for development. Pushing
     * the same file again changes nothing.
     *
     * @throws MigrationException {@link ErrorCode#PUSH_PROTECTED_OBJECT} when it would change the history table
     *                            or an object created by a recorded migration, {@link ErrorCode#DATA_LOSS_NOT_ACCEPTED},
     *                            {@link ErrorCode#PUSH_TO_PRODUCTION}, {@link ErrorCode#PUSH_FAILED}
     */
    public PushResult push() {
        return new Push(settings(), shadowSettings(), authoringSettings()).push(true);
    }

    /** What {@link #push()} would run now, checked the same way, without changing anything. */
    public PushResult planPush() {
        return new Push(settings(), shadowSettings(), authoringSettings()).push(false);
    }

    /**
     * Writes the live schema within the {@link #pushScope scope} (the whole database when none is set,
     * the history table aside) to {@code file} as a declared-schema file: pushed to an empty database it
     * recreates the schema, and pushed back to this database it changes nothing.
     *
     * @return {@code file}
     */
    public Path pull(Path file) {
        if (file == null) {
            throw invalid("pull", null, "a file to write is required, e.g. Path.of(\"src/main/resources/schema.sql\")");
        }
        return new Push(settings(), shadowSettings(), authoringSettings()).pull(file);
    }

    private AuthoringSettings authoringSettings() {
        return new AuthoringSettings(Optional.ofNullable(schemaFile), createOnly, acceptDataLoss, Optional.ofNullable(pushScope),
                renames, allowPushToProduction, integrityFile);
    }

    /**
     * Whether {@link #deploy()} lints the pending migrations first and refuses, with
     * {@link ErrorCode#LINT_FAILED}, when lint finds an error (default: false).
     */
    public Migrator lintOnDeploy(boolean lintOnDeploy) {
        this.lintOnDeploy = lintOnDeploy;
        return this;
    }

    /**
     * Makes {@link #lint()} check the migrations that sort after {@code name} instead of the pending ones,
     * on a shadow database holding what the migrations up to {@code name} create: for CI, the migrations
     * a branch adds (default: none; the pending migrations are checked against the database's schema).
     */
    public Migrator lintSince(String name) {
        if (name == null || name.isBlank()) {
            throw invalid("lintSince", name, "must name a migration, e.g. 20260213123456_add_user_name");
        }
        this.lintSelection = new LintSelection(Optional.of(name.strip()), OptionalInt.empty());
        return this;
    }

    /**
     * Makes {@link #lint()} check the last {@code count} migrations instead of the pending ones, on a shadow
     * database holding what the migrations before them create (default: none; the pending migrations are
     * checked against the database's schema).
     */
    public Migrator lintLatest(int count) {
        if (count < 1) {
            throw invalid("lintLatest", count, "must be 1 or more");
        }
        this.lintSelection = new LintSelection(Optional.empty(), OptionalInt.of(count));
        return this;
    }

    /**
     * What the pending migrations (or those chosen with {@link #lintSince}/{@link #lintLatest}) would lock,
     * rewrite or break. Each statement runs in a transaction on a shadow database that holds the database's
     * schema without its data, and the catalog says what it did to the objects that existed before: locks
     * held, tables rewritten, constraints validated, indexes built. Findings carry the database's table sizes.
     * A {@code -- migrate:lint-ignore rule-id reason} comment above a statement, or before the first one for
     * the whole file, silences a rule. Writes nothing to the database.
     *
     * @throws MigrationException {@link ErrorCode#LINT_UNSUPPORTED} when the dialect cannot lint,
     *                            {@link ErrorCode#SHADOW_DATABASE_FAILED} when no shadow database can be had,
     *                            {@link ErrorCode#SHADOW_MIGRATION_FAILED} when a statement fails on it
     */
    public LintReport lint() {
        return new Linter(settings(), shadowSettings(), lintSelection).lint();
    }

    /**
     * The changes that turn the schema of {@code from} into that of {@code to}, with the SQL script,
     * a summary ({@code toString()}) and warnings about data loss. Sources that are SQL (migrations, a
     * schema file, empty) are applied to a shadow database first.
     *
     * <pre>{@code
     * SchemaDiff d = migrator.diff(SchemaSource.migrations(), SchemaSource.database());
     * String sql = d.script();
     * }</pre>
     *
     * @throws MigrationException {@link ErrorCode#SCHEMA_DIFF_UNSUPPORTED} when the dialect cannot read schemas,
     *                            {@link ErrorCode#SHADOW_DATABASE_FAILED} when no shadow database can be had,
     *                            {@link ErrorCode#SHADOW_MIGRATION_FAILED} when a migration fails on it
     */
    public SchemaDiff diff(SchemaSource from, SchemaSource to) {
        if (from == null || to == null) {
            throw invalid("diff", from == null ? "from" : "to", "both sources are required, e.g. SchemaSource.database()");
        }
        return new SchemaSources(settings(), shadowSettings()).diff(from, to);
    }

    /**
     * What {@code source} holds, as the dialect reads it; {@link SchemaSnapshot#toJson()} serialises it.
     *
     * @throws MigrationException as {@link #diff(SchemaSource, SchemaSource)}
     */
    public SchemaSnapshot snapshot(SchemaSource source) {
        if (source == null) {
            throw invalid("snapshot", null, "a source is required, e.g. SchemaSource.database()");
        }
        return new SchemaSources(settings(), shadowSettings()).snapshot(source);
    }

    private ShadowSettings shadowSettings() {
        return new ShadowSettings(Optional.ofNullable(shadowDatabase), Optional.ofNullable(shadowInit), detectDrift);
    }

    /**
     * Applies every pending migration (up to the {@link #target} if one is set), in name order,
     * each exactly once even when several processes deploy at the same time. Validates first:
     * failed, modified, missing and out-of-order migrations stop it before anything runs.
     *
     * With {@link #lintOnDeploy(boolean) lintOnDeploy(true)} the pending migrations are linted first.
     *
     * @return what was applied and how long it took
     * @throws MigrationException with an {@link ErrorCode} saying what went wrong and what to do;
     *                            {@link ErrorCode#LINT_FAILED} when lint found errors
     */
    public DeployResult deploy() {
        Settings settings = settings();
        if (lintOnDeploy) {
            new Linter(settings, shadowSettings(), LintSelection.PENDING).requireNoErrors();
        }
        return new Deployer(settings).deploy();
    }

    /**
     * Where every migration on disk or in the history stands. Reads only: takes no lock and does not
     * create the history table. With {@link #detectDrift(boolean) detectDrift(true)} it also replays the
     * applied migrations on a shadow database and reports how the database differs from the result
     * ({@link StatusReport#drift()}).
     */
    public StatusReport status() {
        Settings settings = settings();
        StatusReport report = new Inspector(settings).status();
        return detectDrift ? Drift.check(report, new SchemaSources(settings, shadowSettings())) : report;
    }

    /**
     * Checks the history against the files without changing anything.
     *
     * @throws ValidationException listing every problem at once (failed, modified, missing, out of order);
     *                             with {@link #detectDrift(boolean) detectDrift(true)}, then
     *                             {@link ErrorCode#DRIFT_DETECTED} listing each difference between the database and
     *                             what its applied migrations create
     */
    public void validate() {
        Settings settings = settings();
        new Inspector(settings).validate();
        if (detectDrift) {
            Drift.require(new Inspector(settings).status(), new SchemaSources(settings, shadowSettings()));
        }
    }

    /**
     * What a deploy would apply now, with each migration's SQL, statement count and whether it would
     * run in a transaction, and what {@link #lint()} finds in them when the dialect can lint. Writes nothing,
     * not even the history table.
     *
     * @throws ValidationException when a deploy would stop on problems
     */
    public DeployPlan plan() {
        Settings settings = settings();
        return new Linter(settings, shadowSettings(), LintSelection.PENDING).addTo(new Inspector(settings).plan());
    }

    /**
     * Records {@code name} as applied without running it, for a migration that failed and was then
     * completed by hand (or one applied outside this tool). A failed attempt is marked rolled back and
     * a new row added; history rows are never overwritten.
     *
     * @throws MigrationException {@link ErrorCode#MIGRATION_NOT_FOUND} when no such migration is on disk,
     *                            {@link ErrorCode#ALREADY_APPLIED} when it is applied already
     */
    public void resolveApplied(String name) {
        new Resolver(settings()).resolveApplied(name);
    }

    /**
     * Records the failed attempt of {@code name} as rolled back, after its effects were undone by
     * hand; the next deploy runs it again.
     *
     * @throws MigrationException {@link ErrorCode#NOT_FAILED} when it never ran or is not failed
     */
    public void resolveRolledBack(String name) {
        new Resolver(settings()).resolveRolledBack(name);
    }

    /**
     * Accepts a deliberate edit of the applied migration {@code name}: records its file's current
     * checksum in a new row without running it again; the old row stays as history.
     *
     * @throws MigrationException {@link ErrorCode#MIGRATION_NOT_FOUND} or {@link ErrorCode#NOT_APPLIED}
     */
    public void acceptChecksum(String name) {
        new Resolver(settings()).acceptChecksum(name);
    }

    /**
     * Adopts an existing database: records every migration up to and including {@code name} as
     * applied without running it. The next deploy applies the ones after it.
     *
     * @return the migrations recorded, in order
     * @throws MigrationException {@link ErrorCode#MIGRATION_NOT_FOUND}, or {@link ErrorCode#ALREADY_APPLIED}
     *                            when all of them are applied already
     */
    public List<String> baseline(String name) {
        return new Resolver(settings()).baseline(name);
    }

    /**
     * For development: drops every object in the schema (the history table included), deploys every
     * migration and runs the seed. Refused unless {@link #allowReset(boolean) allowReset(true)}.
     *
     * @throws MigrationException {@link ErrorCode#RESET_NOT_ALLOWED} when not allowed
     */
    public DeployResult reset() {
        return new Resetter(settings()).reset();
    }

    /**
     * Runs the seed script in one transaction, under the migration lock. Seeds are not recorded in
     * the history; write them to be run again ({@code ON CONFLICT DO NOTHING}).
     *
     * @throws MigrationException {@link ErrorCode#SEED_FAILED} when a statement fails (nothing is kept),
     *                            {@link ErrorCode#LOCATION_NOT_FOUND} when there is no seed
     */
    public void seed() {
        new Resetter(settings()).seed();
    }

    /**
     * A SHA-256 hash, 64 lowercase hex characters, of what a deploy would apply: the name and
     * checksum of every migration in the configured locations, the schema, table and placeholder settings,
     * and the content of the seed script set with {@link #seedLocation}.
     * It depends on the files' content only, never on timestamps or paths, and opens no connection;
     * the testkit names its template databases after it.
     *
     * @throws MigrationException when the locations cannot be read, as {@link #deploy()} would
     */
    public String fingerprint() {
        Settings settings = settings();
        StringBuilder text = new StringBuilder("schema=").append(settings.schema() == null ? "" : settings.schema())
                .append("\ntable=").append(settings.table())
                .append("\nplaceholders=").append(new TreeMap<>(settings.placeholders()))
                .append("\nseed=").append(settings.seed() == null ? "" : Checksum.sha256(MigrationReader.readSeed(
                        settings.seed(), settings.classLoader()).script().getBytes(StandardCharsets.UTF_8))).append('\n');
        for (Migration migration : MigrationReader.read(settings.locations(), settings.classLoader(),
                settings.javaMigrations()).migrations()) {
            text.append(migration.name()).append(' ').append(migration.checksum()).append('\n');
        }
        return Checksum.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private Settings settings() {
        ClassLoader loader = classLoader;
        if (loader == null) {
            loader = Thread.currentThread().getContextClassLoader();
        }
        if (loader == null) {
            loader = Migrator.class.getClassLoader();
        }
        return new Settings(dataSource, locations, schema, table, lockTimeout, outOfOrder, validateApplied, dialect, loader,
                target, allowReset, seedLocation, javaMigrations, placeholders, lockWaitTimeout, statementTimeout,
                lockRetries, progressInterval, listeners, javaSeed);
    }

    private static Duration positive(String property, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw invalid(property, value, "must be a positive duration");
        }
        return value;
    }

    private static String identifier(String property, String value) {
        if (value == null || !IDENTIFIER.matcher(value).matches() || value.length() > MAX_IDENTIFIER) {
            throw invalid(property, value, "must be 1 to " + MAX_IDENTIFIER
                    + " letters, digits, '_' or '$', not starting with a digit or '$'");
        }
        return value;
    }

    private static MigrationException invalid(String property, Object value, String rule) {
        String shown = value == null ? "null" : "'" + value + "'";
        return new MigrationException(ErrorCode.INVALID_CONFIGURATION, Objects.requireNonNull(property)
                + " = " + shown + ": " + rule);
    }
}
