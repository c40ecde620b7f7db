package io.migrate.postgres;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresSecretsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "ALTER ROLE r PASSWORD 'S3cret'|ALTER ROLE r PASSWORD '***'",
            "ALTER ROLE r PASSWORD 'it''s S3cret' VALID UNTIL 'infinity'|ALTER ROLE r PASSWORD '***' VALID UNTIL 'infinity'",
            "CREATE ROLE r LOGIN ENCRYPTED password E'S3\\'cret'|CREATE ROLE r LOGIN ENCRYPTED password '***'",
            "ALTER ROLE r PASSWORD U&'S3\\0063ret'|ALTER ROLE r PASSWORD '***'",
            "ALTER ROLE r PASSWORD /* new */ 'S3cret'|ALTER ROLE r PASSWORD /* new */ '***'",
            "ALTER ROLE r PASSWORD $p$S3cret$p$|ALTER ROLE r PASSWORD '***'",
            "DO $$ BEGIN EXECUTE 'ALTER ROLE r PASSWORD ''S3cret'''; END $$|DO $$ BEGIN EXECUTE 'ALTER ROLE r PASSWORD ''***'''; END $$",
            "DO $$ BEGIN EXECUTE 'ALTER ROLE r PASSWORD ''S3''''cret'' LOGIN'; END $$|DO $$ BEGIN EXECUTE 'ALTER ROLE r PASSWORD ''***'' LOGIN'; END $$",
            "SELECT dblink_connect('host=db user=u password=S3cret dbname=x')|SELECT dblink_connect('host=db user=u password=*** dbname=x')",
            "SELECT dblink_connect('host=db password = ''S3 cret'' dbname=x')|SELECT dblink_connect('host=db password = ''***'' dbname=x')",
            "CREATE SUBSCRIPTION s CONNECTION 'dbname=x password=S3cret' PUBLICATION p|CREATE SUBSCRIPTION s CONNECTION 'dbname=x password=***' PUBLICATION p",
            "CREATE USER MAPPING FOR u SERVER s OPTIONS (user 'u', password 'S3cret')|CREATE USER MAPPING FOR u SERVER s OPTIONS (user 'u', password '***')",
            "SELECT dblink('postgresql://u:S3cret@db/x', 'SELECT 1')|SELECT dblink('postgresql://u:***@db/x', 'SELECT 1')",
    })
    void masksTheSecret(String text, String masked) {
        assertThat(PostgresSecrets.mask(text)).isEqualTo(masked).doesNotContain("S3");
    }

    @Test
    void skipsALineCommentBeforeTheLiteral() {
        assertThat(PostgresSecrets.mask("ALTER ROLE r PASSWORD -- new\n  'S3cret'"))
                .isEqualTo("ALTER ROLE r PASSWORD -- new\n  '***'");
    }

    @Test
    void masksTheStatementTheServerQuotesInItsWhereContext() {
        String message = "ERROR: role \"nobody\" does not exist\n  Where: SQL statement \"ALTER ROLE nobody PASSWORD 'S3cret'\"\n"
                + "PL/pgSQL function inline_code_block line 1 at EXECUTE";
        assertThat(PostgresSecrets.mask(message)).isEqualTo("ERROR: role \"nobody\" does not exist\n  Where: SQL statement"
                + " \"ALTER ROLE nobody PASSWORD '***'\"\nPL/pgSQL function inline_code_block line 1 at EXECUTE");
    }

    @Test
    void leavesTextWithoutSecretsAlone() {
        String text = "FATAL: password authentication failed for user \"u\"; see http://example.com/x";
        assertThat(PostgresSecrets.mask(text)).isSameAs(text);
        assertThat(PostgresSecrets.mask("ALTER ROLE r PASSWORD NULL")).isEqualTo("ALTER ROLE r PASSWORD NULL");
        assertThat(PostgresSecrets.mask(null)).isNull();
    }
}
