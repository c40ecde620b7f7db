package io.migrate.internal.lint;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqlTest {

    @Test
    void commentsGoWhitespaceCollapsesAndOnlyUnquotedTextIsLowerCased() {
        Sql sql = new Sql("-- why\nALTER  TABLE \"Users\"\n  ADD COLUMN Note varchar(10) /* short */ DEFAULT 'Hi -- there';");
        assertThat(sql.text).isEqualTo("alter table \"Users\" add column note varchar (10) default 'Hi -- there'");
        assertThat(sql.alteredTable()).isEqualTo("\"Users\"");
        assertThat(sql.actions()).containsExactly("add column note varchar (10) default 'Hi -- there'");
    }

    @Test
    void actionsSplitAtTopLevelCommasOnly() {
        Sql sql = new Sql("ALTER TABLE t ADD COLUMN a numeric(10,2), DROP COLUMN b, ADD CONSTRAINT c CHECK (a IN (1,2))");
        assertThat(sql.actions()).containsExactly("add column a numeric (10, 2)", "drop column b",
                "add constraint c check (a in (1, 2))");
    }

    @Test
    void namesLoseTheirQuotes() {
        assertThat(Sql.unquote("\"My \"\"Table\"\"\"")).isEqualTo("My \"Table\"");
        assertThat(Sql.unquote("app.\"Users\"")).isEqualTo("app.Users");
        assertThat(Sql.unquote("users")).isEqualTo("users");
    }

    @Test
    void statementsAreShortenedToOneLine() {
        assertThat(Sql.shortened("CREATE TABLE a (\n  id bigint\n)")).isEqualTo("CREATE TABLE a ( id bigint )");
        assertThat(Sql.shortened("SELECT " + "x, ".repeat(60))).hasSize(120).endsWith("...");
    }

    @Test
    void aLockTimeoutCountsUnlessItIsZero() {
        assertThat(Linter.setsLockTimeout(new Sql("SET lock_timeout = '5s'"))).isTrue();
        assertThat(Linter.setsLockTimeout(new Sql("set local lock_timeout to 3000"))).isTrue();
        assertThat(Linter.setsLockTimeout(new Sql("SET lock_timeout = 0"))).isFalse();
        assertThat(Linter.setsLockTimeout(new Sql("SET lock_timeout TO DEFAULT"))).isFalse();
        assertThat(Linter.setsLockTimeout(new Sql("SET statement_timeout = '5s'"))).isFalse();
    }
}
