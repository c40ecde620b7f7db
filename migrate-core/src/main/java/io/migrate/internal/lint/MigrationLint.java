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
    private static final Pattern UPDATE = Pattern.compile("^update (?:only )?" + NAME + "(?: as \\S+| (?!set )\\S+)? set (.*)$");
    private static final Pattern DELETE = Pattern.compile("^delete from (?:only )?" + NAME + "(.*)$");
    private static final Pattern CREATE = Pattern.compile("^create (?:unique )?(table|index|sequence|schema|extension|materialized view)"
            + " (?:concurrently )?+(?!if not exists |on )(?:" + NAME + ")?");
    private static final Pattern DROP = Pattern.compile("^drop (table|index|sequence|schema|extension|materialized view|view|type|domain)"
            + " (?:concurrently )?+(?!if exists )" + NAME);
    private static final Pattern ADD_COLUMN = Pattern.compile("^add (?:column )?+(?!if not exists |constraint |primary |unique |check |foreign |exclude )"
            + NAME);
    private static final Pattern DROP_IN_ALTER = Pattern.compile("^drop (column |constraint )?+(?!if exists )" + NAME);
    private static final Pattern CREATE_TABLE = Pattern.compile("^create (?:(?:unlogged|temp|temporary) )?table (?:if not exists )?"
            + NAME);

    private final Migration migration;
    private final Dialect dialect;
    private final LintSupport support;
    private final Scope scope;
    private final MeasuredRules measured;
    private final StaticRules rules;
    private final ObjectRules objects;
    private final int serverMajor;
    private final boolean transactional;
    private final boolean schemaPinned;
    private final Map<String, LintFinding.Severity> dialectRules = new java.util.HashMap<>();
    private boolean lockTimeout;

    /**
     * @param transactional whether deploy runs the migration in one transaction with its history row
     * @param schemaPinned  whether a schema is configured, so the engine sets it for every session
     */
    MigrationLint(Migration migration, Dialect dialect, LintSupport support, Scope scope, int serverMajor, boolean lockTimeout,
                  boolean transactional, boolean schemaPinned) {
        this.migration = migration;
        this.dialect = dialect;
        this.support = support;
        this.scope = scope;
        this.serverMajor = serverMajor;
        this.transactional = transactional;
        this.schemaPinned = schemaPinned;
        this.measured = new MeasuredRules(scope, serverMajor);
        this.rules = new StaticRules(scope);
        this.objects = new ObjectRules(scope);
        support.rules().forEach(r -> dialectRules.put(r.id(), r.severity()));
        Matcher directive = LOCK_TIMEOUT_DIRECTIVE.matcher(header(migration.script()));
        this.lockTimeout = lockTimeout || directive.find() && Long.parseLong(directive.group(1)) > 0;
    }

    private record Backfill(int line, String statement, String table, boolean update) {
    }

    private record Deferred(Draft draft, int line, String statement) {
    }

    List<LintFinding> run(Connection c, List<SqlStatement> statements) throws SQLException {
        List<LintFinding> findings = new ArrayList<>();
        if (statements.isEmpty()) {
            return findings;
        }
        Ignores ignores = new Ignores(migration.script(), Ignores.codeLine(statements.get(0).sql(), statements.get(0).line()),
                Rule.known(support.rules()));
        boolean inBlock = false;
        SqlStatement openedBy = null;
        boolean schemaChange = false;
        boolean timeoutReported = false;
        int exclusiveLine = 0;
        String exclusiveTable = null;
        List<Backfill> backfills = new ArrayList<>();
        SqlStatement concurrent = null;
        int others = 0;
        List<Deferred> drops = new ArrayList<>();
        for (SqlStatement statement : statements) {
            int line = Ignores.codeLine(statement.sql(), statement.line());
            ignores.above(line);
            switch (statement.kind()) {
                case BEGIN -> {
                    inBlock = true;
                    openedBy = statement;
                    Draft nesting = transactionNesting();
                    if (!ignores.silenced(nesting.rule().id, line)) {
                        findings.add(finding(nesting, line, statement.sql()));
                    }
                }
                case COMMIT, ROLLBACK -> {
                    inBlock = false;
                    openedBy = null;
                }
                default -> { }
            }
            if (statement.kind() == SqlStatement.Kind.BEGIN || statement.kind() == SqlStatement.Kind.COMMIT
                    || statement.kind() == SqlStatement.Kind.ROLLBACK) {
                continue;
            }
            Sql sql = new Sql(statement.sql());
            for (LintSupport.Finding f : support.check(new LintSupport.Statement(statement.sql(), serverMajor,
                    scope::existedAsWritten, name -> scope.display(scope.qualify(name))))) {
                LintFinding.Severity severity = dialectRules.get(f.rule());
                if (severity == null) {
                    throw new IllegalStateException(dialect.name() + " lint support reported rule '" + f.rule()
                            + "', which its rules() does not list");
                }
                if (!ignores.silenced(f.rule(), line)) {
                    findings.add(new LintFinding(f.rule(), severity, f.message(), migration.name(), migration.source(), line,
                            Sql.shortened(dialect.maskSecrets(statement.sql())), f.object(), f.alternative()));
                }
            }
            if (Linter.setsLockTimeout(sql)) {
                lockTimeout = true;
            } else if (sql.matches("^set (?:local |session )?lock_timeout")) {
                lockTimeout = false;
            }
            List<Draft> drafts = new ArrayList<>(rules.check(sql));
            if (!transactional) {
                robust(sql).ifPresent(drafts::add);
            }
            if (!schemaPinned) {
                Matcher created = CREATE_TABLE.matcher(sql.text);
                if (created.find() && !Sql.unquote(created.group(1)).contains(".")) {
                    String table = Sql.unquote(created.group(1));
                    drafts.add(new Draft(Rule.REQUIRE_TABLE_SCHEMA, table, "creates table " + table + " without a schema, and"
                            + " no schema is configured: it lands in the session's current schema (" + scope.schema
                            + " here), which the settings of a role or database can make another one elsewhere",
                            "Configure schema(\"" + scope.schema + "\") so that every migration runs with it set, or write "
                                    + scope.schema + "." + table));
                }
            }
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
                drafts.addAll(objects.check(sql, before, after));
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
                if (ignores.silenced(d.rule().id, line)) {
                    continue;
                }
                if (transactional && objects.dropped(d)) {
                    // no one sees a drop that the same transaction undoes by creating the object again
                    drops.add(new Deferred(d, line, statement.sql()));
                } else {
                    findings.add(finding(d, line, statement.sql()));
                }
            }
        }
        if (!drops.isEmpty()) {
            LintSupport.Catalog last = support.catalog(c);
            drops.stream().filter(drop -> !objects.recreated(drop.draft(), last))
                    .forEach(drop -> findings.add(finding(drop.draft(), drop.line(), drop.statement())));
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
                if (!ignores.silenced(d.rule().id, b.line)) {
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
            if (!ignores.silenced(d.rule().id, line)) {
                findings.add(finding(d, line, concurrent.sql()));
            }
        }
        if (openedBy != null && !transactional) {
            int line = Ignores.codeLine(openedBy.sql(), openedBy.line());
            Draft d = new Draft(Rule.UNCOMMITTED_TRANSACTION, migration.name(), "opens a transaction that the file never"
                    + " commits, in a migration that runs statement by statement: the statements after it are rolled back"
                    + " when the connection closes, while the history records the migration as applied",
                    "End the block with COMMIT; before the end of the file");
            if (!ignores.silenced(d.rule().id, line)) {
                findings.add(finding(d, line, openedBy.sql()));
            }
        }
        for (Ignores.Problem p : ignores.problems()) {
            findings.add(new LintFinding(Rule.INVALID_LINT_IGNORE.id, Rule.INVALID_LINT_IGNORE.severity, "'" + p.comment()
                    + "' " + p.what(), migration.name(), migration.source(), p.line(), p.comment(), p.comment(),
                    "Write '-- migrate:lint-ignore <rule> <reason>' with one of: "
                            + String.join(", ", Rule.known(support.rules()))));
        }
        return findings;
    }

    private Draft transactionNesting() {
        return new Draft(Rule.TRANSACTION_NESTING, migration.name(), transactional
                ? "opens a transaction of its own: deploy already runs the migration in one transaction with its history"
                + " row and skips this BEGIN and its COMMIT, so the statement changes nothing"
                : "opens a transaction in a migration that runs statement by statement: the statements up to its COMMIT"
                + " apply together, the others one by one, and the history row is written apart from them",
                transactional ? "Remove BEGIN and COMMIT: the migration is one transaction already"
                        : "Keep the block only if those statements must apply together; if the migration fails after its"
                        + " COMMIT, what the block did stays applied while the migration is recorded as failed");
    }

    /**
     * A create or drop that fails when run again, in a migration without a transaction: if a later statement
     * fails, this one stays applied, and the migration fails on it when it is run again.
     */
    private java.util.Optional<Draft> robust(Sql sql) {
        String why = ": the migration runs without a transaction, so if a later statement fails this one stays"
                + " applied, and running the migration again fails on it";
        Matcher m;
        if ((m = CREATE.matcher(sql.text)).find() && m.group(2) != null) {
            String kind = m.group(1);
            String name = Sql.unquote(m.group(2));
            if (kind.equals("index") && sql.matches("^create (?:unique )?index concurrently ")) {
                return java.util.Optional.of(new Draft(Rule.PREFER_ROBUST_STATEMENTS, name, "creates index " + name + why,
                        "DROP INDEX CONCURRENTLY IF EXISTS " + name + "; before it, in the same migration: a build that failed"
                                + " leaves an invalid index behind, which IF NOT EXISTS would keep"));
            }
            return java.util.Optional.of(new Draft(Rule.PREFER_ROBUST_STATEMENTS, name, "creates " + kind + " " + name + why,
                    "CREATE " + kind.toUpperCase(java.util.Locale.ROOT) + " IF NOT EXISTS " + name + " ..."));
        }
        if ((m = DROP.matcher(sql.text)).find()) {
            String name = Sql.unquote(m.group(2));
            return java.util.Optional.of(new Draft(Rule.PREFER_ROBUST_STATEMENTS, name, "drops " + m.group(1) + " " + name + why,
                    "DROP " + m.group(1).toUpperCase(java.util.Locale.ROOT) + (sql.matches("^drop \\w+ concurrently ")
                            ? " CONCURRENTLY" : "") + " IF EXISTS " + name));
        }
        String altered = sql.alteredTable();
        if (altered == null) {
            return java.util.Optional.empty();
        }
        String table = scope.display(scope.qualify(altered));
        for (String action : sql.actions()) {
            if ((m = ADD_COLUMN.matcher(action)).find()) {
                String column = Sql.unquote(m.group(1));
                return java.util.Optional.of(new Draft(Rule.PREFER_ROBUST_STATEMENTS, table + "." + column, "adds column "
                        + table + "." + column + why, "ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS " + column + " ..."));
            }
            if ((m = DROP_IN_ALTER.matcher(action)).find()) {
                String what = m.group(1) == null || m.group(1).equals("column ") ? "COLUMN" : "CONSTRAINT";
                String name = Sql.unquote(m.group(2));
                return java.util.Optional.of(new Draft(Rule.PREFER_ROBUST_STATEMENTS, table + "." + name, "drops "
                        + what.toLowerCase(java.util.Locale.ROOT) + " " + table + "." + name + why,
                        "ALTER TABLE " + table + " DROP " + what + " IF EXISTS " + name));
            }
        }
        return java.util.Optional.empty();
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
