package io.migrate.postgres;

import io.migrate.api.LintFinding.Severity;
import io.migrate.spi.LintSupport.Finding;
import io.migrate.spi.LintSupport.Rule;
import io.migrate.spi.LintSupport.Statement;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lint rules that read PostgreSQL's own syntax: identifier truncation, partition detach, enum value
 * order, constrained domains. The engine runs them beside its rules, which measure the statement.
 */
final class PostgresLintRules {

    static final String IDENTIFIER_TOO_LONG = "identifier-too-long";
    static final String DETACH_PARTITION = "detach-partition-not-concurrent";
    static final String ENUM_VALUE_APPENDED = "enum-value-appended";
    static final String DOMAIN_WITH_CONSTRAINT = "domain-with-constraint";
    static final String REPLICA_IDENTITY = "replica-identity";
    static final String DISABLE_TRIGGER = "disable-trigger";
    static final String REVOKE = "revoke";

    static final List<Rule> RULES = List.of(new Rule(IDENTIFIER_TOO_LONG, Severity.ERROR),
            new Rule(DETACH_PARTITION, Severity.WARNING), new Rule(ENUM_VALUE_APPENDED, Severity.INFO),
            new Rule(DOMAIN_WITH_CONSTRAINT, Severity.INFO), new Rule(REPLICA_IDENTITY, Severity.WARNING),
            new Rule(DISABLE_TRIGGER, Severity.WARNING), new Rule(REVOKE, Severity.WARNING));

    /** NAMEDATALEN - 1 of a standard build: longer identifiers are cut to this many bytes. */
    private static final int MAX_IDENTIFIER_BYTES = 63;

    private static final String NAME = "((?:\"(?:[^\"]|\"\")+\"|[a-z_][a-z0-9_$]*)(?:\\.(?:\"(?:[^\"]|\"\")+\"|[a-z_][a-z0-9_$]*))?)";
    private static final Pattern DETACH = Pattern.compile("^alter table (?:if exists )?(?:only )?" + NAME
            + " detach partition " + NAME + "( concurrently| finalize)?$");
    private static final Pattern ADD_VALUE = Pattern.compile("^alter type " + NAME
            + " add value (?:if not exists )?('(?:[^']|'')*')( before | after )?");
    private static final Pattern CREATE_DOMAIN = Pattern.compile("^create domain " + NAME + " (?:as )?(.*)$");
    private static final Pattern ALTER_TABLE = Pattern.compile("^alter table (?:if exists )?(?:only )?" + NAME + " (.*)$");
    private static final Pattern REPLICA = Pattern.compile("^replica identity (default|full|nothing|using index .*)$");
    private static final Pattern DISABLE = Pattern.compile("^disable trigger (.*)$");
    private static final Pattern REVOKE_ON = Pattern.compile("^revoke (?:grant option for )?(.*?) on (?:(table|sequence|view"
            + "|function|procedure|routine|schema|type|domain|all tables in schema|all sequences in schema"
            + "|all functions in schema|all procedures in schema|all routines in schema) )?(.*) from (.*?)(?: granted by .*)?"
            + "(?: cascade| restrict)?$");
    private static final Pattern DOMAIN_CONSTRAINT = Pattern.compile("\\b(check|not null|null)\\b");

    List<Finding> check(Statement statement) {
        Lexed lexed = Lexed.of(statement.sql());
        List<Finding> found = new ArrayList<>();
        for (String identifier : lexed.identifiers) {
            byte[] bytes = identifier.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > MAX_IDENTIFIER_BYTES) {
                String kept = truncated(identifier);
                found.add(new Finding(IDENTIFIER_TOO_LONG, identifier, "names " + identifier + " (" + bytes.length
                        + " bytes): PostgreSQL keeps only the first " + MAX_IDENTIFIER_BYTES + " bytes of a name, so it is "
                        + kept + " in the database, and another name that starts the same way is the same object",
                        "Shorten the name to " + MAX_IDENTIFIER_BYTES + " bytes or fewer, e.g. " + kept));
            }
        }
        String text = lexed.text;
        Matcher m;
        if ((m = DETACH.matcher(text)).matches() && m.group(3) == null && statement.serverMajor() >= 14
                && statement.existed().test(m.group(1))) {
            String parent = statement.display().apply(m.group(1));
            String partition = statement.display().apply(m.group(2));
            found.add(new Finding(DETACH_PARTITION, parent, "detaches " + partition + " from " + parent + " under ACCESS"
                    + " EXCLUSIVE on " + parent + ": reads and writes of every partition wait behind it, and it waits"
                    + " behind every running query on them",
                    "ALTER TABLE " + parent + " DETACH PARTITION " + partition + " CONCURRENTLY (PostgreSQL 14 and later),"
                            + " alone in a migration with '-- migrate:no-transaction' at the top; if it is interrupted,"
                            + " ALTER TABLE " + parent + " DETACH PARTITION " + partition + " FINALIZE completes it"));
        }
        if ((m = ADD_VALUE.matcher(text)).find() && m.group(3) == null) {
            String type = statement.display().apply(m.group(1));
            found.add(new Finding(ENUM_VALUE_APPENDED, type, "appends " + m.group(2) + " to enum " + type + ": an enum"
                    + " sorts by declaration order, so ORDER BY and comparisons put it after every other value",
                    "ALTER TYPE " + type + " ADD VALUE " + m.group(2) + " BEFORE '<next value>' (or AFTER '<previous"
                            + " value>') where it belongs in the order; when it belongs last, say so with"
                            + " AFTER '<last value>'"));
        }
        if ((m = CREATE_DOMAIN.matcher(text)).matches()
                && DOMAIN_CONSTRAINT.matcher(m.group(2).replaceAll("'(?:[^']|'')*'", "''")).find()) {
            String domain = statement.display().apply(m.group(1));
            found.add(new Finding(DOMAIN_WITH_CONSTRAINT, domain, "creates domain " + domain + " with a constraint:"
                    + " harmless now, as no column uses it yet, but a later change of the constraint checks every column of"
                    + " the domain in every table while holding locks on them, and has no concurrent form",
                    "CREATE DOMAIN " + domain + " without the constraint, and a CHECK on each column that uses it, which"
                            + " can be added NOT VALID and validated later"));
        }
        if ((m = ALTER_TABLE.matcher(text)).matches() && statement.existed().test(m.group(1))) {
            alterTable(statement, m.group(1), m.group(2), found);
        }
        if ((m = REVOKE_ON.matcher(text)).matches()) {
            revoke(statement, m, found);
        }
        return found;
    }

    private static void alterTable(Statement statement, String name, String actions, List<Finding> found) {
        String table = statement.display().apply(name);
        for (String action : actions.split(", (?![^(]*\\))")) {
            Matcher m;
            if ((m = REPLICA.matcher(action)).matches()) {
                found.add(new Finding(REPLICA_IDENTITY, table, "sets the replica identity of " + table + " to "
                        + m.group(1).toUpperCase(Locale.ROOT) + ": logical replication and change-data capture that read "
                        + table + " while the deploy runs get other row images, or fail on UPDATE and DELETE",
                        "Change the replica identity outside the migrations, together with the subscribers and"
                                + " consumers that read " + table));
            } else if ((m = DISABLE.matcher(action)).matches()) {
                found.add(new Finding(DISABLE_TRIGGER, table, "disables trigger " + m.group(1) + " on " + table
                        + ": the application version still running during the deploy relies on what it does (an audit,"
                        + " a derived column, a check), and writes go without it until it is enabled again",
                        "Expand/contract: release an application version that no longer needs the trigger, then drop it in"
                                + " a later migration; for a bulk load, disable it in the same transaction as the load and"
                                + " enable it before the end, silenced with a lint-ignore comment"));
            }
        }
    }

    /** REVOKE on an object that existed before: in use by the application version still running. */
    private static void revoke(Statement statement, Matcher m, List<Finding> found) {
        String kind = m.group(2) == null ? "table" : m.group(2);
        boolean wholeSchema = kind.startsWith("all ");
        for (String target : m.group(3).split(", ")) {
            String name = target.replaceFirst(" ?\\(.*$", "");
            if (!statement.existed().test(name)) {
                continue;
            }
            String shown = statement.display().apply(name);
            String what = wholeSchema ? kind.substring(4).replace(" in schema", "") + " in schema " + shown : kind + " " + shown;
            found.add(new Finding(REVOKE, shown, "revokes " + m.group(1).toUpperCase(Locale.ROOT) + " on " + what
                    + " from " + m.group(4) + ": the application version still running during the deploy fails if it"
                    + " connects as one of them", "Expand/contract: release an application version that no longer needs"
                    + " the privilege, then revoke it in a later migration"));
        }
    }

    /** The first 63 bytes of a name, cut at a character boundary as PostgreSQL cuts it. */
    private static String truncated(String identifier) {
        StringBuilder kept = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < identifier.length(); ) {
            int cp = identifier.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > MAX_IDENTIFIER_BYTES) {
                break;
            }
            kept.appendCodePoint(cp);
            bytes += size;
            i += Character.charCount(cp);
        }
        return kept.toString();
    }

    /**
     * A statement read as the rules need it: the text without comments, whitespace collapsed, unquoted
     * words in lower case, literals and quoted identifiers as written; and the identifiers it names
     * (quoted ones without their quotes), each once.
     */
    record Lexed(String text, Set<String> identifiers) {

        static Lexed of(String sql) {
            StringBuilder out = new StringBuilder();
            Set<String> identifiers = new LinkedHashSet<>();
            int i = 0;
            int n = sql.length();
            while (i < n) {
                char c = sql.charAt(i);
                if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                    while (i < n && sql.charAt(i) != '\n') {
                        i++;
                    }
                    out.append(' ');
                } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                    int end = sql.indexOf("*/", i + 2);
                    i = end < 0 ? n : end + 2;
                    out.append(' ');
                } else if (c == '\'' || (c == 'e' || c == 'E') && i + 1 < n && sql.charAt(i + 1) == '\''
                        && (i == 0 || !isWordPart(sql.charAt(i - 1)))) {
                    int start = i;
                    boolean escapes = c != '\'';
                    i = escapes ? i + 2 : i + 1;
                    while (i < n) {
                        char d = sql.charAt(i);
                        if (escapes && d == '\\') {
                            i += 2;
                        } else if (d == '\'' && i + 1 < n && sql.charAt(i + 1) == '\'') {
                            i += 2;
                        } else if (d == '\'') {
                            i++;
                            break;
                        } else {
                            i++;
                        }
                    }
                    out.append(sql, start, Math.min(i, n));
                } else if (c == '$' && (i == 0 || !isWordPart(sql.charAt(i - 1)))) {
                    int close = sql.indexOf('$', i + 1);
                    String tag = close < 0 ? null : sql.substring(i, close + 1);
                    if (tag != null && tag.substring(1, tag.length() - 1).chars().allMatch(ch -> isWordPart((char) ch))
                            && (tag.length() == 2 || !Character.isDigit(tag.charAt(1)))) {
                        int end = sql.indexOf(tag, close + 1);
                        i = end < 0 ? n : end + tag.length();
                        out.append("''");
                    } else {
                        out.append(c);
                        i++;
                    }
                } else if (c == '"') {
                    int end = i + 1;
                    while (end < n && !(sql.charAt(end) == '"' && (end + 1 >= n || sql.charAt(end + 1) != '"'))) {
                        end += sql.charAt(end) == '"' ? 2 : 1;
                    }
                    identifiers.add(sql.substring(i + 1, Math.min(end, n)).replace("\"\"", "\""));
                    out.append(sql, i, Math.min(end + 1, n));
                    i = end + 1;
                } else if (Character.isLetter(c) || c == '_') {
                    int start = i;
                    while (i < n && isWordPart(sql.charAt(i))) {
                        i++;
                    }
                    String word = sql.substring(start, i).toLowerCase(Locale.ROOT);
                    identifiers.add(word);
                    out.append(word);
                } else {
                    out.append(Character.isWhitespace(c) ? ' ' : c);
                    i++;
                }
            }
            String text = out.toString().replaceAll("\\s+", " ").strip();
            text = text.replaceAll("\\s*\\(\\s*", " (").replaceAll("\\s*\\)", ")").replaceAll("\\s*,\\s*", ", ").strip();
            return new Lexed(text.endsWith(";") ? text.substring(0, text.length() - 1).strip() : text, identifiers);
        }

        private static boolean isWordPart(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '$';
        }
    }
}
