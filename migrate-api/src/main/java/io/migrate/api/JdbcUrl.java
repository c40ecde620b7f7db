package io.migrate.api;

import java.util.regex.Pattern;

/** JDBC URLs as the library shows them: never with credentials. */
public final class JdbcUrl {

    private static final Pattern USER_INFO = Pattern.compile("//[^/@?;]*@");

    private JdbcUrl() {
    }

    /**
     * {@code url} up to the database name, for a log line or a message: user information
     * ({@code //user:password@}) and every parameter ({@code ?…} and {@code ;…}) are dropped, since
     * they may hold credentials (a {@code password} parameter, a token in another one).
     *
     * @return the redacted URL, or {@code (unknown URL)} for null
     */
    public static String redacted(String url) {
        if (url == null) {
            return "(unknown URL)";
        }
        String bare = USER_INFO.matcher(url).replaceFirst("//");
        for (int i = 0; i < bare.length(); i++) {
            if (bare.charAt(i) == '?' || bare.charAt(i) == ';') {
                return bare.substring(0, i);
            }
        }
        return bare;
    }
}
