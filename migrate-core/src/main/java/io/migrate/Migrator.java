package io.migrate;

import io.migrate.api.DeployResult;
import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;
import io.migrate.internal.engine.Deployer;
import io.migrate.internal.engine.Settings;
import io.migrate.spi.Dialect;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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

    private final DataSource dataSource;
    private List<String> locations = List.of("classpath:db");
    private String schema;
    private String table = "_migrations";
    private Duration lockTimeout = Duration.ofMinutes(10);
    private boolean outOfOrder;
    private boolean validateApplied = true;
    private Dialect dialect;
    private ClassLoader classLoader;

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
        List<String> checked = new ArrayList<>();
        for (String location : locations) {
            if (location == null || location.isBlank()) {
                throw invalid("locations", location, "a location must not be blank");
            }
            String l = location.strip();
            if (l.startsWith("classpath:") || l.startsWith("filesystem:")) {
                if (l.substring(l.indexOf(':') + 1).isBlank()) {
                    throw invalid("locations", location, "needs a path after the prefix");
                }
                checked.add(l);
            } else if (l.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") && !l.matches("^[A-Za-z]:[\\\\/].*")) {
                throw invalid("locations", location, "must start with classpath: or filesystem:");
            } else {
                checked.add("classpath:" + l);
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
        if (lockTimeout == null || lockTimeout.isNegative() || lockTimeout.isZero()) {
            throw invalid("lockTimeout", lockTimeout, "must be a positive duration");
        }
        this.lockTimeout = lockTimeout;
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
     * Applies every pending migration, in name order, each exactly once even when several
     * processes deploy at the same time.
     *
     * @return what was applied and how long it took
     * @throws MigrationException with an {@link ErrorCode} saying what went wrong and what to do
     */
    public DeployResult deploy() {
        return new Deployer(settings()).deploy();
    }

    private Settings settings() {
        ClassLoader loader = classLoader;
        if (loader == null) {
            loader = Thread.currentThread().getContextClassLoader();
        }
        if (loader == null) {
            loader = Migrator.class.getClassLoader();
        }
        return new Settings(dataSource, locations, schema, table, lockTimeout, outOfOrder, validateApplied, dialect, loader);
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
