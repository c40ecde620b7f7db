package io.migrate.internal.lint;

import io.migrate.spi.LintSupport;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StaticRulesTest {

    private static final Scope SCOPE = new Scope("public", new LintSupport.Catalog(Map.of(
            1L, new LintSupport.Relation("public.users", LintSupport.Kind.TABLE, "public.users", 10),
            2L, new LintSupport.Relation("app.events", LintSupport.Kind.TABLE, "app.events", 11)),
            Map.of(), Set.of("public.users.nick"), Set.of()),
            Map.of("public.users", new LintSupport.Size(41_000_000, 9L * 1024 * 1024 * 1024)));

    private static List<String> check(String sql) {
        return new StaticRules(SCOPE).check(new Sql(sql)).stream().map(d -> d.rule().id + " " + d.object()).toList();
    }

    @Test
    void renamesAndDropsOfExistingObjectsAreFoundNotThoseOfNewOnes() {
        assertThat(check("ALTER TABLE users RENAME COLUMN nick TO handle")).containsExactly("rename-column users.nick");
        assertThat(check("ALTER TABLE app.events RENAME TO happenings")).containsExactly("rename-table app.events");
        assertThat(check("ALTER TABLE users RENAME CONSTRAINT a TO b")).isEmpty();
        assertThat(check("ALTER TABLE fresh RENAME COLUMN a TO b")).isEmpty();
        assertThat(check("ALTER TABLE users DROP COLUMN IF EXISTS nick, DROP CONSTRAINT users_nick_check"))
                .containsExactly("drop-column users.nick");
        assertThat(check("DROP TABLE IF EXISTS fresh, users CASCADE")).containsExactly("drop-table users");
    }

    @Test
    void theMessageCarriesTheTargetsSize() {
        assertThat(new StaticRules(SCOPE).check(new Sql("ALTER TABLE users ADD COLUMN tenant bigint NOT NULL")))
                .singleElement().satisfies(d -> assertThat(d.message()).isEqualTo("adds NOT NULL column tenant without a"
                        + " default to users (41 M rows, 9 GB): fails as soon as the table has rows"));
        assertThat(check("ALTER TABLE users ADD COLUMN tenant bigint NOT NULL DEFAULT 0")).isEmpty();
        assertThat(check("ALTER TABLE users ADD COLUMN n bigint NOT NULL GENERATED ALWAYS AS IDENTITY")).isEmpty();
    }

    @Test
    void typesToPreferAreNamedByColumn() {
        assertThat(check("CREATE TABLE t (id serial PRIMARY KEY, at timestamp(3), ok timestamptz, tz timestamp with time zone,"
                + " code char(2), name varchar(20), doc json, body jsonb, n int, CONSTRAINT c CHECK (n > 0))"))
                .containsExactlyInAnyOrder("prefer-bigint t.id", "prefer-identity t.id", "prefer-timestamptz t.at",
                        "prefer-text t.code", "prefer-text t.name", "prefer-jsonb t.doc");
        assertThat(check("CREATE TABLE t (id int, v text, PRIMARY KEY (id))")).containsExactly("prefer-bigint t.id");
        assertThat(check("ALTER TABLE users ALTER COLUMN nick TYPE varchar(5)")).containsExactly("prefer-text users.nick");
        assertThat(check("CREATE TABLE t (created timestamptz DEFAULT current_timestamp)")).isEmpty();
    }

    @Test
    void otherStatementRules() {
        assertThat(check("TRUNCATE users, orders CASCADE")).containsExactly("truncate-cascade users, orders");
        assertThat(check("TRUNCATE users")).isEmpty();
        assertThat(check("ALTER DOMAIN d ADD CONSTRAINT p CHECK (VALUE > 0)")).containsExactly("domain-constraint-validated d");
        assertThat(check("ALTER DOMAIN d ADD CONSTRAINT p CHECK (VALUE > 0) NOT VALID")).isEmpty();
        assertThat(check("ALTER TABLE users ALTER COLUMN nick DROP NOT NULL")).containsExactly("drop-not-null users.nick");
        assertThat(check("DROP DATABASE IF EXISTS other")).containsExactly("drop-database other");
    }

    @Test
    void sizesAreShortened() {
        assertThat(Scope.count(999)).isEqualTo("999");
        assertThat(Scope.count(12_400)).isEqualTo("12 k");
        assertThat(Scope.count(41_000_000)).isEqualTo("41 M");
        assertThat(Scope.count(3_000_000_000L)).isEqualTo("3 G");
        assertThat(Scope.bytes(8192)).isEqualTo("8 kB");
        assertThat(Scope.bytes(500)).isEqualTo("500 bytes");
        assertThat(SCOPE.sized("app.events")).isEqualTo("app.events");
    }
}
