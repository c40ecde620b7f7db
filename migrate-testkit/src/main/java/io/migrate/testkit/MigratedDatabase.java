package io.migrate.testkit;

import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import javax.sql.DataSource;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A JUnit 5 extension that gives each test a fresh PostgreSQL database, already migrated, and
 * drops it afterwards.
 *
 * <pre>{@code
 * class UserRepositoryIT {
 *     @RegisterExtension
 *     static final MigratedDatabase db = MigratedDatabase.postgres().locations("classpath:db");
 *
 *     @Test void savesUser(DataSource ds) { ... }          // a database of its own
 *     @Test void readsUser(@JdbcUrl String url) { ... }    // or its URL, or the Database itself
 * }
 * }</pre>
 *
 * <p>The migrations are applied once, to a template database that later runs reuse while the
 * migrations are unchanged (see {@link DatabaseTemplate}); each test gets a copy. Test methods,
 * lifecycle methods and constructors may declare a {@link DataSource}, a {@link Database} or a
 * {@link JdbcUrl @JdbcUrl String} parameter; {@link #dataSource()} and friends give the same from
 * the field. Register it in a {@code static} field; it is configured before the first test and
 * then frozen. {@link MigratedPostgres @MigratedPostgres} is the annotation form.
 */
public final class MigratedDatabase implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    /** Set to {@code true} to keep failed tests' databases where {@link #keepOnFailure(boolean)} is not called. */
    public static final String KEEP_FAILED_PROPERTY = "migrate.testkit.keep-failed";

    private static final String DATABASE = "database";
    private static final String FAILED = "failed";

    private final DatabaseTemplate.Builder builder;
    private final boolean fromAnnotation;
    private final ExtensionContext.Namespace namespace;
    private final ThreadLocal<Database> current = new ThreadLocal<>();
    private boolean perClass;
    private Boolean keepOnFailure;
    private volatile DatabaseTemplate template;

    private MigratedDatabase(DatabaseTemplate.Builder builder, boolean fromAnnotation) {
        this.builder = builder;
        this.fromAnnotation = fromAnnotation;
        this.namespace = ExtensionContext.Namespace.create(MigratedDatabase.class, this);
    }

    /** For {@link MigratedPostgres}, which JUnit instantiates; the settings come from the annotation. */
    private MigratedDatabase() {
        this(DatabaseTemplate.postgres(), true);
    }

    /** A database per test on the shared PostgreSQL server, migrated from {@code classpath:db} unless configured otherwise. */
    public static MigratedDatabase postgres() {
        return new MigratedDatabase(DatabaseTemplate.postgres(), false);
    }

    /**
     * An empty database per test on the shared PostgreSQL server, for tests of migrations that
     * deploy it themselves; see {@link DatabaseTemplate#empty()}. Locations, seed, schema and table
     * cannot be set on it.
     */
    public static MigratedDatabase empty() {
        return new MigratedDatabase(DatabaseTemplate.empty(), false);
    }

    /** Where the migrations are: {@code classpath:path} or {@code filesystem:path} (default: {@code classpath:db}). */
    public MigratedDatabase locations(String... locations) {
        checkOpen().locations(locations);
        return this;
    }

    /** The schema of the history table and the migrations (default: the connection's current schema, normally {@code public}). */
    public MigratedDatabase schema(String schema) {
        checkOpen().schema(schema);
        return this;
    }

    /** The history table's name (default: {@code _migrations}). */
    public MigratedDatabase table(String table) {
        checkOpen().table(table);
        return this;
    }

    /** Runs {@code seed.sql} of the first location in the template after the migrations (default: no seed). */
    public MigratedDatabase seed() {
        checkOpen().seed();
        return this;
    }

    /** Runs the SQL file at {@code location} in the template after the migrations, in one transaction (default: no seed). */
    public MigratedDatabase seed(String location) {
        checkOpen().seed(location);
        return this;
    }

    /** One database for all tests of the class, created before {@code @BeforeAll} and dropped after {@code @AfterAll} (default: one per test). */
    public MigratedDatabase perClass() {
        checkOpen();
        this.perClass = true;
        return this;
    }

    /**
     * Whether the database of a failed test (with {@link #perClass()}: of a class with a failed test)
     * is kept and its URL logged instead of dropped; a later run sweeps it after a day
     * (default: the system property or environment variable {@value #KEEP_FAILED_PROPERTY}, else false).
     */
    public MigratedDatabase keepOnFailure(boolean keepOnFailure) {
        checkOpen();
        this.keepOnFailure = keepOnFailure;
        return this;
    }

    /** How many databases to clone ahead in the background (default: 4). */
    public MigratedDatabase poolSize(int poolSize) {
        checkOpen().poolSize(poolSize);
        return this;
    }

    /** The class loader for {@code classpath:} locations (default: the thread's context class loader). */
    public MigratedDatabase classLoader(ClassLoader classLoader) {
        checkOpen().classLoader(classLoader);
        return this;
    }

    /** The server to use (default: {@link PostgresServer#shared()}). */
    public MigratedDatabase server(PostgresServer server) {
        checkOpen().server(server);
        return this;
    }

    /** The database of the test running on this thread (with {@link #perClass()}: of its class). */
    public Database database() {
        Database database = current.get();
        if (database == null) {
            throw new MigrationException(ErrorCode.INVALID_CONFIGURATION, "No test database on this thread: call"
                    + " database(), dataSource() and jdbcUrl() from a test or a @BeforeEach/@AfterEach method"
                    + " (with perClass() also from @BeforeAll/@AfterAll)");
        }
        return database;
    }

    /** The data source of the current test's database. */
    public DataSource dataSource() {
        return database().dataSource();
    }

    /**
     * The JDBC URL of the current test's database with user and password as parameters, as
     * {@link JdbcUrl @JdbcUrl} parameters receive it ({@link Database#connectionUrl()}).
     */
    public String jdbcUrl() {
        return database().connectionUrl();
    }

    /** The template the databases are cloned from, prepared on first use. */
    public DatabaseTemplate template() {
        DatabaseTemplate prepared = template;
        if (prepared == null) {
            synchronized (this) {
                if (template == null) {
                    template = builder.prepare();
                }
                prepared = template;
            }
        }
        return prepared;
    }

    private DatabaseTemplate.Builder checkOpen() {
        if (template != null) {
            throw new MigrationException(ErrorCode.INVALID_CONFIGURATION, "MigratedDatabase is in use already:"
                    + " configure it where it is created, before the first test");
        }
        return builder;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (fromAnnotation && template == null) {
            configure(context.getRequiredTestClass());
        }
        template();
        if (perClass) {
            ExtensionContext.Store store = context.getStore(namespace);
            Database database = template.newDatabase();
            store.put(DATABASE, database);
            store.put(FAILED, new AtomicReference<String>());
            current.set(database);
        }
    }

    private synchronized void configure(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            MigratedPostgres settings = c.getAnnotation(MigratedPostgres.class);
            if (settings != null) {
                builder.locations(settings.locations());
                if (!settings.seed().isBlank()) {
                    builder.seed(settings.seed());
                }
                perClass = settings.perClass();
                if (settings.keepOnFailure()) {
                    keepOnFailure = true;
                }
                return;
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (perClass) {
            current.set(context.getStore(namespace).get(DATABASE, Database.class));
            return;
        }
        Database database = template().newDatabase();
        context.getStore(namespace).put(DATABASE, database);
        current.set(database);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Optional<Throwable> failure = context.getExecutionException();
        if (perClass) {
            if (failure.isPresent()) {
                @SuppressWarnings("unchecked")
                AtomicReference<String> failed = context.getStore(namespace).get(FAILED, AtomicReference.class);
                if (failed != null) {
                    failed.compareAndSet(null, label(context));
                }
            }
            return;
        }
        current.remove();
        Database database = context.getStore(namespace).remove(DATABASE, Database.class);
        if (database != null) {
            finish(database, failure.isPresent() ? label(context) : null);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!perClass) {
            return;
        }
        current.remove();
        ExtensionContext.Store store = context.getStore(namespace);
        Database database = store.remove(DATABASE, Database.class);
        @SuppressWarnings("unchecked")
        AtomicReference<String> failed = store.remove(FAILED, AtomicReference.class);
        String label = failed != null ? failed.get() : null;
        if (label == null && context.getExecutionException().isPresent()) {
            label = context.getRequiredTestClass().getName();
        }
        if (database != null) {
            finish(database, label);
        }
    }

    private void finish(Database database, String failedTest) {
        if (failedTest != null && keepFailed()) {
            database.keep(failedTest);
        }
        database.close();
    }

    private boolean keepFailed() {
        if (keepOnFailure != null) {
            return keepOnFailure;
        }
        return Boolean.parseBoolean(Setting.system().get(KEEP_FAILED_PROPERTY));
    }

    private static String label(ExtensionContext context) {
        return context.getRequiredTestClass().getName() + "#" + context.getTestMethod().map(m -> m.getName())
                .orElse(context.getDisplayName());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == DataSource.class || type == Database.class
                || (type == String.class && parameter.isAnnotated(JdbcUrl.class));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Database database = context.getStore(namespace).get(DATABASE, Database.class);
        if (database == null) {
            throw new ParameterResolutionException("No test database for " + parameter.getParameter() + " in "
                    + parameter.getDeclaringExecutable() + ": with a database per test, only test methods,"
                    + " @BeforeEach and @AfterEach methods receive one; use perClass() to get one in @BeforeAll,"
                    + " @AfterAll and constructors");
        }
        Class<?> type = parameter.getParameter().getType();
        if (type == DataSource.class) {
            return database.dataSource();
        }
        return type == Database.class ? database : database.connectionUrl();
    }
}
