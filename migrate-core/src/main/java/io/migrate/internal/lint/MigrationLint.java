package io.migrate.internal.lint;

import io.migrate.api.ErrorCode;
import io.migrate.api.LintFinding;
import io.migrate.api.MigrationException;
import io.migrate.internal.source.Migration;
import io.migrate.spi.Dialect;
import io.migrate.spi.LintSupport;
import io.migrate.spi.SqlStatement;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.migrate.internal.lint.Sql.NAME;

/** Lints one migration on the shadow connection, statement by statement. */
final class MigrationLint {

    private static final Pattern LOCK_TIMEOUT_DIRECTIVE = Pattern.compile("(?m)^\\s*--\\s*migrate:lock-timeout\\s+(\\d+)");
    private static final Pattern NO_TRANSACTION = Pattern.compile("(?m)^\\s*--\\s*migrate:no-transaction\\s*$");
    private static final Pattern UPDATE = Pattern.compile("^update (?:only )?" + NAME + "(?: as \\S+| (?!set )\\S+)? set (.*)$");
    private static final Pattern DELETE = Pattern.compile("^delete from (?:only )?" + NAME + "(.*)$");

    private final Migration migration;
    private final Dialect dialect;
    private final LintSupport support;
    private final Scope scope;
    private final MeasuredRules measured;
    private final StaticRules rules;
    private boolean lockTimeout;

    MigrationLint(Migration migration, Dialect dialect, LintSupport support, Scope scope, int serverMajor, boolean lockTimeout) {
        this.migration = migration;
        this.dialect = dialect;
        this.support = support;
        this.scope = scope;
        this.measured = new MeasuredRules(scope, serverMajor);
        this.rules = new StaticRules(scope);
        Matcher directive = LOCK_TIMEOUT_DIRECTIVE.matcher(header(migration.script()));
        this.lockTimeout = lockTimeout || directive.find() && Long.parseLong(directive.group(1)) > 0;
    }

    private record Backfill(int line, String statement, String table, boolean update) {
    }

    List<LintFinding> run(Connection c, List<SqlStatement> statements) throws SQLException {
        List<LintFinding> findings = new ArrayList<>();
        if (statements.isEmpty()) {
            return findings;
        }
        Ignores ignores = new Ignores(migration.script(), Ignores.codeLine(statements.get(0).sql(), statements.get(0).line()));
        boolean inBlock = false;
        boolean schemaChange = false;
        boolean timeoutReported = false;
        int exclusiveLine = 0;
        String exclusiveTable = null;
        List<Backfill> backfills = new ArrayList<>();
        SqlStatement concurrent = null;
        int others = 0;
        boolean transactional = !NO_TRANSACTION.matcher(header(migration.script())).find()
                && statements.stream().noneMatch(s -> s.kind() == SqlStatement.Kind.NON_TRANSACTIONAL);
        for (SqlStatement statement : statements) {
            int line = Ignores.codeLine(statement.sql(), statement.line());
            ignores.above(line);
            switch (statement.kind()) {
                case BEGIN -> inBlock = true;
                case COMMIT, ROLLBACK -> inBlock = false;
                default -> { }
            }
            if (statement.kind() == SqlStatement.Kind.BEGIN || statement.kind() == SqlStatement.Kind.COMMIT
                    || statement.kind() == SqlStatement.Kind.ROLLBACK) {
                continue;
            }
            Sql sql = new Sql(statement.sql());
            if (Linter.setsLockTimeout(sql)) {
                lockTimeout = true;
            } else if (sql.matches("^set (?:local |session )?lock_timeout")) {
                lockTimeout = false;
            }
            List<Draft> drafts = new ArrayList<>(rules.check(sql));
            if (statement.kind() == SqlStatement.Kind.NON_TRANSACTIONAL) {
                if (sql.matches("\\bconcurrently\\b")) {
                    concurrent = concurrent == null ? statement : concurrent;
                    if (inBlock) {
                        drafts.add(new Draft(Rule.CONCURRENTLY_IN_TRANSACTION, objectOf(sql), "runs "
                                + sql.text.replaceAll("^(\\w+ (?:unique )?\\w+ concurrently).*", "$1").toUpperCase(java.util.Locale.ROOT)
                                + " inside the file's own BEGIN ... COMMIT block, where PostgreSQL refuses it",
                                "Remove BEGIN and COMMIT around it and put the statement alone in a migration with"
                                        + " '-- migrate:no-transaction' at the top"));
                    }
                }
                Matcher vacuum = sql.match("^vacuum (?:\\(.*\\bfull\\b.*\\)|full\\b)(?: \\w+)* " + NAME + "$");
                if (vacuum != null) {
                    String table = scope.qualify(vacuum.group(1));
                    drafts.add(new Draft(Rule.TABLE_REWRITE, scope.display(table), "rewrites " + scope.sized(table)
                            + " under ACCESS EXCLUSIVE: reads and writes blocked for the duration",
                            "Use pg_repack outside the migration, or plain VACUUM, which takes no blocking lock"));
                }
                execute(c, statement, true);
            } else {
                others += sql.matches("^set ") ? 0 : 1;
                schemaChange |= sql.matches("^(create|alter|drop|comment) ");
                LintSupport.Catalog before = support.catalog(c);
                execute(c, statement, false);
                List<LintSupport.Lock> locks = support.locks(c);
                LintSupport.Catalog after = support.catalog(c);
                c.commit();
                Map<String, LintSupport.Lock> held = measured.strongest(locks);
                drafts.addAll(measured.check(sql, before, after, held));
                for (Map.Entry<String, LintSupport.Lock> lock : held.entrySet()) {
                    if (!lock.getValue().blocksWrites()) {
                        continue;
                    }
                    if (exclusiveTable == null && lock.getValue().blocksReads()) {
                        exclusiveLine = line;
                        exclusiveTable = lock.getKey();
                    }
                    if (!lockTimeout && !timeoutReported) {
                        timeoutReported = true;
                        drafts.add(new Draft(Rule.LOCK_TIMEOUT_MISSING, scope.display(lock.getKey()), "takes "
                                + lock.getValue().mode() + " on " + scope.sized(lock.getKey()) + " without a lock_timeout: while it"
                                + " waits behind a running query, every query on " + scope.display(lock.getKey())
                                + " waits behind it", "SET lock_timeout = '5s'; as the migration's first statement (or"
                                + " '-- migrate:lock-timeout 5s' at the top, or lockWaitTimeout(...)), with lockRetries to try again"));
                    }
                }
                Backfill backfill = backfill(sql, line, statement.sql());
                if (backfill != null) {
                    backfills.add(backfill);
                }
            }
            for (Draft d : drafts) {
                if (!ignores.silenced(d.rule(), line)) {
                    findings.add(finding(d, line, statement.sql()));
                }
            }
        }
        if (transactional && schemaChange) {
            for (Backfill b : backfills) {
                String holding = exclusiveTable != null && exclusiveLine < b.line ? ", holding the lock that blocks reads on "
                        + scope.display(exclusiveTable) + " taken at line " + exclusiveLine + " until it commits" : "";
                Draft d = new Draft(Rule.BACKFILL_WITH_SCHEMA_CHANGE, scope.display(b.table), (b.update ? "updates" : "deletes")
                        + " every row of " + scope.sized(b.table) + " in the same transaction as the migration's schema changes"
                        + holding, "Move it to a migration of its own with '-- migrate:no-transaction', in batches:"
                        + " UPDATE " + scope.display(b.table) + " SET ... WHERE id IN (SELECT id FROM " + scope.display(b.table)
                        + " WHERE <not yet done> LIMIT 10000), repeated until it changes no row");
                if (!ignores.silenced(d.rule(), b.line)) {
                    findings.add(finding(d, b.line, b.statement));
                }
            }
        }
        if (concurrent != null && others > 0) {
            int line = Ignores.codeLine(concurrent.sql(), concurrent.line());
            Draft d = new Draft(Rule.CONCURRENTLY_NOT_ALONE, objectOf(new Sql(concurrent.sql())), "runs without a transaction"
                    + " because of this statement, together with " + others + " other " + (others == 1 ? "statement" : "statements")
                    + ": if one fails, those before it stay applied", "Put the concurrent statement alone in a migration"
                    + " with '-- migrate:no-transaction' at the top, and the other statements in a migration of their own");
            if (!ignores.silenced(d.rule(), line)) {
                findings.add(finding(d, line, concurrent.sql()));
            }
        }
        for (Ignores.Problem p : ignores.problems()) {
            findings.add(new LintFinding(Rule.INVALID_LINT_IGNORE.id, Rule.INVALID_LINT_IGNORE.severity, "'" + p.comment()
                    + "' " + p.what(), migration.name(), migration.source(), p.line(), p.comment(), p.comment(),
                    "Write '-- migrate:lint-ignore <rule> <reason>' with one of: " + Rule.ids()));
        }
        return findings;
    }

    private Backfill backfill(Sql sql, int line, String raw) {
        Matcher m = UPDATE.matcher(sql.text);
        boolean update = m.matches();
        if (!update) {
            m = DELETE.matcher(sql.text);
            if (!m.matches()) {
                return null;
            }
        }
        String table = scope.qualify(m.group(1));
        String rest = m.group(2);
        if (!scope.existed(table)) {
            return null;
        }
        Matcher where = Pattern.compile("\\bwhere (.*)$").matcher(rest);
        boolean unbounded = !where.find() || where.group(1).matches("[\\w.\"]+ is null");
        return unbounded ? new Backfill(line, raw, table, update) : null;
    }

    private String objectOf(Sql sql) {
        Matcher on = sql.match("\\bon (?:only )?" + NAME);
        if (on != null) {
            return scope.display(scope.qualify(on.group(1)));
        }
        Matcher last = sql.match(NAME + "$");
        return last == null ? "" : scope.display(scope.qualify(last.group(1)));
    }

    private void execute(Connection c, SqlStatement statement, boolean autoCommit) throws SQLException {
        c.setAutoCommit(autoCommit);
        try {
            dialect.execute(c, statement);
        } catch (SQLException e) {
            if (!autoCommit) {
                c.rollback();
            }
            throw new MigrationException(ErrorCode.SHADOW_MIGRATION_FAILED, "Migration " + migration.name()
                    + " failed on the shadow database at line " + statement.line() + " of " + migration.source()
                    + "\n  Statement: " + Sql.shortened(dialect.maskSecrets(statement.sql())) + "\n  SQLSTATE " + e.getSQLState()
                    + ": " + dialect.maskSecrets(String.valueOf(e.getMessage())) + "\nLint runs the migration on a copy of the schema without data, so"
                    + " it would fail on deploy too. Fix it, or create what it expects beforehand with shadowInit(sql)", e);
        }
    }

    private LintFinding finding(Draft d, int line, String statement) {
        return new LintFinding(d.rule().id, d.rule().severity, d.message(), migration.name(), migration.source(), line,
                Sql.shortened(dialect.maskSecrets(statement)), d.object(), d.alternative());
    }

    /** The comment lines before the first statement, where directives live. */
    private static String header(String script) {
        StringBuilder header = new StringBuilder();
        for (String line : (Iterable<String>) script.lines()::iterator) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("--")) {
                break;
            }
            header.append(t).append('\n');
        }
        return header.toString();
    }
}
