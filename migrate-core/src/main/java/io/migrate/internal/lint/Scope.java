package io.migrate.internal.lint;

import io.migrate.spi.LintSupport;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the rules know about the target: the objects that existed before the linted migrations (the
 * ones that may hold data and traffic), their sizes in the target, and the schema unqualified names
 * resolve to.
 */
final class Scope {

    final String schema;
    final LintSupport.Catalog baseline;
    final Map<String, LintSupport.Size> sizes;
    private final Set<String> tables;
    /** The names of the baseline's other objects, functions also without their arguments. */
    private final Set<String> objects;

    Scope(String schema, LintSupport.Catalog baseline, Map<String, LintSupport.Size> sizes) {
        this.schema = schema;
        this.baseline = baseline;
        this.sizes = Map.copyOf(sizes);
        this.tables = baseline.relations().values().stream()
                .filter(r -> r.kind() == LintSupport.Kind.TABLE || r.kind() == LintSupport.Kind.MATERIALIZED_VIEW)
                .map(LintSupport.Relation::name).collect(Collectors.toUnmodifiableSet());
        this.objects = baseline.objects().values().stream()
                .flatMap(o -> java.util.stream.Stream.of(o.name(), o.name().replaceFirst("\\(.*\\)$", "")))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The tables and materialized views that existed before, as {@code schema.name}. */
    Set<String> tables() {
        return tables;
    }

    /** {@code schema.name} for a name as written (quotes removed). */
    String qualify(String name) {
        String unquoted = Sql.unquote(name);
        return unquoted.contains(".") ? unquoted : schema + "." + unquoted;
    }

    boolean existed(String qualifiedTable) {
        return tables.contains(qualifiedTable);
    }

    /** Whether a table or another object, named as written, existed before: may hold rows, or be in use. */
    boolean existedAsWritten(String name) {
        String qualified = qualify(name);
        return tables.contains(qualified) || objects.contains(qualified) || objects.contains(Sql.unquote(name));
    }

    /** The name without the schema when it is the default one. */
    String display(String qualified) {
        return qualified.startsWith(schema + ".") ? qualified.substring(schema.length() + 1) : qualified;
    }

    /** The name with the target's size of the table when known: {@code events (41 M rows, 9 GB)}. */
    String sized(String qualifiedTable) {
        LintSupport.Size size = sizes.get(qualifiedTable);
        String name = display(qualifiedTable);
        if (size == null) {
            return name;
        }
        return name + " (" + (size.rows() >= 0 ? count(size.rows()) + " rows, " : "") + bytes(size.bytes()) + ")";
    }

    static String count(long n) {
        if (n < 1_000) {
            return Long.toString(n);
        }
        if (n < 1_000_000) {
            return Math.round(n / 1_000.0) + " k";
        }
        if (n < 1_000_000_000) {
            return Math.round(n / 1_000_000.0) + " M";
        }
        return Math.round(n / 1_000_000_000.0) + " G";
    }

    static String bytes(long n) {
        String[] units = {"bytes", "kB", "MB", "GB", "TB"};
        double value = n;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return Math.round(value) + " " + units[unit];
    }
}
