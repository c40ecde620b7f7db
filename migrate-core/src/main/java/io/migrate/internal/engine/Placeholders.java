package io.migrate.internal.engine;

import io.migrate.api.ErrorCode;
import io.migrate.api.InvalidMigrationException;

import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opt-in {@code ${name}} substitution. Only when values are configured is a script touched; the
 * checksum is always that of the file as written, so changing a value is not an edit.
 */
public final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}\\s]*)}");

    private Placeholders() {
    }

    public static String replace(String script, Map<String, String> values, String source) {
        if (values.isEmpty() || !script.contains("${")) {
            return script;
        }
        Matcher m = PLACEHOLDER.matcher(script);
        StringBuilder out = new StringBuilder(script.length());
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                int line = 1 + (int) script.substring(0, m.start()).chars().filter(c -> c == '\n').count();
                throw new InvalidMigrationException(ErrorCode.UNKNOWN_PLACEHOLDER, source, line, "Placeholder "
                        + m.group() + " at line " + line + " of " + source + " has no value. Known placeholders: "
                        + String.join(", ", new TreeSet<>(values.keySet())) + "; add it with placeholders(...)");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
