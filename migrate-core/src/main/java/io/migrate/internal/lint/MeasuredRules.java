package io.migrate.internal.lint;

import io.migrate.spi.LintSupport.Catalog;
import io.migrate.spi.LintSupport.Constraint;
import io.migrate.spi.LintSupport.ConstraintType;
import io.migrate.spi.LintSupport.Kind;
import io.migrate.spi.LintSupport.Lock;
import io.migrate.spi.LintSupport.Relation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules that compare the catalog before and after one statement ran in a transaction on the shadow
 * database, with the locks the transaction held: what it rewrote, built, validated and locked among the
 * objects that existed before the linted migrations.
 */
final class MeasuredRules {

    private static final Pattern REFERENCES = Pattern.compile("REFERENCES ((?:\"[^\"]+\"|[^ (.]+)(?:\\.(?:\"[^\"]+\"|[^ (]+))?)\\(");

    private final Scope scope;
    private final int serverMajor;

    MeasuredRules(Scope scope, int serverMajor) {
        this.scope = scope;
        this.serverMajor = serverMajor;
    }

    /** The strongest mode held on each pre-existing table, through its indexes too. */
    Map<String, Lock> strongest(List<Lock> locks) {
        Map<String, Lock> tables = new java.util.TreeMap<>();
        Map<String, String> tableOf = new java.util.HashMap<>();
        scope.baseline.relations().values().forEach(r -> tableOf.put(r.name(), r.table()));
        for (Lock lock : locks) {
            // a new index is locked ACCESS EXCLUSIVE by its own creation: that blocks no one, it is not the table's lock
            String table = tableOf.get(lock.relation());
            if (table != null && scope.existed(table)) {
                tables.merge(table, lock, (a, b) -> a.strength() >= b.strength() ? a : b);
            }
        }
        return tables;
    }

    static String blocked(Lock lock) {
        return lock.blocksReads() ? "reads and writes blocked" : lock.blocksWrites() ? "writes blocked" : "nothing blocked";
    }

    /** {@code " under MODE: what is blocked"} for the lock held on {@code table}, or nothing when none was seen. */
    private static String under(Map<String, Lock> held, String table) {
        Lock lock = held.get(table);
        return lock == null ? "" : " under " + lock.mode() + ": " + blocked(lock);
    }

    List<Draft> check(Sql sql, Catalog before, Catalog after, Map<String, Lock> held) {
        List<Draft> found = new ArrayList<>();
        Set<String> rewritten = new HashSet<>();
        for (Map.Entry<Long, Relation> e : scope.baseline.relations().entrySet()) {
            Relation was = before.relations().get(e.getKey());
            Relation now = after.relations().get(e.getKey());
            // TRUNCATE gives a table new, empty storage: quick, not a rewrite
            if (was == null || now == null || was.storage() == now.storage() || was.storage() == 0
                    || sql.matches("^truncate ")) {
                continue;
            }
            if (now.kind() == Kind.TABLE || now.kind() == Kind.MATERIALIZED_VIEW) {
                rewritten.add(now.name());
                found.add(new Draft(Rule.TABLE_REWRITE, scope.display(now.name()), "rewrites " + scope.sized(now.name())
                        + under(held, now.name()) + " for the duration", rewriteAlternative(sql, now.name())));
            }
        }
        for (Map.Entry<Long, Relation> e : scope.baseline.relations().entrySet()) {
            Relation was = before.relations().get(e.getKey());
            Relation now = after.relations().get(e.getKey());
            if (was != null && now != null && now.kind() == Kind.INDEX && was.storage() != now.storage() && was.storage() != 0
                    && !rewritten.contains(now.table()) && !sql.matches("^truncate ")) {
                found.add(new Draft(Rule.TABLE_REWRITE, scope.display(now.name()), "rebuilds index " + scope.display(now.name())
                        + " of " + scope.sized(now.table()) + under(held, now.table()) + " for the duration",
                        "REINDEX INDEX CONCURRENTLY " + scope.display(now.name()) + " (PostgreSQL 12 and later), in a migration"
                                + " of its own with '-- migrate:no-transaction' at the top"));
            }
            if (was != null && now == null && was.kind() == Kind.INDEX && scope.existed(was.table())
                    && sql.matches("^drop index (?!concurrently)")) {
                found.add(new Draft(Rule.DROP_INDEX_NOT_CONCURRENT, scope.display(was.name()), "drops index "
                        + scope.display(was.name()) + " of " + scope.sized(was.table()) + under(held, was.table())
                        + " until running queries on it finish", "DROP INDEX CONCURRENTLY IF EXISTS " + scope.display(was.name())
                        + ", in a migration of its own with '-- migrate:no-transaction' at the top"));
            }
        }
        for (Map.Entry<Long, Relation> e : after.relations().entrySet()) {
            Relation index = e.getValue();
            if (index.kind() != Kind.INDEX || before.relations().containsKey(e.getKey()) || !scope.existed(index.table())
                    || rewritten.contains(index.table())) {
                continue;
            }
            String table = scope.display(index.table());
            Matcher constraint = sql.match("\\badd (?:constraint (\\S+) )?(primary key|unique|exclude)\\b");
            if (constraint != null) {
                String kind = constraint.group(2).toUpperCase(java.util.Locale.ROOT);
                found.add(new Draft(Rule.CONSTRAINT_BUILDS_INDEX, table, "adds " + kind + " to " + scope.sized(index.table())
                        + ", building index " + scope.display(index.name()) + under(held, index.table()) + " while it builds", kind.equals("EXCLUDE") ? "No concurrent form exists: add the exclusion constraint"
                        + " while the table is small, or in a maintenance window"
                        : "CREATE UNIQUE INDEX CONCURRENTLY " + scope.display(index.name()) + " ON " + table + " (...) in a"
                        + " migration of its own with '-- migrate:no-transaction'; then ALTER TABLE " + table + " ADD CONSTRAINT "
                        + scope.display(index.name()) + " " + kind + " USING INDEX " + scope.display(index.name())));
            } else {
                found.add(new Draft(Rule.INDEX_NOT_CONCURRENT, table, "builds index " + scope.display(index.name()) + " on "
                        + scope.sized(index.table()) + under(held, index.table()) + " while it builds",
                        "CREATE INDEX CONCURRENTLY IF NOT EXISTS " + scope.display(index.name()) + " ON " + table
                                + " (...), alone in a migration with '-- migrate:no-transaction' at the top"));
            }
        }
        for (Map.Entry<Long, Constraint> e : after.constraints().entrySet()) {
            Constraint c = e.getValue();
            if (before.constraints().containsKey(e.getKey()) || !c.validated() || !scope.existed(c.table())
                    || rewritten.contains(c.table())) {
                continue;
            }
            String table = scope.display(c.table());
            if (c.type() == ConstraintType.FOREIGN_KEY) {
                Matcher ref = REFERENCES.matcher(c.definition());
                String referenced = ref.find() ? ref.group(1) : "the referenced table";
                found.add(new Draft(Rule.FOREIGN_KEY_VALIDATED, table, "adds foreign key " + c.name() + " to "
                        + scope.sized(c.table()) + " and checks every row while holding "
                        + (held.containsKey(c.table()) ? held.get(c.table()).mode() : "a lock") + " on " + table + " and "
                        + referenced + ": writes to both blocked",
                        "ALTER TABLE " + table + " ADD CONSTRAINT " + c.name() + " " + c.definition() + " NOT VALID; then, in a"
                                + " later migration, ALTER TABLE " + table + " VALIDATE CONSTRAINT " + c.name()));
            } else if (c.type() == ConstraintType.CHECK) {
                found.add(new Draft(Rule.CHECK_VALIDATED, table, "adds check " + c.name() + " to " + scope.sized(c.table())
                        + " and checks every row" + under(held, c.table()) + " for the duration",
                        "ALTER TABLE " + table + " ADD CONSTRAINT " + c.name() + " " + c.definition() + " NOT VALID; then, in a"
                                + " later migration, ALTER TABLE " + table + " VALIDATE CONSTRAINT " + c.name()));
            }
        }
        if (!sql.matches("\\bprimary key\\b")) {
            for (String column : after.notNull()) {
                String table = column.substring(0, column.lastIndexOf('.'));
                String name = column.substring(column.lastIndexOf('.') + 1);
                if (before.notNull().contains(column) || !before.columns().contains(column) || !scope.existed(table)
                        || rewritten.contains(table) || provenByCheck(before, table, name)) {
                    continue;
                }
                String t = scope.display(table);
                found.add(new Draft(Rule.SET_NOT_NULL_SCAN, t + "." + name, "sets NOT NULL on " + t + "." + name
                        + ", scanning every row of " + scope.sized(table) + under(held, table) + " for the duration", "ALTER TABLE " + t + " ADD CONSTRAINT " + name + "_not_null CHECK (" + name
                        + " IS NOT NULL) NOT VALID; in a later migration ALTER TABLE " + t + " VALIDATE CONSTRAINT " + name
                        + "_not_null; then ALTER TABLE " + t + " ALTER COLUMN " + name + " SET NOT NULL (no scan from"
                        + " PostgreSQL 12 on) and drop the check"));
            }
        }
        return found;
    }

    /** From 12 on, a validated {@code CHECK (c IS NOT NULL)} lets SET NOT NULL skip the scan. */
    private boolean provenByCheck(Catalog before, String table, String column) {
        if (serverMajor < 12) {
            return false;
        }
        Pattern check = Pattern.compile("^CHECK \\(\\(?\"?" + Pattern.quote(column) + "\"? IS NOT NULL\\)?\\)$");
        return before.constraints().values().stream().anyMatch(c -> c.table().equals(table) && c.validated()
                && c.type() == ConstraintType.CHECK && check.matcher(c.definition()).matches());
    }

    private String rewriteAlternative(Sql sql, String table) {
        String t = scope.display(table);
        if (sql.matches("\\b(set data type|type)\\b") && sql.matches("^alter table")) {
            return "Expand/contract: ALTER TABLE " + t + " ADD COLUMN <new> <new type>; write both from the application;"
                    + " backfill <new> in batches; switch reads; drop the old column in a later migration";
        }
        if (sql.matches("\\badd (column )?")) {
            return "ALTER TABLE " + t + " ADD COLUMN <column> <type> (no default, or a constant one); ALTER TABLE " + t
                    + " ALTER COLUMN <column> SET DEFAULT <expression>; then backfill existing rows in batches in later migrations";
        }
        if (sql.matches("^refresh materialized view")) {
            return "REFRESH MATERIALIZED VIEW CONCURRENTLY " + t + " (needs a unique index on it), in a migration of its own"
                    + " with '-- migrate:no-transaction' at the top";
        }
        return "Avoid rewriting a large table in a migration: copy the rows into a new table in batches and swap, or use"
                + " pg_repack outside the migration";
    }
}
