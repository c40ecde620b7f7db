package io.migrate.schema;

import io.migrate.api.JsonText;

import java.lang.reflect.RecordComponent;
import java.util.Collection;

/** Writes the model's records as JSON; the model has only records, lists, strings, numbers, booleans and enums. */
final class Json {

    private Json() {
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Record record) {
            out.append('{');
            RecordComponent[] components = record.getClass().getRecordComponents();
            for (int i = 0; i < components.length; i++) {
                out.append(i == 0 ? "" : ",");
                quote(components[i].getName(), out);
                out.append(':');
                try {
                    write(components[i].getAccessor().invoke(record), out);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + components[i], e);
                }
            }
            out.append('}');
        } else if (value instanceof Collection<?> items) {
            out.append('[');
            boolean first = true;
            for (Object item : items) {
                out.append(first ? "" : ",");
                first = false;
                write(item, out);
            }
            out.append(']');
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Enum<?> e) {
            quote(e.name(), out);
        } else {
            quote(value.toString(), out);
        }
    }

    private static void quote(String value, StringBuilder out) {
        out.append(JsonText.quote(value));
    }
}
