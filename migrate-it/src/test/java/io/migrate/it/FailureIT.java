package io.migrate.it;

import io.migrate.Migrator;
import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationFailedException;
import io.migrate.api.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FailureIT {

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    @Test
    void aFailingTransactionalMigrationIsRolledBackCompletelyRecordedAndRetriedByTheNextDeploy() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_users", "CREATE TABLE users (id int PRIMARY KEY, name text);")
                .add("20260102000000_broken", """
                        CREATE TABLE audit (id int);
                        INSERT INTO users (id, name) VALUES (1, 'a');
                        UPDATE users
                           SET nme = 'b'
                         WHERE id = 1;
                        """);
        Migrator migrator = Migrator.configure(db.dataSource()).locations(migrations.location());

        MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class, migrator::deploy);

        assertThat(failure.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
        assertThat(failure.migration()).isEqualTo("20260102000000_broken");
        assertThat(failure.sqlState()).isEqualTo("42703");
        assertThat(failure.line()).as("the server's error position points into line 4").isEqualTo(4);
        assertThat(failure.transactional()).isTrue();
        assertThat(failure.getCause()).isInstanceOf(java.sql.SQLException.class);
        assertThat(failure.getMessage())
                .startsWith("[MIGRATION_FAILED] Migration 20260102000000_broken failed at line 4 of "
                        + dir.resolve("20260102000000_broken").resolve("migration.sql"))
                .contains("Statement: UPDATE users SET nme = 'b' WHERE id = 1")
                .contains("SQLSTATE 42703: ERROR: column \"nme\" of relation \"users\" does not exist")
                .contains("rolled back: nothing of it was applied")
                .contains("Fix the migration and deploy again");

        assertThat(db.tableExists("users")).as("the migration before it stays applied").isTrue();
        assertThat(db.tableExists("audit")).as("nothing of the failed migration remains").isFalse();
        assertThat(db.column("SELECT count(*) FROM users")).containsExactly("0");
        List<Map<String, String>> attempt = db.query("SELECT * FROM _migrations WHERE migration_name = '20260102000000_broken'");
        assertThat(attempt).singleElement().satisfies(row -> {
            assertThat(row.get("rolled_back_at")).isNotNull();
            assertThat(row.get("finished_at")).isNull();
            assertThat(row.get("logs")).contains("column \"nme\" of relation \"users\" does not exist");
        });

        migrations.add("20260102000000_broken", "CREATE TABLE audit (id int);\nINSERT INTO users (id, name) VALUES (1, 'a');\n");
        assertThat(migrator.deploy().applied()).extracting(a -> a.name()).containsExactly("20260102000000_broken");
        assertThat(db.tableExists("audit")).isTrue();
        assertThat(db.column("SELECT count(*) FROM _migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL"))
                .containsExactly("2");
    }

    @Test
    void migrationsAfterAFailedOneAreNotApplied() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_bad", "SELECT 1/0;")
                .add("20260102000000_later", "CREATE TABLE later (id int);");

        assertThatThrownBy(() -> Migrator.configure(db.dataSource()).locations(migrations.location()).deploy())
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("SQLSTATE 22012");
        assertThat(db.tableExists("later")).isFalse();
    }

    @Test
    void aScriptThatCommitsMidwayRunsAsWrittenAndAFailureAfterTheCommitLeavesItFailed() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_init", """
                        CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN', 'GUEST');
                        CREATE TABLE "User" ("id" SERIAL NOT NULL, "role" "Role" NOT NULL DEFAULT 'USER', CONSTRAINT "User_pkey" PRIMARY KEY ("id"));
                        """)
                .add("20260102000000_drop_guest", """
                        -- AlterEnum
                        BEGIN;
                        CREATE TYPE "Role_new" AS ENUM ('USER', 'ADMIN');
                        ALTER TABLE "User" ALTER COLUMN "role" DROP DEFAULT;
                        ALTER TABLE "User" ALTER COLUMN "role" TYPE "Role_new" USING ("role"::text::"Role_new");
                        ALTER TYPE "Role" RENAME TO "Role_old";
                        ALTER TYPE "Role_new" RENAME TO "Role";
                        DROP TYPE "Role_old";
                        ALTER TABLE "User" ALTER COLUMN "role" SET DEFAULT 'USER';
                        COMMIT;

                        -- this fails after the enum change above was committed, as with Prisma and psql
                        ALTER TABLE "User" ADD COLUMN "email" missing_type;
                        """);

        MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
                () -> Migrator.configure(db.dataSource()).locations(migrations.location()).deploy());

        assertThat(failure.transactional()).isFalse();
        assertThat(failure.line()).isEqualTo(13);
        assertThat(failure.getMessage())
                .contains("It runs without a transaction: 9 of 10 statements were applied and remain")
                .contains("UPDATE \"public\".\"_migrations\" SET rolled_back_at = now() WHERE migration_name = '20260102000000_drop_guest'");
        assertThat(db.column("SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid"
                + " WHERE t.typname = 'Role' ORDER BY e.enumsortorder")).containsExactly("USER", "ADMIN");
        assertThat(db.column("SELECT applied_steps_count || ' ' || (finished_at IS NULL) FROM _migrations"
                + " WHERE migration_name = '20260102000000_drop_guest'")).containsExactly("9 true");
    }

    @Test
    void aRollbackStatementInATransactionalMigrationIsRejectedBeforeAnythingRuns() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_ok", "CREATE TABLE ok (id int);")
                .add("20260102000000_rollback", "CREATE TABLE x (id int);\nROLLBACK;\n");

        assertThatThrownBy(() -> Migrator.configure(db.dataSource()).locations(migrations.location()).deploy())
                .hasMessageStartingWith("[SCRIPT_SYNTAX] Migration 20260102000000_rollback has ROLLBACK at line 2 of ");
        assertThat(db.tableExists("ok")).isFalse();
    }

    @Test
    void aFailedNonTransactionalMigrationStaysFailedNamesTheInvalidIndexAndBlocksUntilResolved() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_users", "CREATE TABLE users (id int, email text);\n"
                        + "INSERT INTO users VALUES (1, 'a@example.com'), (2, 'a@example.com');")
                .add("20260102000000_unique_email", """
                        CREATE INDEX CONCURRENTLY users_id_idx ON users (id);
                        CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);
                        """)
                .add("20260103000000_later", "CREATE TABLE later (id int);");
        Migrator migrator = Migrator.configure(db.dataSource()).locations(migrations.location());

        MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class, migrator::deploy);

        assertThat(failure.transactional()).isFalse();
        assertThat(failure.line()).isEqualTo(2);
        assertThat(failure.sqlState()).isEqualTo("23505");
        assertThat(failure.getMessage())
                .contains("It runs without a transaction: 1 of 2 statements were applied and remain")
                .contains("Left behind: index \"public\".\"users_email_key\" on users is INVALID")
                .contains("DROP INDEX CONCURRENTLY \"public\".\"users_email_key\"")
                .contains("UPDATE \"public\".\"_migrations\" SET rolled_back_at = now() WHERE migration_name = '20260102000000_unique_email'");
        assertThat(db.query("SELECT finished_at, rolled_back_at, applied_steps_count, logs FROM _migrations"
                + " WHERE migration_name = '20260102000000_unique_email'")).singleElement().satisfies(row -> {
                    assertThat(row.get("finished_at")).isNull();
                    assertThat(row.get("rolled_back_at")).isNull();
                    assertThat(row.get("applied_steps_count")).isEqualTo("1");
                    assertThat(row.get("logs")).contains("could not create unique index");
                });
        assertThat(db.tableExists("later")).isFalse();

        ValidationException blocked = catchThrowableOfType(ValidationException.class, migrator::deploy);
        assertThat(blocked.code()).isEqualTo(ErrorCode.FAILED_MIGRATION_PRESENT);
        assertThat(blocked.problems()).extracting(ValidationException.Problem::migration)
                .containsExactly("20260102000000_unique_email");
        assertThat(blocked.getMessage())
                .startsWith("[FAILED_MIGRATION_PRESENT] Deploy stopped before applying anything")
                .contains("never finished after 1 statement")
                .contains("Left behind: index \"public\".\"users_email_key\" on users is INVALID")
                .contains("SET rolled_back_at = now() WHERE migration_name = '20260102000000_unique_email' AND finished_at IS NULL AND rolled_back_at IS NULL;");

        // What the message tells the operator to do, done: repair, mark rolled back, fix the file, deploy.
        db.execute("DROP INDEX CONCURRENTLY \"public\".\"users_email_key\"");
        db.execute("DROP INDEX users_id_idx");
        db.execute("UPDATE \"public\".\"_migrations\" SET rolled_back_at = now() WHERE migration_name = '20260102000000_unique_email'"
                + " AND finished_at IS NULL AND rolled_back_at IS NULL;");
        db.execute("DELETE FROM users WHERE id = 2");

        assertThat(migrator.deploy().applied()).extracting(a -> a.name())
                .containsExactly("20260102000000_unique_email", "20260103000000_later");
        assertThat(db.column("SELECT indexrelid::regclass::text FROM pg_index WHERE indisvalid"
                + " AND indrelid = 'users'::regclass ORDER BY 1")).containsExactly("users_email_key", "users_id_idx");
    }

    @Test
    void theNoTransactionDirectiveRunsEachStatementInAutocommit() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_nt", """
                        -- migrate:no-transaction
                        CREATE TABLE kept (id int);
                        INSERT INTO missing_table VALUES (1);
                        """);

        MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
                () -> Migrator.configure(db.dataSource()).locations(migrations.location()).deploy());

        assertThat(failure.transactional()).isFalse();
        assertThat(failure.line()).isEqualTo(3);
        assertThat(db.tableExists("kept")).as("autocommit keeps the first statement").isTrue();
    }

    @Test
    void anUnknownDirectiveIsAnErrorAtItsLine() {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_typo", "-- generated\n-- migrate:no-transactions\nCREATE TABLE t (id int);");

        assertThatThrownBy(() -> Migrator.configure(db.dataSource()).locations(migrations.location()).deploy())
                .hasMessageStartingWith("[SCRIPT_SYNTAX] Migration 20260101000000_typo has an unknown directive"
                        + " '-- migrate:no-transactions' at line 2");
    }
}
