package io.migrate.mariadb;

import io.migrate.spi.ErrorKind;
import io.migrate.spi.SqlStatement;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MariaDbDialectTest {

    private final MariaDbDialect dialect = new MariaDbDialect();

    @Test
    void masksPasswordsInEveryFormTheServerTakes() {
        assertThat(dialect.maskSecrets("CREATE USER 'app'@'%' IDENTIFIED BY 'pa''ss\\'word'"))
                .isEqualTo("CREATE USER 'app'@'%' IDENTIFIED BY '***'");
        assertThat(dialect.maskSecrets("ALTER USER app IDENTIFIED WITH mysql_native_password BY \"s3cret\""))
                .isEqualTo("ALTER USER app IDENTIFIED WITH mysql_native_password BY '***'");
        assertThat(dialect.maskSecrets("CREATE USER app IDENTIFIED BY PASSWORD '*94BDCEBE19083CE2A1F959FD02F964C7AF4CFC29'"))
                .isEqualTo("CREATE USER app IDENTIFIED BY PASSWORD '***'");
        assertThat(dialect.maskSecrets("CREATE USER app IDENTIFIED VIA ed25519 USING PASSWORD('s3cret')"))
                .isEqualTo("CREATE USER app IDENTIFIED VIA ed25519 USING PASSWORD('***')");
        assertThat(dialect.maskSecrets("SET PASSWORD FOR app = PASSWORD('s3cret')"))
                .isEqualTo("SET PASSWORD FOR app = PASSWORD('***')");
        assertThat(dialect.maskSecrets("SET PASSWORD FOR 'app'@'%' = 's3cret'"))
                .isEqualTo("SET PASSWORD FOR 'app'@'%' = '***'");
        assertThat(dialect.maskSecrets("CHANGE MASTER TO MASTER_USER='r', MASTER_PASSWORD='s3cret'"))
                .isEqualTo("CHANGE MASTER TO MASTER_USER='r', MASTER_PASSWORD='***'");
        assertThat(dialect.maskSecrets("CREATE SERVER s FOREIGN DATA WRAPPER mysql OPTIONS (USER 'r', PASSWORD 's3cret')"))
                .isEqualTo("CREATE SERVER s FOREIGN DATA WRAPPER mysql OPTIONS (USER 'r', PASSWORD '***')");
        assertThat(dialect.maskSecrets("SELECT 'password' AS word, password FROM users")).isEqualTo(
                "SELECT 'password' AS word, password FROM users");
        assertThat(dialect.maskSecrets(null)).isNull();
    }

    @Test
    void classifiesTheServersLockAndSessionErrors() {
        assertThat(dialect.classify(new SQLException("Lock wait timeout exceeded", "HY000", 1205)))
                .isEqualTo(ErrorKind.LOCK_NOT_AVAILABLE);
        assertThat(dialect.classify(new SQLException("Deadlock found", "40001", 1213))).isEqualTo(ErrorKind.LOCK_NOT_AVAILABLE);
        assertThat(dialect.classify(new SQLException("Connection was killed", "70100", 1927))).isEqualTo(ErrorKind.CONNECTION_LOST);
        assertThat(dialect.classify(new SQLException("Query execution was interrupted", "70100", 1317))).isEqualTo(ErrorKind.OTHER);
        assertThat(dialect.classify(new SQLException("socket closed", "08000", 0))).isEqualTo(ErrorKind.CONNECTION_LOST);
        assertThat(dialect.classify(new SQLException("Table 'x' already exists", "42S01", 1050))).isEqualTo(ErrorKind.OTHER);
    }

    @Test
    void classifiesTheErrorsAsConnectorJAndMySqlReportThem() {
        assertThat(dialect.classify(new SQLException("Lock wait timeout exceeded; try restarting transaction", "40001", 1205)))
                .isEqualTo(ErrorKind.LOCK_NOT_AVAILABLE);
        assertThat(dialect.classify(new SQLException("Statement aborted because lock(s) could not be acquired immediately and"
                + " NOWAIT is set.", "HY000", 3572))).isEqualTo(ErrorKind.LOCK_NOT_AVAILABLE);
        assertThat(dialect.classify(new SQLException("Communications link failure", "08S01", 0)))
                .isEqualTo(ErrorKind.CONNECTION_LOST);
        assertThat(dialect.classify(new SQLException("The client was disconnected by the server because of inactivity.",
                "HY000", 4031))).isEqualTo(ErrorKind.CONNECTION_LOST);
        assertThat(dialect.classify(new SQLException("Query execution was interrupted, maximum statement execution time"
                + " exceeded", "HY000", 3024))).isEqualTo(ErrorKind.OTHER);
    }

    @Test
    void knowsWhichFailedStatementsTheServerUndoes() {
        for (String sql : List.of("CREATE TABLE t (a INT)", "create unique index i on t (a)", "ALTER TABLE t ADD b INT",
                "RENAME TABLE t TO u", "/*!50003 CREATE*/ /*!50003 TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET @a = 1 */",
                "DROP INDEX i ON t", "CREATE VIEW v AS SELECT 1")) {
            assertThat(dialect.leavesNothingWhenFailed(new SqlStatement(sql, 1, SqlStatement.Kind.NON_TRANSACTIONAL)))
                    .as(sql).isTrue();
        }
        for (String sql : List.of("CREATE OR REPLACE TABLE t (a INT)", "DROP TABLE a, b", "CALL p()",
                "INSERT INTO t VALUES (1), (2)", "TRUNCATE t", "GRANT SELECT ON t TO u")) {
            assertThat(dialect.leavesNothingWhenFailed(new SqlStatement(sql, 1, SqlStatement.Kind.NON_TRANSACTIONAL)))
                    .as(sql).isFalse();
        }
    }
}
