package io.migrate.it;

import io.migrate.postgres.PostgresDialect;
import io.migrate.spi.Dialect;
import io.migrate.tck.DialectConformance;
import io.migrate.tck.KitDatabase;
import io.migrate.tck.KitSql;
import io.migrate.testkit.Database;

/**
 * The dialect conformance kit against PostgreSQL. It runs here rather than in migrate-postgres,
 * because its empty databases come from the testkit, which depends on migrate-postgres.
 */
class PostgresConformanceIT implements DialectConformance {

    @Override
    public Dialect dialect() {
        return new PostgresDialect();
    }

    @Override
    public KitDatabase newDatabase() {
        Database database = TestDatabase.another();
        return new KitDatabase(database.jdbcUrl(), database.user(), database.password(), "kit_other", database::close);
    }

    @Override
    public KitSql sql() {
        return KitSql.standard()
                .nonTransactional("CREATE INDEX CONCURRENTLY kit_nt_idx ON kit_a (note)")
                .sleep(seconds -> "SELECT pg_sleep(" + seconds + ")")
                .sessionId("SELECT pg_backend_pid()")
                .kill(pid -> "SELECT pg_terminate_backend(" + pid + ")")
                .secret(password -> "ALTER ROLE kit_no_such_role PASSWORD '" + password + "'")
                .splitStatements(
                        "SELECT $$a;b$$",
                        "SELECT $tag$ x; $$ y $tag$",
                        "SELECT E'it\\'s; e'",
                        "SELECT \"q;\"\"x\" FROM t",
                        "SELECT 1 /* nested /* ; */ still */ FROM t",
                        "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END")
                .unterminated("SELECT $$open", "SELECT 1;\nSELECT E'a\\'", "SELECT 1;\n/* /* */");
    }
}
