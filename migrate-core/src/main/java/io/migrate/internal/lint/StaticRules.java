package io.migrate.internal.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.migrate.internal.lint.Sql.NAME;

/**
 * Rules read from a statement's text, for what the catalog cannot show: names the previous application
 * version still uses, types to prefer, statements that fail only on tables with rows.
 */
final class StaticRules {

    private static final Pattern CREATE_TABLE = Pattern.compile(
            "^create (?:(?:global |local )?(?:temp|temporary|unlogged) )?table (?:if not exists )?" + NAME + " \\((.*)\\)[^)]*$");
    private static final Pattern ADD_COLUMN = Pattern.compile("^add (?:column )?(?:if not exists )?" + NAME + " (.*)$");
    private static final Pattern ALTER_TYPE = Pattern.compile("^alter (?:column )?" + NAME + " (?:set data )?type (.*)$");
    private static final Pattern DROP_COLUMN = Pattern.compile("^drop (?:column )?(?:if exists )?" + NAME + "(?: cascade| restrict)?$");
    private static final Pattern DROP_NOT_NULL = Pattern.compile("^alter (?:column )?" + NAME + " drop not null$");
    private static final Pattern TIMESTAMP = Pattern.compile("^timestamp\\b(?! ?(\\(\\d+\\))? with time zone)");
    private static final Pattern SMALL_INT = Pattern.compile("^(int|integer|int4|smallint|int2|serial|serial4|smallserial|serial2)\\b");
    private static final Pattern SERIAL = Pattern.compile("^(serial|serial4|serial8|bigserial|smallserial|serial2)\\b");
    private static final Pattern FIXED_CHAR = Pattern.compile("^(varchar|character varying|char|character|bpchar) ?\\(\\d+\\)|^(char|character)\\b(?! varying)");
    private static final Pattern JSON = Pattern.compile("^json\\b");
    private static final Set<String> NOT_COLUMNS = Set.of("constraint", "primary", "unique", "check", "foreign", "exclude", "like");

    private final Scope scope;

    StaticRules(Scope scope) {
        this.scope = scope;
    }

    List<Draft> check(Sql sql) {
        List<Draft> found = new ArrayList<>();
        Matcher m;
        if ((m = sql.match("^drop database ")) != null) {
            found.add(new Draft(Rule.DROP_DATABASE, sql.text.substring(14).replace("if exists ", "").strip(),
                    "drops a database", "Never drop a database from a migration; retire it by hand once nothing connects to it"));
        }
        if ((m = sql.match("^drop table (?:if exists )?(.*?)(?: cascade| restrict)?$")) != null) {
            for (String name : Sql.topLevel(m.group(1))) {
                String table = scope.qualify(name);
                if (scope.existed(table)) {
                    found.add(new Draft(Rule.DROP_TABLE, scope.display(table), "drops " + scope.sized(table)
                            + ": the application version still running during the deploy fails on it",
                            "Expand/contract: release an application version that no longer uses " + scope.display(table)
                                    + ", then drop it in a later migration"));
                }
            }
        }
        if ((m = sql.match("^truncate (?:table )?.* cascade$")) != null) {
            found.add(new Draft(Rule.TRUNCATE_CASCADE, sql.text.replaceAll("^truncate (table )?|( restart identity| continue identity)? cascade$", ""),
                    "truncates, with CASCADE, every table that references these too",
                    "Name each table to empty in TRUNCATE, without CASCADE"));
        }
        if ((m = sql.match("^alter domain " + NAME + " add (?:constraint " + NAME + " )?check\\b")) != null && !sql.text.endsWith(" not valid")) {
            found.add(new Draft(Rule.DOMAIN_CONSTRAINT_VALIDATED, scope.display(scope.qualify(m.group(1))),
                    "checks every column of domain " + scope.display(scope.qualify(m.group(1))) + " in every table while holding locks on them",
                    "ALTER DOMAIN " + m.group(1) + " ADD CONSTRAINT ... CHECK (...) NOT VALID; then, in a later migration,"
                            + " ALTER DOMAIN " + m.group(1) + " VALIDATE CONSTRAINT ..."));
        }
        String altered = sql.alteredTable();
        if (altered != null) {
            alterTable(sql, scope.qualify(altered), found);
        }
        if ((m = CREATE_TABLE.matcher(sql.text)).matches()) {
            String table = scope.qualify(m.group(1));
            String body = m.group(2);
            boolean tablePrimaryKeyInt = false;
            for (String def : Sql.topLevel(body)) {
                String[] parts = def.split(" ", 2);
                if (parts.length < 2 || NOT_COLUMNS.contains(parts[0])) {
                    continue;
                }
                String column = Sql.unquote(parts[0]);
                boolean key = body.matches("(?s).*primary key \\(" + Pattern.quote(parts[0]) + "\\).*");
                types(table, column, parts[1], key, found);
            }
        }
        return found;
    }

    private void alterTable(Sql sql, String table, List<Draft> found) {
        boolean existed = scope.existed(table);
        Matcher m;
        if ((m = sql.match("^alter table (?:if exists )?(?:only )?" + NAME + " rename to " + NAME + "$")) != null && existed) {
            String to = Sql.unquote(m.group(2));
            found.add(new Draft(Rule.RENAME_TABLE, scope.display(table), "renames " + scope.display(table) + " to " + to
                    + ": the application version still running during the deploy fails on the old name",
                    "Expand/contract: create the new table (or a view named " + to + " over it), write to both from the"
                            + " application, backfill, switch reads, then drop " + scope.display(table) + " in a later migration"));
            return;
        }
        if ((m = sql.match("^alter table (?:if exists )?(?:only )?" + NAME + " rename (?:column )?(?!to |constraint )" + NAME + " to " + NAME + "$")) != null
                && existed) {
            String column = Sql.unquote(m.group(2));
            String to = Sql.unquote(m.group(3));
            found.add(new Draft(Rule.RENAME_COLUMN, scope.display(table) + "." + column, "renames " + scope.display(table) + "."
                    + column + " to " + to + ": the application version still running during the deploy fails on the old name",
                    "Expand/contract: ALTER TABLE " + scope.display(table) + " ADD COLUMN " + to + " <type>; write both from the"
                            + " application; backfill " + to + " in batches; switch reads; drop " + column + " in a later migration"));
            return;
        }
        for (String action : sql.actions()) {
            if ((m = DROP_COLUMN.matcher(action)).matches() && !NOT_COLUMNS.contains(m.group(1)) && existed) {
                String column = Sql.unquote(m.group(1));
                found.add(new Draft(Rule.DROP_COLUMN, scope.display(table) + "." + column, "drops column "
                        + scope.display(table) + "." + column + ": the application version still running during the deploy"
                        + " fails when it reads or writes it",
                        "Expand/contract: release an application version that no longer reads or writes " + column
                                + ", then drop the column in a later migration"));
            } else if ((m = DROP_NOT_NULL.matcher(action)).matches() && existed) {
                String column = Sql.unquote(m.group(1));
                found.add(new Draft(Rule.DROP_NOT_NULL, scope.display(table) + "." + column, "drops NOT NULL from "
                        + scope.display(table) + "." + column + ": the application version still running may not expect NULLs",
                        "Release an application version that handles NULL in " + column + " before dropping the constraint"));
            } else if ((m = ADD_COLUMN.matcher(action)).matches() && !NOT_COLUMNS.contains(m.group(1))) {
                String column = Sql.unquote(m.group(1));
                String definition = m.group(2);
                if (existed && definition.matches(".*\\bnot null\\b.*") && !definition.matches(".*\\b(default|generated|identity)\\b.*")
                        && !SERIAL.matcher(definition).find()) {
                    found.add(new Draft(Rule.ADD_COLUMN_REQUIRED, scope.display(table) + "." + column, "adds NOT NULL column "
                            + column + " without a default to " + scope.sized(table) + ": fails as soon as the table has rows",
                            "ALTER TABLE " + scope.display(table) + " ADD COLUMN " + column + " <type> NOT NULL DEFAULT <constant>;"
                                    + " or add it nullable, backfill in batches, then add CHECK (" + column
                                    + " IS NOT NULL) NOT VALID, VALIDATE it, and SET NOT NULL"));
                }
                types(table, column, definition, false, found);
            } else if ((m = ALTER_TYPE.matcher(action)).matches()) {
                types(table, Sql.unquote(m.group(1)), m.group(2), false, found);
            }
        }
    }

    private void types(String table, String column, String definition, boolean tableKey, List<Draft> found) {
        String where = scope.display(table) + "." + column;
        if (TIMESTAMP.matcher(definition).find()) {
            found.add(new Draft(Rule.PREFER_TIMESTAMPTZ, where, where + " is timestamp without time zone: values lose"
                    + " their offset and shift with the session's time zone", "Declare " + column + " timestamptz"));
        }
        boolean key = tableKey || definition.matches(".*\\b(primary key|identity)\\b.*");
        Matcher small = SMALL_INT.matcher(definition);
        if (small.find() && (key || SERIAL.matcher(definition).find())) {
            found.add(new Draft(Rule.PREFER_BIGINT, where, where + " is a " + small.group(1) + " key: it runs out at "
                    + (small.group(1).contains("small") || small.group(1).endsWith("2") ? "32 767" : "2 147 483 647")
                    + " and widening it later rewrites the table", "Declare " + column + " bigint GENERATED ALWAYS AS IDENTITY"));
        }
        Matcher serial = SERIAL.matcher(definition);
        if (serial.find()) {
            found.add(new Draft(Rule.PREFER_IDENTITY, where, where + " is " + serial.group(1)
                    + ": its sequence is a separate object with its own ownership and grants",
                    "Declare " + column + " bigint GENERATED ALWAYS AS IDENTITY"));
        }
        Matcher fixed = FIXED_CHAR.matcher(definition);
        if (fixed.find()) {
            found.add(new Draft(Rule.PREFER_TEXT, where, where + " is " + fixed.group().strip()
                    + ": changing the limit later locks the table, and char pads with spaces",
                    "Declare " + column + " text, with CHECK (length(" + column + ") <= n) if a limit is needed"));
        }
        if (JSON.matcher(definition).find()) {
            found.add(new Draft(Rule.PREFER_JSONB, where, where + " is json: it cannot be compared, indexed or used in DISTINCT",
                    "Declare " + column + " jsonb"));
        }
    }
}
