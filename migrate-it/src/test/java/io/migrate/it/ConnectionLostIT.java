package io.migrate.it;

import io.migrate.Migrator;
import io.migrate.api.DeployResult;
import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ConnectionLostIT {

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    @Test
    void aConnectionKilledMidMigrationIsReportedAndTheNextDeployAppliesItCleanly() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_first", "CREATE TABLE control (hold boolean); INSERT INTO control VALUES (true);")
                .add("20260102000000_slow", """
                        CREATE TABLE slow (id int);
                        SELECT pg_sleep(CASE WHEN (SELECT hold FROM control) THEN 300 ELSE 0 END);
                        """);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<DeployResult> deploy = pool.submit(() -> Migrator.configure(db.dataSource()).locations(migrations.location()).deploy());
            List<String> victim = List.of();
            for (int i = 0; i < 600 && victim.isEmpty(); i++) {
                victim = db.column("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND query LIKE 'SELECT pg_sleep(%' AND state = 'active'");
                if (victim.isEmpty()) {
                    Thread.sleep(100);
                }
            }
            assertThat(victim).as("the deploy reached the slow statement").hasSize(1);
            db.execute("SELECT pg_terminate_backend(" + victim.get(0) + ")");

            MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, () -> {
                try {
                    deploy.get(1, TimeUnit.MINUTES);
                } catch (java.util.concurrent.ExecutionException x) {
                    throw x.getCause();
                }
            });
            assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_LOST);
            assertThat(e.getMessage())
                    .startsWith("[CONNECTION_LOST] Migration 20260102000000_slow lost its connection at line 2 of ")
                    .contains("nothing of it was applied")
                    .contains("deploy again");
        } finally {
            pool.shutdownNow();
        }
        assertThat(db.tableExists("slow")).isFalse();
        assertThat(db.column("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")).containsExactly("0");

        db.execute("UPDATE control SET hold = false");
        DeployResult retry = Migrator.configure(db.dataSource()).locations(migrations.location()).deploy();
        assertThat(retry.applied()).extracting(a -> a.name()).containsExactly("20260102000000_slow");
        assertThat(db.tableExists("slow")).isTrue();
    }
}
