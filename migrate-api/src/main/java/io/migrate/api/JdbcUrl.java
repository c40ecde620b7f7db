package io.migrate.api;

/** JDBC URLs as the library shows them: never with credentials. */
public final class JdbcUrl {

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
        int authority = url.indexOf("//");
        if (authority < 0) {
            return url.substring(0, firstParameter(url, 0));
        }
        authority += 2;
        // A password may hold '@', '/' or '?' unencoded: the user information ends at the last '@'
        // before the path, or before the parameters, whichever is further.
        int path = url.indexOf('/', authority);
        int beforePath = url.lastIndexOf('@', (path < 0 ? firstParameter(url, authority) : path) - 1);
        int beforeParameters = url.lastIndexOf('@', firstParameter(url, authority) - 1);
        int at = Math.max(beforePath, beforeParameters);
        String bare = at >= authority ? url.substring(0, authority) + url.substring(at + 1) : url;
        return bare.substring(0, firstParameter(bare, authority));
    }

    private static int firstParameter(String url, int from) {
        for (int i = from; i < url.length(); i++) {
            if (url.charAt(i) == '?' || url.charAt(i) == ';') {
                return i;
            }
        }
        return url.length();
    }
}
