package io.migrate.internal.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement's text as the static rules read it: comments removed, whitespace collapsed, lower case
 * outside quoted identifiers and string literals, which are kept as written.
 */
final class Sql {

    /** An identifier, quoted or not, optionally schema-qualified. */
    static final String NAME = "((?:\"(?:[^\"]|\"\")+\"|[a-z_][a-z0-9_$]*)(?:\\.(?:\"(?:[^\"]|\"\")+\"|[a-z_][a-z0-9_$]*))?)";

    private static final Pattern ALTER_TABLE = Pattern.compile("^alter table (?:if exists )?(?:only )?" + NAME + " (.*)$");

    final String text;

    Sql(String raw) {
        this.text = normalise(raw);
    }

    boolean matches(String regex) {
        return Pattern.compile(regex).matcher(text).find();
    }

    Matcher match(String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m : null;
    }

    /** For {@code ALTER TABLE t a, b}: the table; else null. */
    String alteredTable() {
        Matcher m = ALTER_TABLE.matcher(text);
        return m.matches() ? m.group(1) : null;
    }

    /** For {@code ALTER TABLE t a, b}: the actions a and b; else none. */
    List<String> actions() {
        Matcher m = ALTER_TABLE.matcher(text);
        return m.matches() ? topLevel(m.group(2)) : List.of();
    }

    static String normalise(String raw) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = raw.length();
        while (i < n) {
            char c = raw.charAt(i);
            if (c == '-' && i + 1 < n && raw.charAt(i + 1) == '-') {
                while (i < n && raw.charAt(i) != '\n') {
                    i++;
                }
                out.append(' ');
            } else if (c == '/' && i + 1 < n && raw.charAt(i + 1) == '*') {
                int end = raw.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else if (c == '\'' || c == '"') {
                int end = i + 1;
                while (end < n) {
                    if (raw.charAt(end) == c) {
                        if (end + 1 < n && raw.charAt(end + 1) == c) {
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    end++;
                }
                out.append(raw, i, Math.min(end + 1, n));
                i = end + 1;
            } else {
                out.append(Character.isWhitespace(c) ? ' ' : Character.toLowerCase(c));
                i++;
            }
        }
        return tidy(out.toString());
    }

    private static String tidy(String s) {
        String t = s.replaceAll("\\s+", " ").strip();
        t = t.replaceAll("\\s*\\(\\s*", " (").replaceAll("\\s*\\)", ")").replaceAll("\\s*,\\s*", ", ");
        t = t.replaceAll("^ \\(", "(").replaceAll("\\s+", " ").strip();
        return t.endsWith(";") ? t.substring(0, t.length() - 1).strip() : t;
    }

    /** Splits at commas outside parentheses and quotes. */
    static List<String> topLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i).strip());
                start = i + 1;
            }
        }
        parts.add(text.substring(start).strip());
        return parts;
    }

    /** A name as the catalog has it: quotes removed, unquoted parts as written (already lower case). */
    static String unquote(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : splitQualified(name)) {
            if (!out.isEmpty()) {
                out.append('.');
            }
            out.append(part.startsWith("\"") ? part.substring(1, part.length() - 1).replace("\"\"", "\"") : part);
        }
        return out.toString();
    }

    private static List<String> splitQualified(String name) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                parts.add(name.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(name.substring(start));
        return parts;
    }

    /** One line, at most 120 characters, for the finding's statement. */
    static String shortened(String raw) {
        String line = raw.strip().replaceAll("\\s+", " ");
        return line.length() <= 120 ? line : line.substring(0, 117) + "...";
    }
}
