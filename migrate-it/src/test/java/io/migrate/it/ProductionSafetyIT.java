package io.migrate.it;

import io.migrate.Migrator;
import io.migrate.api.DeployResult;
import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Lock and statement timeouts, retry on lock contention, progress for long migrations. */
class ProductionSafetyIT {

    private static final String ACCOUNTS = "20260101000000_accounts";
    private static final String ADD_COLUMN = "20260102000000_add_plan_column";

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @TempDir
    Path dir;

    private MigrationDir accounts() {
        return new MigrationDir(dir).add(ACCOUNTS, "CREATE TABLE accounts (id int PRIMARY KEY); INSERT INTO accounts VALUES (1);");
    }

    @Test
    void aMigrationBlockedByALongTransactionFailsFastAndIsRetriedUntilTheLockIsFree() throws Exception {
        MigrationDir migrations = accounts();
        Migrator.configure(db.dataSource()).locations(migrations.location()).deploy();
        migrations.add(ADD_COLUMN, "ALTER TABLE accounts ADD COLUMN plan text;\nUPDATE accounts SET plan = 'free';\n");

        try (Connection competitor = db.connect(); Statement st = competitor.createStatement()) {
            competitor.setAutoCommit(false);
            st.execute("SELECT * FROM accounts"); // an open transaction holding ACCESS SHARE on the table
            CompletableFuture<DeployResult> deploy = CompletableFuture.supplyAsync(() -> Migrator.configure(db.dataSource())
                    .locations(migrations.location()).lockWaitTimeout(Duration.ofMillis(200)).lockRetries(5).deploy());

            // The first attempt gives up on the lock and is rolled back; then the competitor finishes.
            logs.await(l -> l.startsWith("WARN Migration " + ADD_COLUMN + " could not get a lock (attempt 1 of 6"), Duration.ofMinutes(1));
            competitor.commit();

            DeployResult result = deploy.get(1, TimeUnit.MINUTES);
            assertThat(result.applied()).extracting(a -> a.name()).containsExactly(ADD_COLUMN);
        }
        assertThat(db.column("SELECT plan FROM accounts")).containsExactly("free");
        assertThat(db.column("SELECT count(*) FROM _migrations WHERE migration_name = '" + ADD_COLUMN + "'"))
                .as("retried attempts leave no rows of their own").containsExactly("1");
    }

    @Test
    void whenTheLockNeverComesTheMigrationFailsWithLockNotAvailableAndNothingOfItRemains() throws Exception {
        MigrationDir migrations = accounts();
        Migrator.configure(db.dataSource()).locations(migrations.location()).deploy();
        migrations.add(ADD_COLUMN, "-- migrate:lock-timeout 100ms\nCREATE TABLE audit (id int);\nALTER TABLE accounts ADD COLUMN plan text;\n");

        MigrationFailedException failure;
        try (Connection competitor = db.connect(); Statement st = competitor.createStatement()) {
            competitor.setAutoCommit(false);
            st.execute("SELECT * FROM accounts");
            // The file's directive wins over the builder's generous setting.
            failure = catchThrowableOfType(MigrationFailedException.class, () -> Migrator.configure(db.dataSource())
                    .locations(migrations.location()).lockWaitTimeout(Duration.ofMinutes(10)).lockRetries(1).deploy());
            competitor.rollback();
        }
        assertThat(failure.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
        assertThat(failure.sqlState()).isEqualTo("55P03");
        assertThat(failure.line()).isEqualTo(3);
        assertThat(failure.getMessage()).contains("It waited too long for a lock 2 times")
                .contains("rolled back: nothing of it was applied");
        assertThat(logs.lines()).filteredOn(l -> l.contains("could not get a lock")).hasSize(1);
        assertThat(db.tableExists("audit")).isFalse();
        assertThat(db.column("SELECT count(*) FROM _migrations WHERE migration_name = '" + ADD_COLUMN
                + "' AND rolled_back_at IS NOT NULL")).containsExactly("1");
    }

    @Test
    void aStatementTimeoutStopsARunawayStatementAndADirectiveCanLiftIt() throws Exception {
        MigrationDir migrations = accounts()
                .add("20260102000000_slow_but_known", "-- migrate:statement-timeout 0\nSELECT pg_sleep(0.3);\n")
                .add("20260103000000_runaway", "SELECT pg_sleep(30);\n");

        MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class, () -> Migrator.configure(db.dataSource())
                .locations(migrations.location()).statementTimeout(Duration.ofMillis(200)).deploy());

        assertThat(failure.migration()).isEqualTo("20260103000000_runaway");
        assertThat(failure.sqlState()).isEqualTo("57014");
        assertThat(failure.getMessage()).contains("canceling statement due to statement timeout");
        assertThat(db.column("SELECT migration_name FROM _migrations WHERE finished_at IS NOT NULL ORDER BY 1"))
                .containsExactly(ACCOUNTS, "20260102000000_slow_but_known");
    }

    @Test
    void aLongMigrationReportsItsProgressAtTheConfiguredInterval() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_long", "CREATE TABLE t (id int);\n\nSELECT pg_sleep(1.5);\nDROP TABLE t;\n");

        Migrator.configure(db.dataSource()).locations(migrations.location()).progressInterval(Duration.ofMillis(100)).deploy();

        assertThat(logs.lines()).anySatisfy(l -> assertThat(l)
                .matches("INFO Still applying 20260101000000_long: statement 2 of 3 \\(line 3\\), \\d+ s so far"));
    }
}
