package io.migrate.testkit;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Where the testkit's settings come from: a system property, else the environment variable of the
 * same name in upper case with dots and dashes as underscores ({@code migrate.testkit.url} and
 * {@code MIGRATE_TESTKIT_URL}). Blank counts as unset.
 */
final class Setting {

    private final Function<String, String> properties;
    private final Function<String, String> environment;

    private Setting(Function<String, String> properties, Function<String, String> environment) {
        this.properties = properties;
        this.environment = environment;
    }

    /** The JVM's system properties and environment. */
    static Setting system() {
        return new Setting(System::getProperty, System::getenv);
    }

    /** Fixed values keyed by property name, for tests; the environment plays no part. */
    static Setting of(Map<String, String> properties) {
        return new Setting(properties::get, name -> null);
    }

    /** The environment variable that stands for {@code property}. */
    static String envName(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The value of {@code property}, or of its environment variable, or null. */
    String get(String property) {
        String value = properties.apply(property);
        if (value == null || value.isBlank()) {
            value = environment.apply(envName(property));
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Where {@code property} is read from, for messages: {@code migrate.testkit.url / MIGRATE_TESTKIT_URL}. */
    static String names(String property) {
        return property + " / " + envName(property);
    }
}
