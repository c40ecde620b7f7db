package io.migrate.it;

import io.migrate.Migrator;
import io.migrate.api.DeployResult;
import io.migrate.api.ErrorCode;
import io.migrate.api.LockTimeoutException;
import io.migrate.postgres.PostgresDialect;
import io.migrate.testkit.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LockIT {

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    @Test
    void aLockTimeoutSaysWhoHoldsTheLock() throws Exception {
        MigrationDir migrations = new MigrationDir(dir).add("20260101000000_a", "CREATE TABLE a (id int);");
        try (Connection holder = db.connect()) {
            try (Statement st = holder.createStatement()) {
                st.execute("SET application_name = 'other-deployer'");
            }
            try (PreparedStatement ps = holder.prepareStatement("SELECT pg_advisory_lock(?)")) {
                ps.setLong(1, PostgresDialect.lockKey("public", "_migrations"));
                ps.execute();
            }

            LockTimeoutException e = catchThrowableOfType(LockTimeoutException.class, () -> Migrator.configure(db.dataSource())
                    .locations(migrations.location()).lockTimeout(Duration.ofMillis(700)).deploy());

            assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
            assertThat(e.getMessage())
                    .startsWith("[LOCK_TIMEOUT] Could not take the migration lock for public._migrations within 700 ms:"
                            + " it is held by backend pid ")
                    .contains("application 'other-deployer'")
                    .contains("SELECT pg_terminate_backend(<pid>)");
            assertThat(db.tableExists("a")).isFalse();
        }
        assertThat(Migrator.configure(db.dataSource()).locations(migrations.location()).deploy().applied()).hasSize(1);
    }

    @Test
    void aLockTimeoutNamesTheHolderInThisDatabaseNotOneElsewhereWithTheSameKey() throws Exception {
        MigrationDir migrations = new MigrationDir(dir).add("20260101000000_a", "CREATE TABLE a (id int);");
        long key = PostgresDialect.lockKey("public", "_migrations");
        // Another database of the server, deployed with the same schema and table, holds the same key.
        try (Database elsewhere = TestDatabase.another(); Connection other = elsewhere.connect(); Connection holder = db.connect()) {
            String otherPid = holdLock(other, "elsewhere-deployer", key);
            String holderPid = holdLock(holder, "other-deployer", key);

            LockTimeoutException e = catchThrowableOfType(LockTimeoutException.class, () -> Migrator.configure(db.dataSource())
                    .locations(migrations.location()).lockTimeout(Duration.ofMillis(500)).deploy());

            assertThat(e.getMessage()).contains("it is held by backend pid " + holderPid + " ")
                    .contains("application 'other-deployer'")
                    .doesNotContain("elsewhere-deployer").doesNotContain("pid " + otherPid + " ");
        }
    }

    private static String holdLock(Connection connection, String application, long key) throws Exception {
        try (Statement st = connection.createStatement()) {
            st.execute("SET application_name = '" + application + "'");
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
            ps.setLong(1, key);
            ps.execute();
        }
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void theLockIsReleasedAfterAFailedDeploy() throws Exception {
        MigrationDir migrations = new MigrationDir(dir).add("20260101000000_bad", "SELECT * FROM nowhere;");
        assertThatThrownBy(() -> Migrator.configure(db.dataSource()).locations(migrations.location()).deploy())
                .hasMessageStartingWith("[MIGRATION_FAILED]");

        assertThat(db.column("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")).containsExactly("0");
        migrations.add("20260101000000_bad", "SELECT 1;");
        DeployResult result = Migrator.configure(db.dataSource()).locations(migrations.location())
                .lockTimeout(Duration.ofSeconds(1)).deploy();
        assertThat(result.applied()).hasSize(1);
    }

    @Test
    void aConcurrentIndexBuildDoesNotDeadlockWithAWaitingDeployer() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20251231000000_big", "CREATE TABLE big AS SELECT g AS id, md5(g::text) AS label FROM generate_series(1, 50000) g;")
                .add("20260101000000_index", "CREATE INDEX CONCURRENTLY big_label_idx ON big (label);")
                .add("20260102000000_after", "CREATE TABLE after_index (id int);");
        Migrator.configure(db.dataSource()).locations(migrations.location()).target("20251231000000_big").deploy();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<DeployResult> a = pool.submit(() -> Migrator.configure(db.dataSource()).locations(migrations.location()).deploy());
            Future<DeployResult> b = pool.submit(() -> Migrator.configure(db.dataSource()).locations(migrations.location()).deploy());
            Future<DeployResult> c = pool.submit(() -> Migrator.configure(db.dataSource()).locations(migrations.location()).deploy());

            int applied = a.get(2, TimeUnit.MINUTES).applied().size() + b.get(2, TimeUnit.MINUTES).applied().size()
                    + c.get(2, TimeUnit.MINUTES).applied().size();
            assertThat(applied).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
        assertThat(db.column("SELECT indisvalid FROM pg_index WHERE indexrelid = 'big_label_idx'::regclass")).containsExactly("t");
    }
}
