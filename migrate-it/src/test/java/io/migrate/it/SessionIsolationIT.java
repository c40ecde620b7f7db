package io.migrate.it;

import io.migrate.Migrator;
import io.migrate.api.MigrationFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What one migration does to its session does not reach the next one of the same deploy: each
 * behaves as it would deployed alone.
 */
class SessionIsolationIT {

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    private Migrator migrator(MigrationDir migrations) {
        return Migrator.configure(db.dataSource()).locations(migrations.location());
    }

    @Test
    void aSearchPathSetByOneMigrationDoesNotDecideWhereTheNextCreatesItsTables() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_other", "CREATE SCHEMA other;\nSET search_path = other;\nCREATE TABLE in_other (id int);\n")
                .add("20260102000000_next", "CREATE TABLE next_table (id int);\n");

        assertThat(migrator(migrations).deploy().applied()).hasSize(2);

        assertThat(db.column("SELECT table_schema FROM information_schema.tables WHERE table_name IN ('in_other', 'next_table')"
                + " ORDER BY table_name")).containsExactly("other", "public");
    }

    @Test
    void resetAllInOneMigrationDoesNotDropTheConfiguredSchemaForTheNext() throws Exception {
        db.execute("CREATE SCHEMA app");
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_reset", "CREATE TABLE first_table (id int);\nRESET ALL;\n")
                .add("20260102000000_next", "CREATE TABLE next_table (id int);\n");

        assertThat(migrator(migrations).schema("app").deploy().applied()).hasSize(2);

        assertThat(db.column("SELECT table_schema || '.' || table_name FROM information_schema.tables"
                + " WHERE table_name IN ('first_table', 'next_table') ORDER BY table_name"))
                .containsExactly("app.first_table", "app.next_table");
    }

    @Test
    void replicationRoleReplicaInOneMigrationDoesNotTurnOffForeignKeysInTheNext() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_replica", "SET session_replication_role = replica;\nCREATE TABLE parent (id int PRIMARY KEY);\n")
                .add("20260102000000_orphan", "CREATE TABLE child (parent int REFERENCES parent);\nINSERT INTO child VALUES (1);\n");

        MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, migrator(migrations)::deploy);

        assertThat(e.migration()).isEqualTo("20260102000000_orphan");
        assertThat(e.sqlState()).as("the foreign key is enforced, as when deployed alone").isEqualTo("23503");
        assertThat(db.tableExists("child")).isFalse();
    }

    @Test
    void aStatementTimeoutSetByOneMigrationDoesNotCutTheNextShort() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_short", "CREATE TABLE a (id int);\nSET statement_timeout = 200;\n")
                .add("20260102000000_slow", "SELECT pg_sleep(0.6);\nCREATE TABLE b (id int);\n");

        assertThat(migrator(migrations).deploy().applied()).hasSize(2);
        assertThat(db.tableExists("b")).isTrue();
    }

    @Test
    void aReadOnlyDefaultSetByOneMigrationDoesNotStopTheNext() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_read_only", "CREATE TABLE a (id int);\nSET default_transaction_read_only = on;\n")
                .add("20260102000000_write", "CREATE TABLE b (id int);\n")
                .add("20260103000000_write_without_transaction", "-- migrate:no-transaction\nCREATE TABLE c (id int);\n");

        assertThat(migrator(migrations).deploy().applied()).hasSize(3);
        assertThat(db.tableExists("c")).isTrue();
        assertThat(db.column("SELECT count(*) FROM _migrations WHERE finished_at IS NOT NULL")).containsExactly("3");
    }

    @Test
    void aRoleSetByOneMigrationDoesNotOwnWhatTheNextCreates() throws Exception {
        String role = "migrate_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        db.execute("CREATE ROLE " + role + " NOLOGIN");
        try {
            MigrationDir migrations = new MigrationDir(dir)
                    .add("20260101000000_role", "-- migrate:no-transaction\nCREATE TABLE a (id int);\nSET ROLE " + role + ";\n")
                    .add("20260102000000_next", "CREATE TABLE b (id int);\n");

            assertThat(migrator(migrations).deploy().applied()).hasSize(2);

            assertThat(db.column("SELECT tableowner FROM pg_tables WHERE tablename = 'b'")).containsExactly(db.server().user());
        } finally {
            db.execute("DROP ROLE " + role);
        }
    }

    /** A data source that hands out one connection of the application's, whose close() the pool would intercept. */
    private static DataSource handOut(Connection connection) {
        Connection kept = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> method.getName().equals("close") ? null : invoke(connection, method, args));
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return kept;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void theApplicationsOwnSessionSettingsComeBackAfterTheDeploy() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_a", "SET statement_timeout = 200;\nSET search_path = nowhere, public;\nCREATE TABLE a (id int);\n")
                .add("20260102000000_b", "SET work_mem = '77MB';\nCREATE TABLE b (id int);\n");
        try (Connection connection = db.connect()) {
            try (Statement st = connection.createStatement()) {
                st.execute("SET application_name = 'app'; SET search_path = public, pg_catalog; SET work_mem = '5MB'");
            }
            assertThat(Migrator.configure(handOut(connection)).locations(migrations.location()).deploy().applied()).hasSize(2);

            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT"
                    + " current_setting('application_name'), current_setting('search_path'), current_setting('work_mem'),"
                    + " current_setting('statement_timeout')")) {
                rs.next();
                assertThat(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)})
                        .containsExactly("app", "public, pg_catalog", "5MB", "0");
            }
        }
    }
}
