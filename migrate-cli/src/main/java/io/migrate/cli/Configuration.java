package io.migrate.cli;

import io.migrate.Migrator;
import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings of one run, from three places: {@code migrate.properties} in the working directory
 * (or the file given with {@code --config}), then environment variables {@code MIGRATE_*}, then
 * flags, each overriding the one before. Names are the library builder's ({@code lockTimeout}); the
 * environment spells them {@code MIGRATE_LOCK_TIMEOUT} and flags {@code --lock-timeout}. Only the
 * connection has a fourth source: {@code DATABASE_URL} (and {@code SHADOW_DATABASE_URL} for the shadow
 * database), below all others. The environment includes a {@code .env} file's variables (see {@link Environment}).
 */
final class Configuration {

    static final String DEFAULT_FILE = "migrate.properties";
    static final String DEFAULT_LOCATION = "filesystem:db";

    /** Every setting, with what its value must look like; the order is the one help and errors list. */
    enum Setting {
        URL("url"), USER("user"), PASSWORD("password"),
        LOCATIONS("locations"), SCHEMA("schema"), TABLE("table"), TARGET("target"), OUT_OF_ORDER("outOfOrder"),
        VALIDATE_APPLIED("validateApplied"), LOCK_TIMEOUT("lockTimeout"), LOCK_WAIT_TIMEOUT("lockWaitTimeout"),
        STATEMENT_TIMEOUT("statementTimeout"), LOCK_RETRIES("lockRetries"), PROGRESS_INTERVAL("progressInterval"),
        SEED_LOCATION("seedLocation"), SCHEMA_FILE("schemaFile"), INTEGRITY_FILE("integrityFile"),
        LINT_ON_DEPLOY("lintOnDeploy"), DETECT_DRIFT("detectDrift"),
        SHADOW_DATABASE("shadowDatabase", "--shadow-database-url"), SHADOW_INIT("shadowInit");

        final String key;
        private final String flag;

        Setting(String key) {
            this(key, "--" + key.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT));
        }

        /** A setting whose flag says more than its name: the shadow database is given as a URL. */
        Setting(String key, String flag) {
            this.key = key;
            this.flag = flag;
        }

        String environmentName() {
            return "MIGRATE_" + key.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
        }

        String flag() {
            return flag;
        }

        static Setting of(String key) {
            for (Setting s : values()) {
                if (s.key.equals(key)) {
                    return s;
                }
            }
            return null;
        }
    }

    static final String PLACEHOLDER_PREFIX = "placeholders.";
    private static final Pattern DURATION = Pattern.compile("(-?\\d+)\\s*(ms|s|m|min|h|d)");

    private final Map<Setting, String> values = new LinkedHashMap<>();
    private final Map<Setting, String> origins = new LinkedHashMap<>();
    private final Map<String, String> placeholders = new TreeMap<>();

    private Configuration() {
    }

    /**
     * Reads the settings of a run.
     *
     * @param configFile   the file given with {@code --config}, or null for {@code migrate.properties} if present
     * @param environment  the process's environment, over the variables of a {@code .env} file
     * @param flags        the flags given, by setting
     * @param placeholders {@code --placeholder name=value} flags
     */
    static Configuration load(Path configFile, Environment environment, Map<Setting, String> flags,
                              Map<String, String> placeholders) {
        Configuration c = new Configuration();
        Path file = configFile != null ? configFile : Path.of(DEFAULT_FILE);
        if (configFile != null && !Files.isRegularFile(configFile)) {
            throw new UsageException("The configuration file " + configFile + " does not exist");
        }
        if (Files.isRegularFile(file)) {
            c.read(file);
        }
        for (Setting s : Setting.values()) {
            String value = environment.get(s.environmentName());
            if (value != null) {
                c.put(s, value, environment.origin(s.environmentName()));
            }
        }
        flags.forEach((s, value) -> c.put(s, value, "the flag " + s.flag()));
        c.placeholders.putAll(placeholders);
        c.fallback(Setting.URL, environment, "DATABASE_URL");
        c.fallback(Setting.SHADOW_DATABASE, environment, "SHADOW_DATABASE_URL");
        return c;
    }

    private void read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException("The configuration file " + file + " cannot be read: " + e.getMessage());
        }
        for (String key : new TreeMap<>(properties).keySet().stream().map(String::valueOf).toList()) {
            String value = properties.getProperty(key).strip();
            if (key.startsWith(PLACEHOLDER_PREFIX) && key.length() > PLACEHOLDER_PREFIX.length()) {
                placeholders.put(key.substring(PLACEHOLDER_PREFIX.length()), value);
                continue;
            }
            Setting s = Setting.of(key);
            if (s == null) {
                List<String> known = new ArrayList<>();
                for (Setting each : Setting.values()) {
                    known.add(each.key);
                }
                throw new UsageException("The configuration file " + file + " has an unknown setting '" + key
                        + "'; settings are " + String.join(", ", known) + " and placeholders.<name>");
            }
            put(s, value, "the configuration file " + file);
        }
    }

    /** The variable a Prisma project keeps in its {@code .env}, below every other source of the setting. */
    private void fallback(Setting setting, Environment environment, String variable) {
        if (get(setting) == null && environment.get(variable) != null) {
            put(setting, environment.get(variable), environment.origin(variable));
        }
    }

    private void put(Setting setting, String value, String origin) {
        values.put(setting, value);
        origins.put(setting, origin);
        if (setting == Setting.PASSWORD) {
            Secrets.add(value);
        } else if (setting == Setting.URL || setting == Setting.SHADOW_DATABASE) {
            try {
                DatabaseUrl.parse(value).secrets().forEach(Secrets::add);
            } catch (UsageException malformed) {
                // Said when the URL is used; until then there is nothing of it to mask.
            }
        }
    }

    String get(Setting setting) {
        return values.get(setting);
    }

    /** Where a setting's value came from, for messages. */
    String origin(Setting setting) {
        return origins.get(setting);
    }

    /** The locations, with a path that has no prefix taken as a directory, as a shell user means it. */
    List<String> locations() {
        String value = get(Setting.LOCATIONS);
        return locations(value == null ? DEFAULT_LOCATION : value);
    }

    /** Comma-separated locations, a path without prefix taken as a directory. */
    static List<String> locations(String value) {
        List<String> locations = new ArrayList<>();
        for (String location : value.split(",")) {
            String l = location.strip();
            locations.add(l.startsWith("classpath:") || l.startsWith("filesystem:") || l.isEmpty() ? l : "filesystem:" + l);
        }
        return locations;
    }

    /** Applies every setting but the connection to the builder; a bad value fails with the library's message. */
    Migrator configure(Migrator migrator) {
        migrator.locations(locations().toArray(String[]::new));
        for (Map.Entry<Setting, String> e : values.entrySet()) {
            String value = e.getValue();
            try {
                switch (e.getKey()) {
                    case SCHEMA -> migrator.schema(value);
                    case TABLE -> migrator.table(value);
                    case TARGET -> migrator.target(value);
                    case OUT_OF_ORDER -> migrator.outOfOrder(bool(e.getKey(), value));
                    case VALIDATE_APPLIED -> migrator.validateApplied(bool(e.getKey(), value));
                    case LOCK_TIMEOUT -> migrator.lockTimeout(duration(e.getKey(), value));
                    case LOCK_WAIT_TIMEOUT -> migrator.lockWaitTimeout(duration(e.getKey(), value));
                    case STATEMENT_TIMEOUT -> migrator.statementTimeout(duration(e.getKey(), value));
                    case LOCK_RETRIES -> migrator.lockRetries(integer(e.getKey(), value));
                    case PROGRESS_INTERVAL -> migrator.progressInterval(duration(e.getKey(), value));
                    case SEED_LOCATION -> migrator.seedLocation(value.startsWith("classpath:")
                            || value.startsWith("filesystem:") ? value : "filesystem:" + value);
                    case SCHEMA_FILE -> migrator.schemaFile(value.startsWith("classpath:")
                            || value.startsWith("filesystem:") ? value : "filesystem:" + value);
                    case INTEGRITY_FILE -> migrator.integrityFile(bool(e.getKey(), value));
                    case LINT_ON_DEPLOY -> migrator.lintOnDeploy(bool(e.getKey(), value));
                    case DETECT_DRIFT -> migrator.detectDrift(bool(e.getKey(), value));
                    case SHADOW_DATABASE -> migrator.shadowDatabase(shadowDatabase(value));
                    case SHADOW_INIT -> migrator.shadowInit(shadowInit(value));
                    case URL, USER, PASSWORD, LOCATIONS -> {
                    }
                }
            } catch (MigrationException failure) {
                throw new SettingException(failure, origin(e.getKey()));
            }
        }
        if (!placeholders.isEmpty()) {
            migrator.placeholders(placeholders);
        }
        return migrator;
    }

    /**
     * The shadow database, a URL in any form {@code url} takes; its credentials come from the URL alone.
     * The same database as {@code url} is refused: a shadow database is emptied before each use.
     */
    private DriverManagerDataSource shadowDatabase(String value) {
        DatabaseUrl shadow;
        try {
            shadow = DatabaseUrl.parse(value);
        } catch (UsageException refused) {
            throw new UsageException("shadowDatabase: " + refused.getMessage() + "\n  (set by "
                    + origin(Setting.SHADOW_DATABASE) + ")");
        }
        shadow.secrets().forEach(Secrets::add);
        String url = get(Setting.URL);
        if (url != null && withoutParameters(DatabaseUrl.parse(url).jdbcUrl()).equals(withoutParameters(shadow.jdbcUrl()))) {
            throw invalid(Setting.SHADOW_DATABASE, DatabaseUrl.masked(value),
                    "must be another database than url: a shadow database is emptied before each use");
        }
        return new DriverManagerDataSource(shadow.jdbcUrl(), shadow.user(), shadow.password());
    }

    private static String withoutParameters(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    /**
     * SQL, or the file that holds it: {@code filesystem:path}, or a path ending in {@code .sql} without
     * spaces ({@code shadow-init.sql}).
     */
    private static String shadowInit(String value) {
        String v = value.strip();
        boolean file = v.startsWith("filesystem:") || v.endsWith(".sql") && !v.matches("(?s).*\\s.*");
        if (!file) {
            return value;
        }
        Path path = Path.of(v.startsWith("filesystem:") ? v.substring("filesystem:".length()) : v);
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw invalid(Setting.SHADOW_INIT, value, "names a file that cannot be read (" + e.getClass().getSimpleName()
                    + "); give SQL statements or the path of a readable .sql file");
        }
    }

    private static boolean bool(Setting setting, String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw invalid(setting, value, "must be true or false");
    }

    private static int integer(Setting setting, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw invalid(setting, value, "must be a whole number");
        }
    }

    /** {@code 500ms}, {@code 10s}, {@code 5m} or {@code 5min}, {@code 1h}, {@code 1d}, or ISO-8601 ({@code PT10S}). */
    static Duration duration(Setting setting, String value) {
        String v = value.strip();
        Matcher m = DURATION.matcher(v);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m", "min" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(v);
        } catch (DateTimeParseException e) {
            throw invalid(setting, value, "must be a duration such as 500ms, 10s, 5min, 1h or PT10S");
        }
    }

    private static MigrationException invalid(Setting setting, String value, String rule) {
        return new MigrationException(ErrorCode.INVALID_CONFIGURATION, setting.key + " = '" + value + "': " + rule);
    }

    /** A setting the library refused, with where the value came from. */
    static final class SettingException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SettingException(MigrationException failure, String origin) {
            super(failure.getMessage() + "\n  (set by " + origin + ")", failure);
        }
    }
}
