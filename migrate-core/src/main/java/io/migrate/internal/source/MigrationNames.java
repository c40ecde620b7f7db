package io.migrate.internal.source;

import io.migrate.api.ErrorCode;
import io.migrate.api.InvalidMigrationException;
import io.migrate.api.StatusReport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Migration names as Prisma Migrate takes them: any folder name is a name (new ones are
 * {@code <timestamp>_<name>}, but {@code 0_init} and {@code 01_init} are as good), and names run in
 * the byte-wise order of their UTF-8 form.
 */
public final class MigrationNames {

    /** The longest name, in UTF-8 bytes, that Prisma accepts. */
    static final int MAX_BYTES = 200;

    /**
     * Byte-wise order of the names' UTF-8 form, which is the order of their code points (not that of
     * {@link String#compareTo}, which differs for characters beyond the Basic Multilingual Plane).
     */
    public static final Comparator<String> ORDER = MigrationNames::compare;

    private MigrationNames() {
    }

    private static int compare(String a, String b) {
        int shorter = Math.min(a.length(), b.length());
        for (int i = 0; i < shorter; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                // UTF-16 order is code point order except where a surrogate meets a character above them.
                if (Character.isSurrogate(ca) || Character.isSurrogate(cb)) {
                    return Integer.compare(a.codePointAt(Character.isLowSurrogate(ca) ? i - 1 : i),
                            b.codePointAt(Character.isLowSurrogate(cb) ? i - 1 : i));
                }
                return ca - cb;
            }
        }
        return a.length() - b.length();
    }

    /** Rejects what Prisma rejects: an empty name, one over 200 bytes, invalid UTF-8, a path separator. */
    static void check(String name, String source) {
        String problem = null;
        if (name.isEmpty()) {
            problem = "has an empty name";
        } else if (!validUtf16(name) || name.indexOf('\uFFFD') >= 0) {
            problem = "has a name that is not valid UTF-8; rename it";
        } else if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            problem = "has a name with a path separator ('/' or '\\'), which cannot be a folder name; rename it";
        } else if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            problem = "has a name of " + name.getBytes(StandardCharsets.UTF_8).length + " bytes; names may be at most "
                    + MAX_BYTES + " bytes (UTF-8), as in Prisma Migrate. Shorten it";
        }
        if (problem != null) {
            throw new InvalidMigrationException(ErrorCode.MALFORMED_MIGRATION_NAME, source, 0,
                    (source.startsWith("java:") ? "Java migration " + source + " named '" + name + "'" : "Migration folder " + source)
                            + " " + problem);
        }
    }

    private static boolean validUtf16(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= name.length() || !Character.isLowSurrogate(name.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a name starts with a timestamp or number ({@code 20260213123456_x}, {@code 0_init}, {@code 01_init}). */
    static boolean numbered(String name) {
        return !name.isEmpty() && name.charAt(0) >= '0' && name.charAt(0) <= '9';
    }

    /**
     * The names without a leading timestamp or number that sort before a name with one: their
     * letters, not their age, put them first, which is rarely what their author meant.
     *
     * @param names every migration name, in {@link #ORDER}
     */
    public static List<StatusReport.Warning> unordered(List<String> names) {
        List<StatusReport.Warning> warnings = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (numbered(name)) {
                continue;
            }
            List<String> after = names.subList(i + 1, names.size()).stream().filter(MigrationNames::numbered).toList();
            if (!after.isEmpty()) {
                warnings.add(new StatusReport.Warning(name, "Migration " + name + " has no leading timestamp or number,"
                        + " so its letters put it before " + after.get(0) + (after.size() > 1 ? " and " + (after.size() - 1)
                        + " more named with one" : "") + ": it runs first. Migrations run in the byte-wise order of their"
                        + " names; if it was written after them, rename it to start with a timestamp"
                        + " (<yyyyMMddHHmmss>_" + name + ")"));
            }
        }
        return List.copyOf(warnings);
    }
}
