package io.migrate.mariadb;

import io.migrate.spi.ScriptSyntaxException;
import io.migrate.spi.SqlStatement;
import io.migrate.spi.SqlStatement.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class MariaDbSplitterTest {

    private static List<SqlStatement> split(String script) {
        return MariaDbSplitter.split(script);
    }

    @Test
    void splitsAtSemicolonsOutsideQuotesAndComments() {
        assertThat(split("SELECT 'a;b', \"c;d\", `e;f`; # x;y\nSELECT 1 -- z;w\n;\n/* ; */ SELECT 2;"))
                .extracting(SqlStatement::sql, SqlStatement::line)
                .containsExactly(tuple("SELECT 'a;b', \"c;d\", `e;f`", 1), tuple("SELECT 1 -- z;w", 2),
                        tuple("SELECT 2", 4));
    }

    @Test
    void needsASpaceAfterTwoDashesForAComment() {
        assertThat(split("SELECT 5--3;\nSELECT 1 --\tnote ;\n;")).extracting(SqlStatement::sql)
                .containsExactly("SELECT 5--3", "SELECT 1 --\tnote ;");
    }

    @Test
    void takesBackslashEscapesInStrings() {
        assertThat(split("INSERT INTO t VALUES ('it\\'s; ok', 'C:\\\\');\nSELECT 1;")).extracting(SqlStatement::sql)
                .containsExactly("INSERT INTO t VALUES ('it\\'s; ok', 'C:\\\\')", "SELECT 1");
    }

    @Test
    void keepsVersionedCommentsAsCode() {
        List<SqlStatement> statements = split("/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE */;\n"
                + "/*!40014 SET FOREIGN_KEY_CHECKS=0 */;\n/*M!100100 SET @x = 1 */;\n/* plain */;\n");
        assertThat(statements).extracting(SqlStatement::sql, SqlStatement::kind).containsExactly(
                tuple("/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE */", Kind.ORDINARY),
                tuple("/*!40014 SET FOREIGN_KEY_CHECKS=0 */", Kind.ORDINARY),
                tuple("/*M!100100 SET @x = 1 */", Kind.ORDINARY));
    }

    @Test
    void changesTheDelimiterForRoutineBodies() {
        String script = """
                CREATE TABLE t (a INT);
                DELIMITER //
                CREATE PROCEDURE p()
                BEGIN
                  INSERT INTO t VALUES (1);
                  INSERT INTO t VALUES (2);
                END//
                delimiter ;
                CALL p();
                DELIMITER $$
                CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = NEW.a + 1; END $$
                DELIMITER ;
                """;
        assertThat(split(script)).extracting(SqlStatement::sql, SqlStatement::line, SqlStatement::kind).containsExactly(
                tuple("CREATE TABLE t (a INT)", 1, Kind.NON_TRANSACTIONAL),
                tuple("CREATE PROCEDURE p()\nBEGIN\n  INSERT INTO t VALUES (1);\n  INSERT INTO t VALUES (2);\nEND", 3,
                        Kind.NON_TRANSACTIONAL),
                tuple("CALL p()", 9, Kind.NON_TRANSACTIONAL),
                tuple("CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = NEW.a + 1; END", 11,
                        Kind.NON_TRANSACTIONAL));
    }

    @Test
    void endsAStatementAtTheDelimiterInsideVersionedCode() {
        assertThat(split("DELIMITER ;;\n/*!50003 CREATE*/ /*!50003 TRIGGER tr AFTER INSERT ON t FOR EACH ROW"
                + " BEGIN SET @n = 1; END */;;\nDELIMITER ;\n"))
                .extracting(SqlStatement::sql, SqlStatement::kind)
                .containsExactly(tuple("/*!50003 CREATE*/ /*!50003 TRIGGER tr AFTER INSERT ON t FOR EACH ROW BEGIN SET @n = 1;"
                        + " END */", Kind.NON_TRANSACTIONAL));
    }

    @Test
    void marksDdlAsNonTransactionalAndDataChangesAsOrdinary() {
        assertThat(split("""
                START TRANSACTION;
                INSERT INTO t VALUES (1);
                UPDATE t SET a = 2;
                DELETE FROM t;
                REPLACE INTO t VALUES (3);
                SET @a = 1;
                SAVEPOINT s;
                ROLLBACK TO s;
                COMMIT;
                BEGIN;
                ROLLBACK;
                ALTER TABLE t ADD COLUMN b INT;
                TRUNCATE t;
                RENAME TABLE t TO u;
                GRANT SELECT ON u TO x;
                SET PASSWORD FOR x = PASSWORD('p');
                DELIMITER //
                BEGIN NOT ATOMIC SELECT 1; END//
                """)).extracting(SqlStatement::kind).containsExactly(
                Kind.BEGIN, Kind.ORDINARY, Kind.ORDINARY, Kind.ORDINARY, Kind.ORDINARY, Kind.ORDINARY, Kind.ORDINARY,
                Kind.ORDINARY, Kind.COMMIT, Kind.BEGIN, Kind.ROLLBACK, Kind.NON_TRANSACTIONAL, Kind.NON_TRANSACTIONAL,
                Kind.NON_TRANSACTIONAL, Kind.NON_TRANSACTIONAL, Kind.NON_TRANSACTIONAL, Kind.NON_TRANSACTIONAL);
    }

    @Test
    void namesTheLineOfAnUnterminatedConstruct() {
        assertThatThrownBy(() -> split("SELECT 1;\nSELECT 'open;\n"))
                .isInstanceOf(ScriptSyntaxException.class).hasMessage("line 2: a string opened with ' is not closed");
        assertThatThrownBy(() -> split("SELECT `open"))
                .isInstanceOf(ScriptSyntaxException.class).hasMessage("line 1: an identifier opened with ` is not closed");
        assertThatThrownBy(() -> split("\n\n/* open"))
                .isInstanceOf(ScriptSyntaxException.class).hasMessage("line 3: a /* comment is not closed with */");
        assertThatThrownBy(() -> split("SELECT 1;\n/*!40101 SET @a = 1"))
                .isInstanceOf(ScriptSyntaxException.class).hasMessage("line 2: a /*! comment is not closed with */");
    }

    @Test
    void refusesADelimiterCommandWithoutDelimiter() {
        assertThatThrownBy(() -> split("SELECT 1;\nDELIMITER\nSELECT 2;"))
                .isInstanceOf(ScriptSyntaxException.class)
                .hasMessage("line 2: DELIMITER must be followed by the new delimiter, without backslashes, such as"
                        + " DELIMITER // (and DELIMITER ; to go back)");
    }

    @Test
    void readsDelimiterOnlyAtTheStartOfAStatement() {
        assertThat(split("SELECT 1 AS delimiter;\nSELECT delimiter FROM t;")).extracting(SqlStatement::sql)
                .containsExactly("SELECT 1 AS delimiter", "SELECT delimiter FROM t");
    }
}
