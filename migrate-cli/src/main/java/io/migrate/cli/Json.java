package io.migrate.cli;

/** A JSON text built by hand: the few objects the commands print need no library on the class path. */
final class Json {

    private final StringBuilder text = new StringBuilder();
    private boolean first = true;

    Json() {
        text.append('{');
    }

    Json field(String name, String value) {
        return name(name).append(value == null ? "null" : quote(value));
    }

    Json field(String name, long value) {
        return name(name).append(value);
    }

    Json field(String name, boolean value) {
        return name(name).append(value);
    }

    /** A field whose value is already JSON (an object or an array). */
    Json raw(String name, String json) {
        return name(name).append(json);
    }

    private Json name(String name) {
        text.append(first ? "" : ",").append(quote(name)).append(':');
        first = false;
        return this;
    }

    private Json append(Object value) {
        text.append(value);
        return this;
    }

    @Override
    public String toString() {
        return text + "}";
    }

    static String array(Iterable<?> elements) {
        StringBuilder out = new StringBuilder("[");
        for (Object e : elements) {
            out.append(out.length() == 1 ? "" : ",").append(e);
        }
        return out.append(']').toString();
    }

    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
