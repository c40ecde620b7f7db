package io.migrate.it;

import io.migrate.Migrator;
import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationFailedException;
import io.migrate.api.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A non-transactional migration whose first statement failed is retried by the next deploy when the
 * database shows nothing was left, and keeps blocking when something was.
 */
class NonTransactionalRetryIT {

    private static final String INDEX = "20260102000000_index";

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    private List<Map<String, String>> attempts() throws Exception {
        return db.query("SELECT finished_at, rolled_back_at, applied_steps_count, logs FROM _migrations"
                + " WHERE migration_name = '" + INDEX + "' ORDER BY started_at");
    }

    @Test
    void aTypoInTheFirstConcurrentIndexIsRecordedAsRolledBackAndRetried() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_table", "CREATE TABLE t (id int, name text);")
                .add(INDEX, "CREATE INDEX CONCURRENTLY t_name ON t (nme);\nCREATE INDEX CONCURRENTLY t_id ON t (id);\n");
        Migrator migrator = Migrator.configure(db.dataSource()).locations(migrations.location());

        MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, migrator::deploy);

        assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
        assertThat(e.sqlState()).isEqualTo("42703");
        assertThat(e.getMessage()).startsWith("[MIGRATION_FAILED] Migration " + INDEX + " failed at line 1 of ")
                .endsWith("It runs without a transaction; its first statement failed and the database shows nothing left"
                        + " behind, so the attempt is recorded as rolled back. Fix the migration and deploy again; it will"
                        + " be retried.");
        assertThat(attempts()).singleElement().satisfies(row -> {
            assertThat(row.get("rolled_back_at")).isNotNull();
            assertThat(row.get("finished_at")).isNull();
            assertThat(row.get("applied_steps_count")).isEqualTo("0");
            assertThat(row.get("logs")).contains("column \"nme\" does not exist");
        });

        migrations.add(INDEX, "CREATE INDEX CONCURRENTLY t_name ON t (name);\nCREATE INDEX CONCURRENTLY t_id ON t (id);\n");
        assertThat(migrator.deploy().applied()).extracting(a -> a.name()).containsExactly(INDEX);
        assertThat(attempts()).hasSize(2).last().satisfies(row -> assertThat(row.get("finished_at")).isNotNull());
    }

    @Test
    void aFirstStatementThatLeftAnInvalidIndexKeepsBlocking() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_table", "CREATE TABLE t (id int);\nINSERT INTO t VALUES (1), (1);")
                .add(INDEX, "CREATE UNIQUE INDEX CONCURRENTLY t_id ON t (id);\n");
        Migrator migrator = Migrator.configure(db.dataSource()).locations(migrations.location());

        MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, migrator::deploy);

        assertThat(e.sqlState()).isEqualTo("23505");
        assertThat(e.getMessage()).contains("It runs without a transaction: 0 of 1 statements were applied and remain."
                + " It is recorded as failed, which blocks later deploys.")
                .contains("Left behind: index \"public\".\"t_id\" on t is INVALID");
        assertThat(attempts()).singleElement().satisfies(row -> assertThat(row.get("rolled_back_at")).isNull());
        ValidationException refused = catchThrowableOfType(ValidationException.class, migrator::deploy);
        assertThat(refused.code()).isEqualTo(ErrorCode.FAILED_MIGRATION_PRESENT);
    }

    @Test
    void aFailureAfterTheFirstStatementKeepsBlocking() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_table", "CREATE TABLE t (id int, name text);")
                .add(INDEX, "CREATE INDEX CONCURRENTLY t_id ON t (id);\nCREATE INDEX CONCURRENTLY t_name ON t (nme);\n");
        Migrator migrator = Migrator.configure(db.dataSource()).locations(migrations.location());

        MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, migrator::deploy);

        assertThat(e.getMessage()).contains("1 of 2 statements were applied and remain");
        assertThat(attempts()).singleElement().satisfies(row -> assertThat(row.get("rolled_back_at")).isNull());
    }

    @Test
    void aPublisherThatCannotBeReachedIsTheStatementsFailureNotALostConnection() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_table", "CREATE TABLE t (id int);")
                .add(INDEX, "CREATE SUBSCRIPTION s_unreachable CONNECTION 'host=127.0.0.1 port=" + port + " dbname=x'"
                        + " PUBLICATION p;\n");
        Migrator migrator = Migrator.configure(db.dataSource()).locations(migrations.location());

        MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, migrator::deploy);

        assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
        // PostgreSQL 14 and later give the connection failure's class 08; 13 reports it as an internal error
        assertThat(e.sqlState()).as("the server's own connection to the publisher failed").matches("08...|XX000");
        assertThat(e.getMessage()).startsWith("[MIGRATION_FAILED] Migration " + INDEX + " failed at line 1 of ")
                .contains("could not connect to the publisher")
                .endsWith("so the attempt is recorded as rolled back. Fix the migration and deploy again; it will"
                        + " be retried.");
        assertThat(attempts()).singleElement().satisfies(row -> {
            assertThat(row.get("rolled_back_at")).isNotNull();
            assertThat(row.get("logs")).contains("could not connect to the publisher");
        });
    }

    @Test
    void aFailedProcedureCallMayHaveCommittedAndKeepsBlocking() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_table", "CREATE TABLE t (id int);\nCREATE PROCEDURE p() LANGUAGE plpgsql AS $$"
                        + " BEGIN INSERT INTO t VALUES (1); COMMIT; PERFORM 1 / 0; END $$;")
                .add(INDEX, "-- migrate:no-transaction\nCALL p();\n");
        Migrator migrator = Migrator.configure(db.dataSource()).locations(migrations.location());

        MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, migrator::deploy);

        assertThat(e.sqlState()).isEqualTo("22012");
        assertThat(db.column("SELECT count(*) FROM t")).as("what the procedure committed stays").containsExactly("1");
        assertThat(e.getMessage()).contains("It is recorded as failed, which blocks later deploys.");
        assertThat(attempts()).singleElement().satisfies(row -> assertThat(row.get("rolled_back_at")).isNull());
    }
}
