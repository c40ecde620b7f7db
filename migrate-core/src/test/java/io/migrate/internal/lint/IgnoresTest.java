package io.migrate.internal.lint;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IgnoresTest {

    private static final String SCRIPT = """
            -- migrate:lint-ignore prefer-text legacy column widths
            CREATE TABLE a (id bigint);

            -- migrate:lint-ignore drop-table replaced by b in version 2
            -- a plain comment between
            DROP TABLE old;
            DROP TABLE older;
            -- migrate:lint-ignore no-such-rule because
            -- migrate:lint-ignore drop-column
            ALTER TABLE a DROP COLUMN x;
            """;

    @Test
    void aCommentAboveTheFirstStatementCoversTheFileAndOneAboveAStatementCoversIt() {
        Ignores ignores = new Ignores(SCRIPT, 2, Rule.known(java.util.List.of()));
        for (int line : new int[]{2, 6, 7, 10}) {
            ignores.above(line);
        }
        assertThat(ignores.silenced("prefer-text", 10)).isTrue();
        assertThat(ignores.silenced("drop-table", 6)).isTrue();
        assertThat(ignores.silenced("drop-table", 7)).as("only the statement right below").isFalse();
        assertThat(ignores.silenced("drop-column", 10)).as("no reason given").isFalse();
        assertThat(ignores.problems()).containsExactly(
                new Ignores.Problem(8, "-- migrate:lint-ignore no-such-rule because", "names an unknown rule 'no-such-rule'"),
                new Ignores.Problem(9, "-- migrate:lint-ignore drop-column", "gives no reason"));
    }

    @Test
    void theCodeLineSkipsLeadingComments() {
        assertThat(Ignores.codeLine("-- note\n\nSELECT 1", 4)).isEqualTo(6);
        assertThat(Ignores.codeLine("SELECT 1", 4)).isEqualTo(4);
    }
}
