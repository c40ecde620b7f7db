package io.migrate.postgres;

/**
 * Masks the places where PostgreSQL SQL, and the server's messages quoting it, carry a secret:
 * <ul>
 * <li>the literal after {@code PASSWORD} ({@code CREATE ROLE}, {@code ALTER ROLE}, {@code OPTIONS
 * (password '...')}) in every form the server reads: {@code '...'}, {@code E'...'},
 * {@code U&'...'}, {@code $tag$...$tag$}, with comments before it, and with its quotes doubled
 * because it sits inside another string ({@code DO ... EXECUTE 'ALTER ROLE r PASSWORD ''x'''});</li>
 * <li>{@code password=...} in a connection string ({@code dblink_connect}, {@code CREATE SUBSCRIPTION
 * ... CONNECTION}), quoted or not;</li>
 * <li>the password in a {@code postgresql://user:password@host} URI.</li>
 * </ul>
 * A message from the server quotes the failing statement in its {@code Where:} context, so the same
 * rules apply to messages. Masking errs on the side of hiding too much.
 */
final class PostgresSecrets {

    private static final String MASK = "***";

    private PostgresSecrets() {
    }

    static String mask(String text) {
        if (text == null || !containsIgnoreCase(text, "password") && !text.contains("://")) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int n = text.length();
        int copied = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if ((c == 'p' || c == 'P') && text.regionMatches(true, i, "password", 0, 8)
                    && (i == 0 || !wordChar(text.charAt(i - 1))) && (i + 8 == n || !wordChar(text.charAt(i + 8)))) {
                int[] secret = secretAfterKeyword(text, i + 8);
                if (secret != null) {
                    out.append(text, copied, secret[0]).append(secret[2] == 0 ? "'" + MASK + "'" : MASK);
                    copied = secret[1];
                    i = secret[1] - 1;
                }
            } else if (c == ':' && text.startsWith("//", i + 1)) {
                int[] secret = uriPassword(text, i + 3);
                if (secret != null) {
                    out.append(text, copied, secret[0]).append(MASK);
                    copied = secret[1];
                    i = secret[1] - 1;
                }
            }
        }
        return copied == 0 ? text : out.append(text, copied, n).toString();
    }

    /**
     * After the word PASSWORD: the span to replace as {start, end, kind}; kind 0 replaces a whole
     * literal with '***', kind 1 replaces what lies between kept quotes or a bare value with ***.
     */
    private static int[] secretAfterKeyword(String text, int from) {
        int i = skipSpaceAndComments(text, from);
        if (i < text.length() && text.charAt(i) == '=') {
            return connectionStringValue(text, skipSpaceAndComments(text, i + 1));
        }
        int literal = i;
        if (i + 1 < text.length() && (text.charAt(i) | 0x20) == 'e' && text.charAt(i + 1) == '\'') {
            i++;
        } else if (i + 2 < text.length() && (text.charAt(i) | 0x20) == 'u' && text.charAt(i + 1) == '&'
                && text.charAt(i + 2) == '\'') {
            i += 2;
        }
        if (i >= text.length()) {
            return null;
        }
        if (text.charAt(i) == '$') {
            int tagEnd = text.indexOf('$', i + 1);
            if (tagEnd < 0 || !isTag(text, i + 1, tagEnd)) {
                return null;
            }
            String tag = text.substring(i, tagEnd + 1);
            int close = text.indexOf(tag, tagEnd + 1);
            return new int[] {literal, close < 0 ? text.length() : close + tag.length(), 0};
        }
        if (text.charAt(i) != '\'') {
            return null;
        }
        int quotes = run(text, i);
        int end = quotedEnd(text, i + quotes, quotes, (text.charAt(literal) | 0x20) == 'e');
        // Inside another string keep the doubled quotes, so that the outer string stays balanced.
        return quotes == 1 ? new int[] {literal, end, 0} : new int[] {i + quotes, end - quotes, 1};
    }

    /** password=value in a connection string: a bare word, or a quoted value. */
    private static int[] connectionStringValue(String text, int i) {
        if (i >= text.length()) {
            return null;
        }
        if (text.charAt(i) == '\'') {
            int quotes = run(text, i);
            int end = quotedEnd(text, i + quotes, quotes, true);
            return new int[] {i + quotes, end - quotes, 1};
        }
        int end = i;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '\''
                && text.charAt(end) != '"' && text.charAt(end) != ')') {
            end++;
        }
        return end == i ? null : new int[] {i, end, 1};
    }

    /**
     * The end (past its closing quotes) of a literal opened by {@code quotes} quotes, whose content
     * starts at {@code i}: inside it a quote is written as twice the opening run; a run of any other
     * length closes it.
     */
    private static int quotedEnd(String text, int i, int quotes, boolean backslashes) {
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\' && backslashes) {
                i += 2;
            } else if (c == '\'') {
                int length = run(text, i);
                if (length % (2 * quotes) != 0) {
                    return i + quotes;
                }
                i += length;
            } else {
                i++;
            }
        }
        return n;
    }

    /** user:password@ right after "://": the span of the password. */
    private static int[] uriPassword(String text, int i) {
        int n = text.length();
        int colon = -1;
        for (int j = i; j < n; j++) {
            char c = text.charAt(j);
            if (c == '@') {
                return colon < 0 || colon + 1 == j ? null : new int[] {colon + 1, j};
            }
            if (c == '/' || c == '?' || c == '\'' || c == '"' || Character.isWhitespace(c)) {
                return null;
            }
            if (c == ':' && colon < 0) {
                colon = j;
            }
        }
        return null;
    }

    private static int skipSpaceAndComments(String text, int i) {
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int close = text.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                int eol = text.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else {
                break;
            }
        }
        return i;
    }

    private static int run(String text, int i) {
        int j = i;
        while (j < text.length() && text.charAt(j) == '\'') {
            j++;
        }
        return j - i;
    }

    private static boolean isTag(String text, int from, int to) {
        for (int k = from; k < to; k++) {
            if (!wordChar(text.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static boolean containsIgnoreCase(String text, String word) {
        for (int i = 0; i + word.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }
}
