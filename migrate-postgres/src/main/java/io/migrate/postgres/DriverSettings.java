package io.migrate.postgres;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Session settings that psql follows but the JDBC driver cannot: it reads every value as UTF-8 and
 * every date in ISO format, and closes the connection when the server reports {@code client_encoding}
 * or {@code DateStyle} changed to something else. Such a SET is refused before it is sent, with a
 * message that says so, rather than reported as a lost connection after.
 */
final class DriverSettings {

    private static final Pattern SET = Pattern.compile(
            "(?is)set\\s+(?:(?:session|local)\\s+)?(datestyle|client_encoding|names)(?![\\w$])\\s*(?:to(?![\\w$])|=)?(.*)");
    private static final Set<String> OTHER_DATE_OUTPUT = Set.of("sql", "postgres", "german");
    private static final Set<String> UTF8 = Set.of("utf8", "utf-8", "unicode", "default");

    private DriverSettings() {
    }

    /** Why the statement cannot run through the driver, or null when it can. */
    static String refusal(String sql) {
        if (sql.length() < 4 || (sql.charAt(0) | 0x20) != 's') {
            return null;
        }
        Matcher m = SET.matcher(sql);
        if (!m.matches()) {
            return null;
        }
        String setting = m.group(1).toLowerCase(Locale.ROOT);
        String[] values = m.group(2).replace("'", " ").replace("\"", " ").strip().toLowerCase(Locale.ROOT).split("[\\s,]+");
        if (setting.equals("datestyle")) {
            for (String value : values) {
                if (OTHER_DATE_OUTPUT.contains(value)) {
                    return "SET DateStyle with an output format other than ISO cannot run through JDBC: the PostgreSQL"
                            + " driver reads dates in ISO format only and closes the connection when the format changes."
                            + " Keep ISO first (SET DateStyle = 'ISO, DMY' still reads day-first input), or format"
                            + " dates with to_char";
                }
            }
            return null;
        }
        if (values.length == 1 && UTF8.contains(values[0])) {
            return null;
        }
        return "SET " + (setting.equals("names") ? "NAMES" : "client_encoding") + " to anything but UTF8 cannot run"
                + " through JDBC: the PostgreSQL driver exchanges text in UTF-8 only and closes the connection when the"
                + " encoding changes. Migration files are read as UTF-8 whatever this says; remove the SET";
    }
}
