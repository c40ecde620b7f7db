package io.migrate.cli;

import io.migrate.api.JsonText;

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
        return JsonText.quote(value);
    }
}
