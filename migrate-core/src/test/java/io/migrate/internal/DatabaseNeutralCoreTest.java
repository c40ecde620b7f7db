package io.migrate.internal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Core knows no database: what an error code means, how to end a transaction and how a database
 * writes its strings is the dialect's. This reads core's sources and fails on what would give a
 * second dialect behaviour by luck instead of through the SPI.
 */
class DatabaseNeutralCoreTest {

    /** A string literal that is exactly an SQLSTATE: five characters, class and subclass. */
    private static final Pattern SQLSTATE_LITERAL = Pattern.compile("\"[0-9A-Z]{2}[0-9A-Z]{3}\"");
    /** An SQLSTATE named anywhere, javadoc included: the codes are the dialect's to know. */
    private static final Pattern SQLSTATE_IN_TEXT = Pattern.compile("(?i)SQLSTATE\\s+[0-9A-Z]{5}\\b");
    /** A string literal that is a transaction-control statement run by core itself. */
    private static final Pattern CONTROL_LITERAL = Pattern.compile(
            "(?i)\"\\s*(ROLLBACK|BEGIN|COMMIT|START TRANSACTION|END|ABORT|SAVEPOINT\\b[^\"]*)\\s*;?\\s*\"");
    /** PostgreSQL's escape strings and dollar quotes, as they would appear in a pattern or statement. */
    private static final Pattern PG_STRING_SYNTAX = Pattern.compile(
            "\\bE'|" + Pattern.quote("$$") + "|" + Pattern.quote("\\\\$("));
    /** PostgreSQL-only names that decide behaviour. */
    private static final Pattern PG_NAMES = Pattern.compile("(?i)pg_[a-z_]+\\(|\\bcurrent_schema\\(\\)|\\bsearch_path\\b|PSQLException|org\\.postgresql");

    @Test
    void coreMainSourcesHoldNoDatabaseSpecificMeaning() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : sources()) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                String code = line.strip().startsWith("*") || line.strip().startsWith("//") ? "" : line;
                check(found, file, i + 1, code, SQLSTATE_LITERAL, "an SQLSTATE");
                check(found, file, i + 1, line, SQLSTATE_IN_TEXT, "an SQLSTATE");
                check(found, file, i + 1, code, CONTROL_LITERAL, "a transaction-control statement");
                check(found, file, i + 1, code, PG_STRING_SYNTAX, "PostgreSQL string syntax");
                check(found, file, i + 1, code, PG_NAMES, "a PostgreSQL name");
            }
        }
        assertThat(found).as("core must leave these to the Dialect SPI (classify, rollbackScriptTransaction,"
                + " maskSecrets, needsNoTransaction)").isEmpty();
    }

    @Test
    void theCheckFindsWhatItLooksFor() {
        List<String> found = new ArrayList<>();
        Path file = Path.of("Example.java");
        check(found, file, 1, "if (\"55P03\".equals(state)) {", SQLSTATE_LITERAL, "an SQLSTATE");
        check(found, file, 2, "st.execute(\"ROLLBACK\");", CONTROL_LITERAL, "a transaction-control statement");
        check(found, file, 3, "Pattern.compile(\"(E'(?:[^'\\\\\\\\]|'')*')\")", PG_STRING_SYNTAX, "PostgreSQL string syntax");
        check(found, file, 4, "Pattern.compile(\"\\\\$(\\\\w*)\\\\$.*?\\\\$\\\\3\\\\$\")", PG_STRING_SYNTAX, "PostgreSQL string syntax");
        check(found, file, 5, "\"SELECT pg_try_advisory_lock(?)\"", PG_NAMES, "a PostgreSQL name");
        check(found, file, 6, "text.append(\"A COMMIT or ROLLBACK inside a procedure\")", CONTROL_LITERAL, "a transaction-control statement");
        check(found, file, 7, "throw failure(\"SQLSTATE \" + state)", SQLSTATE_LITERAL, "an SQLSTATE");
        check(found, file, 8, "throw failure(\"SQLSTATE \" + state)", SQLSTATE_IN_TEXT, "an SQLSTATE");
        check(found, file, 9, "     * failed with SQLSTATE 55P03 is tried again", SQLSTATE_IN_TEXT, "an SQLSTATE");

        assertThat(found).hasSize(6).allMatch(f -> !f.contains(":6:") && !f.contains(":7:") && !f.contains(":8:"));
    }

    private static void check(List<String> found, Path file, int line, String code, Pattern pattern, String what) {
        Matcher m = pattern.matcher(code);
        if (m.find()) {
            found.add(file.getFileName() + ":" + line + ": " + what + " (" + m.group() + ")");
        }
    }

    private static List<Path> sources() throws IOException {
        Path root = Path.of("src/main/java");
        assertThat(root).as("run from the migrate-core module").isDirectory();
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> java = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
            assertThat(java).as("core's sources").hasSizeGreaterThan(10);
            return java;
        }
    }
}
