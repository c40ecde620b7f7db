package io.migrate.spring;

import io.migrate.api.MigrationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a {@link MigrationException} at start-up into Spring Boot's "APPLICATION FAILED TO START"
 * report: the description is the library's message (code, migration, line, statement, what was
 * left behind, what to do), the action says where to act in a Spring Boot application.
 */
final class MigrateFailureAnalyzer extends AbstractFailureAnalyzer<MigrationException> {

    /** The builder's messages start with the setting's name: {@code lockTimeout = 'PT0S': must be ...}. */
    private static final Pattern SETTING = Pattern.compile("^\\[INVALID_CONFIGURATION] ([a-zA-Z]+) = ");

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MigrationException cause) {
        return new FailureAnalysis(cause.getMessage(), action(cause), cause);
    }

    static String action(MigrationException e) {
        return switch (e.code()) {
            case INVALID_CONFIGURATION -> {
                Matcher setting = SETTING.matcher(e.getMessage());
                yield setting.find()
                        ? "Correct the property migrate." + kebab(setting.group(1))
                          + " (or the MigratorCustomizer that sets it), then start the application again."
                        : "Correct the migrate.* properties or the MigratorCustomizer beans, then start the application again.";
            }
            case PENDING_MIGRATIONS -> "Deploy the pending migrations, or set migrate.mode=deploy to apply them at start-up.";
            case CONNECTION_FAILED -> "Check that the database is up and reachable, and the spring.datasource.* settings"
                    + " (or migrate.url, migrate.user and migrate.password).";
            case LOCK_TIMEOUT -> "Wait for the other deployment to finish, or raise migrate.lock-timeout, then start the"
                    + " application again.";
            case OUT_OF_ORDER -> "Rename the migration to sort after the newest applied one, or set migrate.out-of-order=true.";
            case UNKNOWN_PLACEHOLDER -> "Give the placeholder a value with migrate.placeholders.<name>, then start the"
                    + " application again.";
            case LOCATION_NOT_FOUND -> "Check migrate.locations (default: classpath:db) against where the migration"
                    + " folders are packaged.";
            case NO_DIALECT, AMBIGUOUS_DIALECT -> "Add the dialect module for your database (e.g. migrate-postgres), or"
                    + " set one with a MigratorCustomizer: migrator -> migrator.dialect(...).";
            default -> "Do what the description above says, then start the application again. To start without"
                    + " migrating meanwhile, set migrate.mode=none.";
        };
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
