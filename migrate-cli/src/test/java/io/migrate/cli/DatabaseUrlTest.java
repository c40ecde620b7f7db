package io.migrate.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseUrlTest {

    @Test
    void prismaUrlBecomesAPgjdbcUrlWithItsSchemaKeptAside() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://app:p%40ss%3Aword@db.example.com:6543/shop"
                + "?schema=sales&sslmode=require&connection_limit=5&pool_timeout=10&connect_timeout=7"
                + "&application_name=my%20app&sslaccept=accept_invalid_certs&pgbouncer=true");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/shop?sslmode=require&connectTimeout=7"
                + "&ApplicationName=my%20app&sslfactory=org.postgresql.ssl.NonValidatingFactory");
        assertThat(url.user()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("p@ss:word");
        assertThat(url.schema()).isEqualTo("sales");
        assertThat(url.secrets()).contains("p%40ss%3Aword", "p@ss:word");
    }

    @Test
    void postgresSchemeAndNoCredentials() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://localhost/app");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/app");
        assertThat(url.user()).isNull();
        assertThat(url.password()).isNull();
        assertThat(url.schema()).isNull();
    }

    @Test
    void userWithoutPasswordAndAPlusThatStaysAPlus() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://a+b@[::1]:5432/db");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432/db");
        assertThat(url.user()).isEqualTo("a+b");
        assertThat(url.password()).isNull();
    }

    @Test
    void jdbcUrlKeepsItsParametersButCredentials() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://h:5432/db?user=me&password=s%2Fecret&currentSchema=x");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db?currentSchema=x");
        assertThat(url.user()).isEqualTo("me");
        assertThat(url.password()).isEqualTo("s/ecret");
        assertThat(url.schema()).isNull();
        assertThat(url.secrets()).contains("s%2Fecret", "s/ecret");
    }

    @Test
    void maskedDropsUserInformationAndParameters() {
        assertThat(DatabaseUrl.masked("postgresql://app:secret@db:5432/shop?sslmode=require")).isEqualTo("postgresql://db:5432/shop");
        assertThat(DatabaseUrl.masked("jdbc:postgresql://db/shop?password=secret")).isEqualTo("jdbc:postgresql://db/shop");
        assertThat(DatabaseUrl.masked("postgresql://app:p@ss@db/shop?x=a@b")).isEqualTo("postgresql://db/shop");
    }

    @Test
    void refusesWhatItCannotConnectTo() {
        assertThatThrownBy(() -> DatabaseUrl.parse(null)).isInstanceOf(UsageException.class)
                .hasMessage("No database URL: pass --url, or set DATABASE_URL, MIGRATE_URL or url in migrate.properties "
                        + "(e.g. postgresql://user:password@localhost:5432/app)");
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://root:pw@localhost/app")).isInstanceOf(UsageException.class)
                .hasMessage("The database URL mysql://localhost/app is not a JDBC URL (jdbc:postgresql://…) "
                        + "nor a postgresql:// or postgres:// URL");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u:pw@localhost/app?host=/var/run/postgresql"))
                .isInstanceOf(UsageException.class)
                .hasMessage("The database URL postgresql://localhost/app names a Unix socket (host=/var/run/postgresql); "
                        + "connect over TCP instead, e.g. postgresql://user@localhost:5432/db");
    }
}
