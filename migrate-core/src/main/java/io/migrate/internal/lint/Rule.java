package io.migrate.internal.lint;

import io.migrate.api.LintFinding.Severity;

import io.migrate.spi.LintSupport;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Every lint rule, with its stable id and severity. */
enum Rule {
    TABLE_REWRITE("table-rewrite", Severity.ERROR),
    INDEX_NOT_CONCURRENT("index-not-concurrent", Severity.ERROR),
    CONSTRAINT_BUILDS_INDEX("constraint-builds-index", Severity.ERROR),
    FOREIGN_KEY_VALIDATED("foreign-key-validated", Severity.ERROR),
    CHECK_VALIDATED("check-validated", Severity.ERROR),
    SET_NOT_NULL_SCAN("set-not-null-scan", Severity.ERROR),
    DROP_INDEX_NOT_CONCURRENT("drop-index-not-concurrent", Severity.WARNING),
    LOCK_TIMEOUT_MISSING("lock-timeout-missing", Severity.WARNING),
    ADD_COLUMN_REQUIRED("add-column-required", Severity.ERROR),
    BACKFILL_WITH_SCHEMA_CHANGE("backfill-with-schema-change", Severity.WARNING),
    CONCURRENTLY_IN_TRANSACTION("concurrently-in-transaction", Severity.ERROR),
    CONCURRENTLY_NOT_ALONE("concurrently-not-alone", Severity.WARNING),
    RENAME_COLUMN("rename-column", Severity.WARNING),
    RENAME_TABLE("rename-table", Severity.WARNING),
    DROP_COLUMN("drop-column", Severity.WARNING),
    DROP_TABLE("drop-table", Severity.WARNING),
    DROP_OBJECT("drop-object", Severity.WARNING),
    RENAME_OBJECT("rename-object", Severity.WARNING),
    ALTER_OBJECT("alter-object", Severity.WARNING),
    DROP_DATABASE("drop-database", Severity.ERROR),
    DROP_NOT_NULL("drop-not-null", Severity.WARNING),
    TRUNCATE_CASCADE("truncate-cascade", Severity.WARNING),
    DOMAIN_CONSTRAINT_VALIDATED("domain-constraint-validated", Severity.WARNING),
    PREFER_TIMESTAMPTZ("prefer-timestamptz", Severity.WARNING),
    PREFER_BIGINT("prefer-bigint", Severity.WARNING),
    PREFER_IDENTITY("prefer-identity", Severity.INFO),
    PREFER_TEXT("prefer-text", Severity.INFO),
    PREFER_JSONB("prefer-jsonb", Severity.INFO),
    TRANSACTION_NESTING("transaction-nesting", Severity.INFO),
    UNCOMMITTED_TRANSACTION("uncommitted-transaction", Severity.ERROR),
    PREFER_ROBUST_STATEMENTS("prefer-robust-statements", Severity.INFO),
    REQUIRE_TABLE_SCHEMA("require-table-schema", Severity.INFO),
    INVALID_LINT_IGNORE("invalid-lint-ignore", Severity.ERROR);

    final String id;
    final Severity severity;

    Rule(String id, Severity severity) {
        this.id = id;
        this.severity = severity;
    }

    /** The ids a lint-ignore comment may name: the engine's rules and the dialect's, in that order. */
    static Set<String> known(List<LintSupport.Rule> dialectRules) {
        Set<String> ids = new LinkedHashSet<>();
        Arrays.stream(values()).filter(r -> r != INVALID_LINT_IGNORE).forEach(r -> ids.add(r.id));
        dialectRules.forEach(r -> ids.add(r.id()));
        return ids;
    }
}
