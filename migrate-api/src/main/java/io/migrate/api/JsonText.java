package io.migrate.api;

/**
 * JSON text as the reports' {@code toJson()} write it: strings quoted and escaped, fields written.
 * Public so that tools printing these reports beside their own fields quote strings the same way.
 */
public final class JsonText {

    private JsonText() {
    }

    static StringBuilder field(StringBuilder json, String name, String value) {
        return json.append(quote(name)).append(':').append(value == null ? "null" : quote(value));
    }

    /** {@code value} as a JSON string: in double quotes, with quotes, backslashes and control characters escaped. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
