package io.migrate.spi;

import java.util.regex.Pattern;

/** The pattern behind {@link Dialect#maskPasswordLiterals}. */
final class StandardSecrets {

    /** {@code PASSWORD} followed by a standard string literal, quotes doubled inside. */
    static final Pattern PASSWORD_LITERAL = Pattern.compile("(?is)(\\bpassword\\s+)('(?:[^']|'')*')");

    private StandardSecrets() {
    }
}
