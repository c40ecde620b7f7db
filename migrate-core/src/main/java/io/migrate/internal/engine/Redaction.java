package io.migrate.internal.engine;

import java.util.regex.Pattern;

/**
 * Keeps credentials out of log lines, and statements short enough for one. Masking secrets inside
 * SQL is the dialect's ({@link io.migrate.spi.Dialect#maskSecrets}), through {@link Failures}.
 */
final class Redaction {

    private static final Pattern URL_USER_INFO = Pattern.compile("//[^/@?;]*@");
    private static final int STATEMENT_LIMIT = 200;

    private Redaction() {
    }

    /**
     * A JDBC URL up to the database name: user information and parameters are dropped, since they
     * may hold credentials and are noise in a log line.
     */
    static String url(String url) {
        if (url == null) {
            return "(unknown URL)";
        }
        String bare = URL_USER_INFO.matcher(url).replaceFirst("//");
        int parameters = indexOfAny(bare, '?', ';');
        return parameters < 0 ? bare : bare.substring(0, parameters);
    }

    private static int indexOfAny(String text, char a, char b) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == a || text.charAt(i) == b) {
                return i;
            }
        }
        return -1;
    }

    /** An already masked statement on one line, at most 200 characters. */
    static String shorten(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= STATEMENT_LIMIT ? oneLine : oneLine.substring(0, STATEMENT_LIMIT - 1) + "…";
    }
}
