package io.migrate.cli;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The library's messages say what to do in terms of its builder ({@code acceptChecksum(name)},
 * {@code outOfOrder(true)}); a user of the command line needs the command or flag. The message is
 * kept as it is (its text is the library's API) and the command-line form added below it.
 */
final class CommandLineAdvice {

    /** What the library names, and the command line's way of doing it. */
    private static final Map<String, String> FORMS = new LinkedHashMap<>();

    static {
        FORMS.put("resolveRolledBack(", "migrate resolve --rolled-back NAME");
        FORMS.put("resolveApplied(", "migrate resolve --applied NAME");
        FORMS.put("acceptChecksum(", "migrate accept-checksum NAME");
        FORMS.put("outOfOrder(true)", "--out-of-order");
        FORMS.put("validateApplied(false)", "--no-validate-applied");
        FORMS.put("allowPushToProduction(true)", "pass --force");
        FORMS.put("acceptDataLoss(true)", "--accept-data-loss");
        FORMS.put("createOnly(true)", "dev --create-only");
        FORMS.put("reset()", "migrate reset");
        FORMS.put("lintOnDeploy(false)", "--no-lint-on-deploy");
        FORMS.put("schemaFile(", "--schema-file FILE");
        FORMS.put("shadowDatabase(", "--shadow-database-url URL");
        FORMS.put("reverse().script()", "migrate diff --from-url \"$DATABASE_URL\" --to-migrations --script");
    }

    private CommandLineAdvice() {
    }

    /** The message, with a line naming the command-line form of each builder call it advises; unchanged if none. */
    static String add(String message) {
        Set<String> forms = new LinkedHashSet<>();
        FORMS.forEach((call, form) -> {
            if (message.contains(call)) {
                forms.add(form);
            }
        });
        return forms.isEmpty() ? message : message + "\n  (on the command line: " + String.join("; ", forms) + ")";
    }
}
