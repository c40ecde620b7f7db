package io.migrate.postgres;

import java.util.Map;

/**
 * Which column type changes {@code ALTER COLUMN … TYPE … USING col::type} can make: within a family
 * of types, and between text and anything (PostgreSQL casts through the types' text form). Arrays
 * convert when their elements do.
 */
final class PostgresCasts {

    private static final Map<String, String> FAMILIES = Map.ofEntries(
            Map.entry("smallint", "number"), Map.entry("integer", "number"), Map.entry("bigint", "number"),
            Map.entry("numeric", "number"), Map.entry("real", "number"), Map.entry("double precision", "number"),
            Map.entry("text", "string"), Map.entry("character varying", "string"), Map.entry("character", "string"),
            Map.entry("\"char\"", "string"), Map.entry("name", "string"),
            Map.entry("timestamp without time zone", "datetime"), Map.entry("timestamp with time zone", "datetime"),
            Map.entry("date", "datetime"), Map.entry("time without time zone", "time"), Map.entry("time with time zone", "time"),
            Map.entry("json", "json"), Map.entry("jsonb", "json"), Map.entry("boolean", "boolean"),
            Map.entry("bit", "bits"), Map.entry("bit varying", "bits"), Map.entry("inet", "network"), Map.entry("cidr", "network"));

    private PostgresCasts() {
    }

    static boolean convertible(String from, String to) {
        boolean fromArray = from.endsWith("[]");
        if (fromArray != to.endsWith("[]")) {
            return family(from).equals("string") && !fromArray;
        }
        String a = family(element(from));
        String b = family(element(to));
        return a.equals(b) || a.equals("string") || b.equals("string")
                || a.equals("number") && b.equals("boolean") && element(from).equals("integer")
                || b.equals("number") && a.equals("boolean") && element(to).equals("integer");
    }

    private static String element(String type) {
        String t = type;
        while (t.endsWith("[]")) {
            t = t.substring(0, t.length() - 2);
        }
        return t;
    }

    /** The family of a type; a type of its own (an enum, a domain) is its own family. */
    private static String family(String type) {
        String base = type.replaceAll("\\(.*\\)", "").replace("[]", "").strip();
        return FAMILIES.getOrDefault(base, "type " + base);
    }
}
