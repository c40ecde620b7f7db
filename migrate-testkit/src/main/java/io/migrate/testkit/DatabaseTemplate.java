package io.migrate.testkit;

import io.migrate.Migrator;
import io.migrate.api.Checksum;
import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;
import io.migrate.postgres.PostgresDialect;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A migrated template database and the fresh copies made from it: the testkit without JUnit, for
 * any test framework.
 *
 * <pre>{@code
 * DatabaseTemplate template = DatabaseTemplate.postgres()
 *         .locations("classpath:db")
 *         .prepare();                      // migrates once, or reuses an existing template
 * try (Database db = template.newDatabase()) {
 *     DataSource ds = db.dataSource();    // a database of its own, already migrated
 * }                                       // dropped here
 * }</pre>
 *
 * <p>The template's name carries a hash of the migrations' names and content, the seed's content
 * and the schema and table settings, so later runs and other JVMs on the same server reuse it while
 * nothing changed, and a changed migration gives a new template. Databases are cloned with
 * {@code CREATE DATABASE ... TEMPLATE}, a few ahead of time on background threads.
 *
 * <p>{@link #empty()} gives empty databases the same way, for tests that run migrations themselves.
 */
public final class DatabaseTemplate {

    private static final String FORMAT = "migrate-testkit template 1";
    /** The server's own pristine template: what {@link #empty()} clones. */
    private static final String EMPTY = "template0";
    /** The templates prepared on each server handle, each with its pool: prepared once per handle. */
    private static final Map<PostgresServer, Map<String, DatabaseTemplate>> PREPARED = new ConcurrentHashMap<>();

    private final PostgresServer server;
    private final String name;
    private final boolean reused;
    private final ClonePool pool;

    private DatabaseTemplate(PostgresServer server, String name, boolean reused, ClonePool pool) {
        this.server = server;
        this.name = name;
        this.reused = reused;
        this.pool = pool;
    }

    /** Starts configuring a template on the {@linkplain PostgresServer#shared() shared} PostgreSQL server. */
    public static Builder postgres() {
        return new Builder(false);
    }

    /**
     * Starts configuring a source of empty databases, as {@code CREATE DATABASE ... TEMPLATE template0}
     * makes them, cloned ahead like migrated ones: for tests of migrations, which deploy into an
     * empty database themselves. It takes no locations, seed, schema or table.
     */
    public static Builder empty() {
        return new Builder(true);
    }

    /** A new database, a copy of the template, for the caller alone; close it to drop it. */
    public Database newDatabase() {
        return new Database(server, pool.take());
    }

    /** The template database's name, {@code mtk_tpl_} and 32 hex characters of the hash ({@code template0} for {@link #empty()}). */
    public String name() {
        return name;
    }

    /** Whether the template already existed, built by an earlier run or another JVM, so nothing was migrated (always, for {@link #empty()}). */
    public boolean reused() {
        return reused;
    }

    /** The server it lives on. */
    public PostgresServer server() {
        return server;
    }

    @Override
    public String toString() {
        return name + " on " + server;
    }

    /**
     * The settings of a template, each checked when set. A plain builder for one thread; {@link #prepare()}
     * may be called more than once and returns the same template while the settings are the same.
     */
    public static final class Builder {

        private final Migrator check = Migrator.configure(new PGSimpleDataSource());
        private final boolean empty;
        private List<String> locations = List.of("classpath:db");
        private String schema;
        private String table;
        private String seed;
        private boolean defaultSeed;
        private int poolSize = 4;
        private ClassLoader classLoader;
        private PostgresServer server;

        private Builder(boolean empty) {
            this.empty = empty;
        }

        /**
         * Where the migrations are, as for {@link Migrator#locations(String...)}: {@code classpath:path}
         * or {@code filesystem:path} (default: {@code classpath:db}).
         */
        public Builder locations(String... locations) {
            migrationsOnly("locations");
            check.locations(locations);
            List<String> normalized = new ArrayList<>();
            for (String location : locations) {
                String l = location.strip();
                normalized.add(l.startsWith("classpath:") || l.startsWith("filesystem:") ? l : "classpath:" + l);
            }
            this.locations = List.copyOf(normalized);
            return this;
        }

        /**
         * The schema of the history table and the migrations, as for {@link Migrator#schema(String)}
         * (default: the connection's current schema, normally {@code public}).
         */
        public Builder schema(String schema) {
            migrationsOnly("schema");
            check.schema(schema);
            this.schema = schema;
            return this;
        }

        /** The history table's name, as for {@link Migrator#table(String)} (default: {@code _migrations}). */
        public Builder table(String table) {
            migrationsOnly("table");
            check.table(table);
            this.table = table;
            return this;
        }

        /**
         * Runs {@code seed.sql} of the first location in the template after the migrations, so every
         * database starts with its rows; a missing file is an error (default: no seed).
         */
        public Builder seed() {
            migrationsOnly("seed");
            this.seed = null;
            this.defaultSeed = true;
            return this;
        }

        /**
         * Runs the SQL file at {@code location} ({@code classpath:path} or {@code filesystem:path}) in the
         * template after the migrations, in one transaction, as {@link Migrator#seed()} does; its
         * content is part of the template's hash (default: no seed).
         */
        public Builder seed(String location) {
            migrationsOnly("seed");
            if (location == null || location.isBlank()) {
                throw invalid("seed", location, "must be a classpath: or filesystem: path of an SQL file");
            }
            String l = location.strip();
            try {
                // The migrator reads the location, so both take it the same way (no prefix: the class path).
                check.seedLocation(l);
            } catch (MigrationException e) {
                throw invalid("seed", location, "must be a classpath: or filesystem: path of an SQL file");
            }
            this.seed = l;
            this.defaultSeed = false;
            return this;
        }

        /**
         * How many databases to clone ahead in the background; 0 clones each only when it is asked
         * for (default: 4).
         */
        public Builder poolSize(int poolSize) {
            if (poolSize < 0 || poolSize > 32) {
                throw invalid("poolSize", poolSize, "must be from 0 to 32");
            }
            this.poolSize = poolSize;
            return this;
        }

        /**
         * The class loader for {@code classpath:} locations and the seed (default: the thread's
         * context class loader, else the testkit's).
         */
        public Builder classLoader(ClassLoader classLoader) {
            if (classLoader == null) {
                throw invalid("classLoader", null, "must not be null");
            }
            check.classLoader(classLoader);
            this.classLoader = classLoader;
            return this;
        }

        /** The server to use (default: {@link PostgresServer#shared()}). */
        public Builder server(PostgresServer server) {
            if (server == null) {
                throw invalid("server", null, "must not be null");
            }
            this.server = server;
            return this;
        }

        /**
         * Reads the migrations and the seed, then finds the template for them on the server or
         * builds it: each of this JVM's templates is built or found once.
         *
         * @throws MigrationException when the migrations cannot be read or applied, or the server fails
         */
        public DatabaseTemplate prepare() {
            PostgresServer target = server != null ? server : PostgresServer.shared();
            if (empty) {
                return pooled(target, EMPTY, null, null);
            }
            ClassLoader loader = loader();
            String seedLocation = seedLocation();
            // The fingerprint covers the migrations, the settings and the seed's content.
            String fingerprint = migrator(target.dataSource(target.adminDatabase()), loader, seedLocation).fingerprint();
            String hash = Checksum.sha256((FORMAT + "\nmigrations " + fingerprint + "\n").getBytes(StandardCharsets.UTF_8));
            String name = Leftovers.TEMPLATE_PREFIX + hash.substring(0, 32);
            return pooled(target, name, hash, ds -> {
                Migrator migrator = migrator(ds, loader, seedLocation);
                migrator.deploy();
                if (seedLocation != null) {
                    migrator.seed();
                }
            });
        }

        /**
         * The template of that name with its pool, once per server handle; a migrated one (with a
         * {@code hash} and a {@code build} step) is built first unless it exists.
         */
        private DatabaseTemplate pooled(PostgresServer target, String name, String hash, Consumer<DataSource> build) {
            Map<String, DatabaseTemplate> templates = PREPARED.computeIfAbsent(target, server -> {
                server.beforeStop(() -> PREPARED.remove(server));
                return new ConcurrentHashMap<>();
            });
            synchronized (templates) {
                DatabaseTemplate existing = templates.get(name);
                if (existing != null) {
                    return existing;
                }
                boolean built = build != null && TemplateBuilder.ensure(target, name, hash, build);
                DatabaseTemplate template = new DatabaseTemplate(target, name, !built,
                        new ClonePool(target, name, poolSize, Setting.system()));
                templates.put(name, template);
                return template;
            }
        }

        private void migrationsOnly(String setting) {
            if (empty) {
                throw new MigrationException(ErrorCode.INVALID_CONFIGURATION, setting + ": an empty database"
                        + " runs no migrations and no seed; use DatabaseTemplate.postgres() or"
                        + " MigratedDatabase.postgres() for migrated databases");
            }
        }

        private String seedLocation() {
            return defaultSeed ? locations.get(0).replaceAll("/+$", "") + "/seed.sql" : seed;
        }

        private ClassLoader loader() {
            if (classLoader != null) {
                return classLoader;
            }
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            return context != null ? context : DatabaseTemplate.class.getClassLoader();
        }

        private Migrator migrator(DataSource dataSource, ClassLoader loader, String seedLocation) {
            Migrator migrator = Migrator.configure(dataSource)
                    .locations(locations.toArray(String[]::new))
                    .dialect(new PostgresDialect())
                    .classLoader(loader);
            if (schema != null) {
                migrator.schema(schema);
            }
            if (table != null) {
                migrator.table(table);
            }
            if (seedLocation != null) {
                migrator.seedLocation(seedLocation);
            }
            return migrator;
        }

        private static MigrationException invalid(String property, Object value, String rule) {
            return new MigrationException(ErrorCode.INVALID_CONFIGURATION, property + " = "
                    + (value == null ? "null" : "'" + value + "'") + ": " + rule);
        }
    }
}
