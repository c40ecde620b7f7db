package io.migrate.postgres;

import io.migrate.spi.LintSupport;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresLintRulesTest {

    private static final Set<String> EXISTING = Set.of("readings", "public.readings", "app.events", "order_count", "app");

    private static List<String> check(String sql, int serverMajor) {
        return new PostgresLintRules().check(new LintSupport.Statement(sql, serverMajor, EXISTING::contains,
                name -> name.startsWith("public.") ? name.substring(7) : name.replace("\"", "")))
                .stream().map(f -> f.rule() + " " + f.object()).toList();
    }

    private static List<String> check(String sql) {
        return check(sql, 17);
    }

    @Test
    void everyRuleItReportsIsListedWithItsSeverity() {
        assertThat(new PostgresLintSupport().rules()).extracting(LintSupport.Rule::id).containsExactly(
                "identifier-too-long", "detach-partition-not-concurrent", "enum-value-appended", "domain-with-constraint",
                "replica-identity", "disable-trigger", "revoke");
    }

    @Test
    void anIdentifierOfMoreThan63BytesIsFoundQuotedOrNotButNotInLiteralsOrComments() {
        String name = "a".repeat(64);
        assertThat(check("CREATE TABLE " + name.toUpperCase() + " (id bigint)")).containsExactly("identifier-too-long " + name);
        assertThat(check("CREATE TABLE " + "b".repeat(63) + " (id bigint)")).isEmpty();
        assertThat(check("ALTER TABLE t ADD COLUMN \"" + "é".repeat(32) + "\" text"))
                .as("32 characters, 64 bytes").containsExactly("identifier-too-long " + "é".repeat(32));
        assertThat(check("INSERT INTO t VALUES ('" + name + "', E'" + name + "\\'', $x$" + name + "$x$) -- " + name)).isEmpty();
        assertThat(new PostgresLintRules().check(new LintSupport.Statement("CREATE INDEX " + "i".repeat(70) + " ON t (a)", 17,
                EXISTING::contains, n -> n)).get(0).message()).isEqualTo("names " + "i".repeat(70) + " (70 bytes): PostgreSQL"
                + " keeps only the first 63 bytes of a name, so it is " + "i".repeat(63) + " in the database, and another"
                + " name that starts the same way is the same object");
    }

    @Test
    void detachingAPartitionOfAnExistingTableWithoutConcurrentlyFrom14On() {
        assertThat(check("ALTER TABLE readings DETACH PARTITION readings_2025")).containsExactly(
                "detach-partition-not-concurrent readings");
        assertThat(check("alter table public.readings\n  detach partition readings_2025;")).containsExactly(
                "detach-partition-not-concurrent readings");
        assertThat(check("ALTER TABLE readings DETACH PARTITION readings_2025", 13)).as("no concurrent form before 14").isEmpty();
        assertThat(check("ALTER TABLE readings DETACH PARTITION readings_2025 CONCURRENTLY")).isEmpty();
        assertThat(check("ALTER TABLE readings DETACH PARTITION readings_2025 FINALIZE")).isEmpty();
        assertThat(check("ALTER TABLE fresh DETACH PARTITION fresh_2025")).as("a table created by the migrations").isEmpty();
    }

    @Test
    void anEnumValueAddedWithoutAPlaceAndADomainWithAConstraint() {
        assertThat(check("ALTER TYPE mood ADD VALUE 'great'")).containsExactly("enum-value-appended mood");
        assertThat(check("ALTER TYPE mood ADD VALUE IF NOT EXISTS 'it''s'")).containsExactly("enum-value-appended mood");
        assertThat(check("ALTER TYPE mood ADD VALUE 'great' AFTER 'ok'")).isEmpty();
        assertThat(check("ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok'")).isEmpty();
        assertThat(check("ALTER TYPE mood RENAME VALUE 'ok' TO 'fine'")).isEmpty();

        assertThat(check("CREATE DOMAIN percent AS int CHECK (VALUE BETWEEN 0 AND 100)")).containsExactly(
                "domain-with-constraint percent");
        assertThat(check("CREATE DOMAIN app.email text NOT NULL")).containsExactly("domain-with-constraint app.email");
        assertThat(check("CREATE DOMAIN label AS text DEFAULT 'check'")).isEmpty();
        assertThat(check("CREATE DOMAIN label AS text")).isEmpty();
    }

    @Test
    void replicaIdentityAndDisabledTriggersOfExistingTablesOnly() {
        assertThat(check("ALTER TABLE readings REPLICA IDENTITY FULL")).containsExactly("replica-identity readings");
        assertThat(check("alter table only app.events replica identity using index events_pkey"))
                .containsExactly("replica-identity app.events");
        assertThat(check("ALTER TABLE readings DISABLE TRIGGER ALL, ADD COLUMN x int")).containsExactly("disable-trigger readings");
        assertThat(check("ALTER TABLE readings ENABLE TRIGGER audit")).isEmpty();
        assertThat(check("ALTER TABLE fresh REPLICA IDENTITY FULL")).as("a table created by the migrations").isEmpty();
        assertThat(check("ALTER TABLE fresh DISABLE TRIGGER audit")).isEmpty();
    }

    @Test
    void revokeOnWhatExistedBefore() {
        assertThat(check("REVOKE SELECT ON readings FROM PUBLIC")).containsExactly("revoke readings");
        assertThat(check("REVOKE ALL ON TABLE fresh, app.events FROM reporting")).containsExactly("revoke app.events");
        assertThat(check("REVOKE EXECUTE ON FUNCTION order_count() FROM PUBLIC")).containsExactly("revoke order_count");
        assertThat(check("REVOKE SELECT ON ALL TABLES IN SCHEMA app FROM reader")).containsExactly("revoke app");
        assertThat(check("REVOKE EXECUTE ON FUNCTION secret() FROM PUBLIC")).as("created by the migrations").isEmpty();
        assertThat(check("REVOKE admin FROM bob")).as("a role membership").isEmpty();
        assertThat(new PostgresLintRules().check(new LintSupport.Statement("REVOKE INSERT ON readings FROM app_user", 17,
                EXISTING::contains, n -> n)).get(0).message()).isEqualTo("revokes INSERT on table readings from app_user:"
                + " the application version still running during the deploy fails if it connects as one of them");
    }
}
