package io.migrate.mariadb;

import io.migrate.spi.Dialect;
import io.migrate.tck.DialectConformance;
import io.migrate.tck.KitDatabase;
import io.migrate.tck.KitSql;

/** The conformance kit against the MariaDB (or MySQL) server of {@link MariaDbServer}. */
class MariaDbConformanceIT implements DialectConformance {

    @Override
    public Dialect dialect() {
        return new MariaDbDialect();
    }

    @Override
    public KitDatabase newDatabase() throws Exception {
        return MariaDbServer.newDatabase();
    }

    @Override
    public KitSql sql() {
        return KitSql.standard()
                .ddlTransactional(false)
                .nonTransactional("CREATE INDEX kit_nt_idx ON kit_a (note)")
                .sleep(seconds -> "SELECT SLEEP(" + seconds + ")")
                .sessionId("SELECT CONNECTION_ID()")
                .kill(id -> "KILL " + id)
                .secret(password -> "ALTER USER 'kit_no_such_user'@'%' IDENTIFIED BY '" + password + "'")
                .splitStatements(
                        "SELECT `a;b` FROM `t``;x`",
                        "SELECT 'it\\'s; fine', 'back\\\\' FROM t",
                        "SELECT \"dq; \\\" still\" FROM t",
                        "SELECT 1 # hash ; comment\nFROM t",
                        "SELECT 5--3, 1 -- dash ; comment\nFROM t",
                        "/*!40101 SET @kit = 1 */",
                        "SELECT /*!50000 SQL_NO_CACHE */ a FROM t",
                        "CREATE TABLE t (a INT) /*M!100100 COMMENT 'x;y' */")
                .splitGaps("# hash comment\n", "-- \n", "--\ttab comment\n", "/* ; */")
                .unterminated("SELECT `open", "SELECT 1;\nSELECT \"open", "SELECT 1;\nSELECT 'a\\'", "SELECT 1;\n/*!40101 SET @kit = 1");
    }
}
