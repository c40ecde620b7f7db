package io.migrate.internal.engine;

import java.util.regex.Pattern;

/** Keeps secrets out of log lines, exception messages and history rows. */
final class Redaction {

    private static final Pattern URL_USER_INFO = Pattern.compile("//[^/@?;]*@");
    private static final Pattern URL_SECRET = Pattern.compile(
            "(?i)([?&;](?:password|passwd|pwd|sslpassword|secret|token|apikey|access[_-]?key)=)[^&;]*");
    private static final Pattern SQL_PASSWORD = Pattern.compile("(?i)(\\bpassword\\s+)('(?:[^']|'')*'|\\$[^$]*\\$.*?\\$[^$]*\\$)");
    private static final int STATEMENT_LIMIT = 200;

    private Redaction() {
    }

    /** A JDBC URL without user information in the authority or secret query parameters. */
    static String url(String url) {
        if (url == null) {
            return "(unknown URL)";
        }
        return URL_SECRET.matcher(URL_USER_INFO.matcher(url).replaceFirst("//")).replaceAll("$1***");
    }

    /** A statement on one line, at most 200 characters, with {@code PASSWORD '...'} literals masked. */
    static String statement(String sql) {
        String masked = SQL_PASSWORD.matcher(sql).replaceAll("$1'***'");
        String oneLine = masked.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= STATEMENT_LIMIT ? oneLine : oneLine.substring(0, STATEMENT_LIMIT - 1) + "…";
    }

    /** Text from the database or a statement, with {@code PASSWORD '...'} literals masked. */
    static String text(String text) {
        return text == null ? null : SQL_PASSWORD.matcher(text).replaceAll("$1'***'");
    }
}
