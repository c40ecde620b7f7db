package io.migrate.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The lint catalogue in {@code src/test/resources/lint}: cases separated by {@code -- case: name}, each
 * with its expected findings as {@code -- expect: rule object} lines (none for safe cases) and options
 * as {@code -- option: name}: {@code no-lock-timeout}, {@code no-schema} (no schema configured), {@code server N}
 * (the case needs PostgreSQL N or later). The whole case, comments included, is the migration file.
 */
record LintCatalogue(String name, String sql, List<String> expected, List<String> options) {

    static String resource(String name) {
        try (InputStream in = LintCatalogue.class.getResourceAsStream("/lint/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource lint/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<LintCatalogue> read(String file) {
        List<LintCatalogue> cases = new ArrayList<>();
        String name = null;
        StringBuilder sql = new StringBuilder();
        List<String> expected = new ArrayList<>();
        List<String> options = new ArrayList<>();
        for (String line : (resource(file) + "\n-- case: end").split("\n")) {
            if (line.startsWith("-- case: ")) {
                if (name != null) {
                    cases.add(new LintCatalogue(name, sql.toString().strip() + "\n", List.copyOf(expected), List.copyOf(options)));
                }
                name = line.substring("-- case: ".length()).strip();
                sql.setLength(0);
                expected.clear();
                options.clear();
            } else if (line.startsWith("-- expect: ")) {
                expected.add(line.substring("-- expect: ".length()).strip());
            } else if (line.startsWith("-- option: ")) {
                options.add(line.substring("-- option: ".length()).strip());
            } else {
                sql.append(line).append('\n');
            }
        }
        return cases;
    }

    /** The oldest PostgreSQL major the case runs on. */
    int minimumServer() {
        return options.stream().filter(o -> o.startsWith("server ")).mapToInt(o -> Integer.parseInt(o.substring(7).strip()))
                .max().orElse(0);
    }

    @Override
    public String toString() {
        return name;
    }
}
