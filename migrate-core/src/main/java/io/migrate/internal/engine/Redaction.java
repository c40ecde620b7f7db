package io.migrate.internal.engine;

import java.util.regex.Pattern;

/** Keeps secrets out of log lines, exception messages and history rows. */
final class Redaction {

    private static final Pattern URL_USER_INFO = Pattern.compile("//[^/@?;]*@");
    /** {@code PASSWORD} followed by a literal: '...', E'...' (backslash escapes) or $tag$...$tag$. */
    private static final Pattern SQL_PASSWORD = Pattern.compile(
            "(?is)(\\bpassword\\s+)(E'(?:[^'\\\\]|''|\\\\.)*'|'(?:[^']|'')*'|\\$(\\w*)\\$.*?\\$\\3\\$)");
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
