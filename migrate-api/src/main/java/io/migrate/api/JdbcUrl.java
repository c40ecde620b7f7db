package io.migrate.api;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** JDBC URLs as the library shows them: never with credentials. */
public final class JdbcUrl {

    /** A parenthesised host specification: {@code address=(host=h)(port=3306)} or {@code (host=h,port=3306,user=u)}. */
    private static final Pattern HOST_SPEC = Pattern.compile("\\(([^()]*)\\)");
    /** The keys of a host specification that say where the server is; the others (user, password, …) are dropped. */
    private static final Set<String> PLACE_KEYS = Set.of("host", "port", "protocol", "type");

    private JdbcUrl() {
    }

    /**
     * {@code url} up to the database name, for a log line or a message: user information
     * ({@code //user:password@}) and every parameter ({@code ?…} and {@code ;…}) are dropped, since
     * they may hold credentials (a {@code password} parameter, a token in another one); so is every
     * key of a parenthesised host specification other than {@code host}, {@code port},
     * {@code protocol} and {@code type}, as in MySQL Connector/J's
     * {@code jdbc:mysql://address=(host=h)(user=u)(password=p)/db} and {@code (host=h,password=p)}.
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
        bare = bare.substring(0, firstParameter(bare, authority));
        return bare.substring(0, authority) + placesOnly(bare.substring(authority));
    }

    private static String placesOnly(String hosts) {
        Matcher spec = HOST_SPEC.matcher(hosts);
        StringBuilder out = new StringBuilder();
        while (spec.find()) {
            StringBuilder kept = new StringBuilder();
            for (String item : spec.group(1).split(",", -1)) {
                int equals = item.indexOf('=');
                if (equals > 0 && PLACE_KEYS.contains(item.substring(0, equals).strip().toLowerCase(Locale.ROOT))) {
                    kept.append(kept.length() == 0 ? "" : ",").append(item.strip());
                }
            }
            spec.appendReplacement(out, Matcher.quoteReplacement(kept.length() == 0 ? "" : "(" + kept + ")"));
        }
        return spec.appendTail(out).toString();
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
