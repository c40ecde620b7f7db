package io.migrate.cli;

import io.migrate.Migrator;
import io.migrate.cli.Configuration.Setting;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The connection and the library's settings, as flags; shared by every command. */
final class CommonOptions {

    @Option(names = "--url", paramLabel = "URL", order = 1,
            description = "Database URL: jdbc:postgresql://host:5432/db or postgresql://user:password@host:5432/db?schema=s "
                    + "(default: $MIGRATE_URL, url in migrate.properties, then $DATABASE_URL)")
    String url;

    @Option(names = "--user", paramLabel = "USER", order = 2, description = "Database user (default: from the URL)")
    String user;

    @Option(names = "--password", paramLabel = "PASSWORD", order = 3,
            description = "Database password (default: from the URL); better set MIGRATE_PASSWORD")
    String password;

    @Option(names = "--config", paramLabel = "FILE", order = 4,
            description = "Settings file (default: migrate.properties in the working directory, if present)")
    Path config;

    @Option(names = "--env-file", paramLabel = "FILE", order = 4,
            description = "Variables such as DATABASE_URL, beneath the environment's (default: .env in the working "
                    + "directory, if present)")
    Path envFile;

    @Option(names = "--locations", paramLabel = "LOCATIONS", order = 10,
            description = "Comma-separated migration folders; a path without prefix is a directory (default: db)")
    String locations;

    @Option(names = "--schema", paramLabel = "SCHEMA", order = 11,
            description = "Schema of the history table and of the migrations (default: the URL's schema=, else the connection's)")
    String schema;

    @Option(names = "--table", paramLabel = "TABLE", order = 12, description = "History table (default: _migrations)")
    String table;

    @Option(names = "--target", paramLabel = "NAME", order = 13, description = "Last migration to deploy (default: all)")
    String target;

    @Option(names = "--out-of-order", negatable = true, order = 14,
            description = "Apply pending migrations older than the newest applied one (default: false)")
    Boolean outOfOrder;

    @Option(names = "--validate-applied", negatable = true, order = 15,
            description = "Stop on edited or deleted applied migrations; --no-validate-applied only warns (default: true)")
    Boolean validateApplied;

    @Option(names = "--lock-timeout", paramLabel = "DURATION", order = 16,
            description = "How long to wait for another deployer's lock, e.g. 30s, 10min (default: 10min)")
    String lockTimeout;

    @Option(names = "--lock-wait-timeout", paramLabel = "DURATION", order = 17,
            description = "How long one statement may wait for a table lock (default: the server's)")
    String lockWaitTimeout;

    @Option(names = "--statement-timeout", paramLabel = "DURATION", order = 18,
            description = "How long one statement may run (default: the server's)")
    String statementTimeout;

    @Option(names = "--lock-retries", paramLabel = "N", order = 19,
            description = "Retries of a migration that could not get a table lock (default: 3)")
    String lockRetries;

    @Option(names = "--progress-interval", paramLabel = "DURATION", order = 20,
            description = "How often a long migration reports its progress (default: 10s)")
    String progressInterval;

    @Option(names = "--seed-location", paramLabel = "FILE", order = 21,
            description = "Seed script (default: seed.sql in the first location)")
    String seedLocation;

    @Option(names = "--schema-file", paramLabel = "FILE", order = 22,
            description = "Declared schema for dev, push and pull: a SQL file or a folder of them (default: none)")
    String schemaFile;

    @Option(names = "--integrity-file", negatable = true, order = 23,
            description = "new and dev write migrations.sum even before it exists (default: false; once it exists it is kept)")
    Boolean integrityFile;

    @Option(names = "--lint-on-deploy", negatable = true, order = 24,
            description = "deploy lints the pending migrations first and refuses on an error finding (default: false)")
    Boolean lintOnDeploy;

    @Option(names = "--detect-drift", negatable = true, order = 25,
            description = "status and validate also compare the database with what its applied migrations create, "
                    + "replayed on a shadow database, and report each difference (default: false)")
    Boolean detectDrift;

    @Option(names = "--shadow-database-url", paramLabel = "URL", order = 26,
            description = "Database to replay migrations on for dev, diff, lint and --detect-drift; emptied before each "
                    + "use (default: $MIGRATE_SHADOW_DATABASE, shadowDatabase in migrate.properties, then "
                    + "$SHADOW_DATABASE_URL; else a temporary database on the server of --url)")
    String shadowDatabase;

    @Option(names = "--shadow-init", paramLabel = "SQL|FILE", order = 27,
            description = "SQL run on each shadow database first (extensions, roles, schemas), or a .sql file of it "
                    + "(default: none)")
    String shadowInit;

    @Option(names = "--placeholder", paramLabel = "NAME=VALUE", order = 28,
            description = "Value of a $${NAME} placeholder; repeatable (also placeholders.NAME in migrate.properties)")
    Map<String, String> placeholders = new LinkedHashMap<>();

    @Option(names = {"-v", "--verbose"}, order = 30, description = "Log what the library does, on standard error")
    boolean verbose;

    @Option(names = {"-h", "--help"}, usageHelp = true, order = 31, description = "Show this help and exit")
    boolean help;

    /** The settings of this run: file, then environment, then these flags. */
    Configuration configuration() {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        flag(flags, Setting.URL, url);
        flag(flags, Setting.USER, user);
        flag(flags, Setting.PASSWORD, password);
        flag(flags, Setting.LOCATIONS, locations);
        flag(flags, Setting.SCHEMA, schema);
        flag(flags, Setting.TABLE, table);
        flag(flags, Setting.TARGET, target);
        flag(flags, Setting.OUT_OF_ORDER, outOfOrder == null ? null : outOfOrder.toString());
        flag(flags, Setting.VALIDATE_APPLIED, validateApplied == null ? null : validateApplied.toString());
        flag(flags, Setting.LOCK_TIMEOUT, lockTimeout);
        flag(flags, Setting.LOCK_WAIT_TIMEOUT, lockWaitTimeout);
        flag(flags, Setting.STATEMENT_TIMEOUT, statementTimeout);
        flag(flags, Setting.LOCK_RETRIES, lockRetries);
        flag(flags, Setting.PROGRESS_INTERVAL, progressInterval);
        flag(flags, Setting.SEED_LOCATION, seedLocation);
        flag(flags, Setting.SCHEMA_FILE, schemaFile);
        flag(flags, Setting.INTEGRITY_FILE, integrityFile == null ? null : integrityFile.toString());
        flag(flags, Setting.LINT_ON_DEPLOY, lintOnDeploy == null ? null : lintOnDeploy.toString());
        flag(flags, Setting.DETECT_DRIFT, detectDrift == null ? null : detectDrift.toString());
        flag(flags, Setting.SHADOW_DATABASE, shadowDatabase);
        flag(flags, Setting.SHADOW_INIT, shadowInit);
        return Configuration.load(config, Environment.of(System.getenv(), envFile), flags, placeholders);
    }

    private static void flag(Map<Setting, String> flags, Setting setting, String value) {
        if (value != null) {
            flags.put(setting, value);
        }
    }

    /** A builder for the configured database, with every setting applied; no connection is opened yet. */
    Migrator migrator() {
        return migrator(configuration());
    }

    static Migrator migrator(Configuration configuration) {
        DatabaseUrl url = DatabaseUrl.parse(configuration.get(Setting.URL));
        url.secrets().forEach(Secrets::add);
        String user = configuration.get(Setting.USER) != null ? configuration.get(Setting.USER) : url.user();
        String password = configuration.get(Setting.PASSWORD) != null ? configuration.get(Setting.PASSWORD) : url.password();
        Migrator migrator = Migrator.configure(new DriverManagerDataSource(url.jdbcUrl(), user, password));
        if (url.schema() != null && configuration.get(Setting.SCHEMA) == null) {
            try {
                migrator.schema(url.schema());
            } catch (io.migrate.api.MigrationException failure) {
                throw new Configuration.SettingException(failure, "the schema parameter of the database URL");
            }
        }
        return configuration.configure(migrator);
    }
}
