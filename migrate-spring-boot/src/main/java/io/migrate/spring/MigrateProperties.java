package io.migrate.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code migrate.*} properties. Each setting of the {@code Migrator} builder has one; a setting
 * left unset keeps the builder's default, and a bad value fails at start-up with the builder's
 * message naming the property.
 */
@ConfigurationProperties("migrate")
public class MigrateProperties {

    /** What to do at start-up. */
    public enum Mode {
        /** Apply every pending migration before the application uses the database. */
        DEPLOY,
        /** Apply nothing; refuse to start when a migration is pending or anything needs settling. */
        VALIDATE,
        /** Neither migrate nor check at start-up; the endpoint and health indicator still report. */
        NONE
    }

    /** Whether to configure migrate at all. */
    private boolean enabled = true;

    /** What to do at start-up: deploy, validate or none. */
    private Mode mode = Mode.DEPLOY;

    /** Where the migration folders are: classpath:path or filesystem:path. */
    private List<String> locations = new ArrayList<>(List.of("classpath:db"));

    /** The schema of the history table and of the migrations (default: the connection's current schema). */
    private String schema;

    /** The name of the history table; _prisma_migrations adopts a database that Prisma manages. */
    private String table = "_migrations";

    /** How long to wait for another instance's migration lock. */
    private Duration lockTimeout = Duration.ofMinutes(10);

    /** Whether a pending migration that sorts before the newest applied one may be applied. */
    private boolean outOfOrder;

    /** Whether an applied migration whose file was edited or deleted stops the start-up. */
    private boolean validateApplied = true;

    /** The last migration to apply; later ones stay pending (default: none, all are applied). */
    private String target;

    /** The seed script for seed() and reset(): classpath:path or filesystem:path (default: seed.sql of the first location). */
    private String seedLocation;

    /** Values for ${name} placeholders in migrations and seeds. */
    private Map<String, String> placeholders = new LinkedHashMap<>();

    /** How long one statement may wait for a table lock, PostgreSQL's lock_timeout (default: the server's). */
    private Duration lockWaitTimeout;

    /** How long one statement may run, PostgreSQL's statement_timeout (default: the server's). */
    private Duration statementTimeout;

    /** How many times a migration that failed on a lock not available is tried again. */
    private int lockRetries = 3;

    /** How often a running migration logs its progress. */
    private Duration progressInterval = Duration.ofSeconds(10);

    /** Whether reset(), which drops everything in the schema, may run through the Migrator this configures. */
    private boolean allowReset;

    /** JDBC URL of the database to migrate with its own connection, e.g. as a more privileged user (default: the application's DataSource). */
    private String url;

    /** User for migrate.url. */
    private String user;

    /** Password for migrate.url. */
    private String password;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Mode getMode() {
        return mode;
    }

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    public List<String> getLocations() {
        return locations;
    }

    public void setLocations(List<String> locations) {
        this.locations = locations;
    }

    public String getSchema() {
        return schema;
    }

    public void setSchema(String schema) {
        this.schema = schema;
    }

    public String getTable() {
        return table;
    }

    public void setTable(String table) {
        this.table = table;
    }

    public Duration getLockTimeout() {
        return lockTimeout;
    }

    public void setLockTimeout(Duration lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    public boolean isOutOfOrder() {
        return outOfOrder;
    }

    public void setOutOfOrder(boolean outOfOrder) {
        this.outOfOrder = outOfOrder;
    }

    public boolean isValidateApplied() {
        return validateApplied;
    }

    public void setValidateApplied(boolean validateApplied) {
        this.validateApplied = validateApplied;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public String getSeedLocation() {
        return seedLocation;
    }

    public void setSeedLocation(String seedLocation) {
        this.seedLocation = seedLocation;
    }

    public Map<String, String> getPlaceholders() {
        return placeholders;
    }

    public void setPlaceholders(Map<String, String> placeholders) {
        this.placeholders = placeholders;
    }

    public Duration getLockWaitTimeout() {
        return lockWaitTimeout;
    }

    public void setLockWaitTimeout(Duration lockWaitTimeout) {
        this.lockWaitTimeout = lockWaitTimeout;
    }

    public Duration getStatementTimeout() {
        return statementTimeout;
    }

    public void setStatementTimeout(Duration statementTimeout) {
        this.statementTimeout = statementTimeout;
    }

    public int getLockRetries() {
        return lockRetries;
    }

    public void setLockRetries(int lockRetries) {
        this.lockRetries = lockRetries;
    }

    public Duration getProgressInterval() {
        return progressInterval;
    }

    public void setProgressInterval(Duration progressInterval) {
        this.progressInterval = progressInterval;
    }

    public boolean isAllowReset() {
        return allowReset;
    }

    public void setAllowReset(boolean allowReset) {
        this.allowReset = allowReset;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
