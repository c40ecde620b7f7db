package io.migrate.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcUrlTest {

    @Test
    void dropsUserInfoAndParameters() {
        assertThat(JdbcUrl.redacted("jdbc:postgresql://u:secret@h:5432/db?password=x&ssl=true"))
                .isEqualTo("jdbc:postgresql://h:5432/db");
    }

    @Test
    void dropsSemicolonParameters() {
        assertThat(JdbcUrl.redacted("jdbc:sqlserver://h:1433;databaseName=db;password=secret"))
                .isEqualTo("jdbc:sqlserver://h:1433");
    }

    @Test
    void dropsEveryParameterNotOnlyPassword() {
        assertThat(JdbcUrl.redacted("jdbc:postgresql://h/db?sslpassword=s&token=t")).isEqualTo("jdbc:postgresql://h/db");
    }

    @Test
    void withoutCredentialsOrParametersIsUnchanged() {
        assertThat(JdbcUrl.redacted("jdbc:postgresql://h1:5432,h2:5433/db")).isEqualTo("jdbc:postgresql://h1:5432,h2:5433/db");
    }

    @Test
    void keepsHostWhenOnlyAParameterHoldsAnAtSign() {
        assertThat(JdbcUrl.redacted("jdbc:postgresql://h/db?user=a@example.com&password=secret"))
                .isEqualTo("jdbc:postgresql://h/db");
    }

    @Test
    void dropsAPasswordThatHoldsAnAtSignASlashOrAQuestionMark() {
        assertThat(JdbcUrl.redacted("jdbc:postgresql://u:p@ss@h:5432/db?ssl=true")).isEqualTo("jdbc:postgresql://h:5432/db");
        assertThat(JdbcUrl.redacted("jdbc:postgresql://u:p/w@h/db")).isEqualTo("jdbc:postgresql://h/db");
        assertThat(JdbcUrl.redacted("jdbc:postgresql://u:p?x@h/db")).isEqualTo("jdbc:postgresql://h/db");
        assertThat(JdbcUrl.redacted("postgresql://u:p@ss@h/db?schema=public")).isEqualTo("postgresql://h/db");
    }

    @Test
    void keepsTheHostOfAUrlWithoutPathWhoseParameterHoldsAnAtSign() {
        assertThat(JdbcUrl.redacted("jdbc:postgresql://h:5432?user=a@example.com")).isEqualTo("jdbc:postgresql://h:5432");
    }

    @Test
    void dropsCredentialsFromConnectorJHostSpecifications() {
        assertThat(JdbcUrl.redacted("jdbc:mysql://address=(host=db.example)(port=3306)(user=app)(password=s3cret)/shop"))
                .isEqualTo("jdbc:mysql://address=(host=db.example)(port=3306)/shop");
        assertThat(JdbcUrl.redacted("jdbc:mysql://(host=db.example,port=3306,user=app,password=s3cret)/shop?useSSL=true"))
                .isEqualTo("jdbc:mysql://(host=db.example,port=3306)/shop");
        assertThat(JdbcUrl.redacted("jdbc:mysql:replication://[(host=a, password=x,y),address=(password=z)(host=b)]/shop"))
                .isEqualTo("jdbc:mysql:replication://[(host=a),address=(host=b)]/shop");
        assertThat(JdbcUrl.redacted("jdbc:mysql://u:p@(host=h,port=1)/shop")).isEqualTo("jdbc:mysql://(host=h,port=1)/shop");
        assertThat(JdbcUrl.redacted("jdbc:mariadb://address=(host=h)(port=3306)(type=primary)/shop"))
                .isEqualTo("jdbc:mariadb://address=(host=h)(port=3306)(type=primary)/shop");
    }

    @Test
    void withoutAuthorityDropsOnlyParameters() {
        assertThat(JdbcUrl.redacted("jdbc:h2:mem:db;PASSWORD=x")).isEqualTo("jdbc:h2:mem:db");
    }

    @Test
    void nullIsUnknown() {
        assertThat(JdbcUrl.redacted(null)).isEqualTo("(unknown URL)");
    }
}
