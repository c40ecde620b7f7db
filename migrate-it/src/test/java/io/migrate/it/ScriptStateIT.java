package io.migrate.it;

import io.migrate.Migrator;
import io.migrate.api.MigrationFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A migration that runs statement by statement has its history row written where the script's own
 * state cannot reach it: not inside its BEGIN ... COMMIT, not in its read-only transaction, not
 * under the role it switched to.
 */
class ScriptStateIT {

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    private final String role = "migrate_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private boolean roleCreated;

    @AfterEach
    void dropRole() throws Exception {
        if (roleCreated) {
            db.execute("DROP OWNED BY " + role + "; DROP ROLE " + role);
        }
    }

    private Migrator migrator(MigrationDir migrations) {
        return Migrator.configure(db.dataSource()).locations(migrations.location());
    }

    private Map<String, String> row(String name) throws Exception {
        List<Map<String, String>> rows = db.query("SELECT * FROM _migrations WHERE migration_name = '" + name + "'");
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    @Test
    void aSerializableBlockOfTheScriptKeepsItsSetTransactionFirst() throws Exception {
        MigrationDir migrations = new MigrationDir(dir).add("20260101000000_serializable", """
                -- migrate:no-transaction
                BEGIN;
                SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;
                CREATE TABLE s (level text);
                INSERT INTO s VALUES (current_setting('transaction_isolation'));
                COMMIT;
                CREATE INDEX CONCURRENTLY s_level ON s (level);
                """);

        assertThat(migrator(migrations).deploy().applied()).hasSize(1);

        assertThat(db.column("SELECT level FROM s")).containsExactly("serializable");
        assertThat(row("20260101000000_serializable")).containsEntry("applied_steps_count", "6")
                .satisfies(r -> assertThat(r.get("finished_at")).isNotNull());
    }

    @Test
    void aReadOnlyBlockOfTheScriptDoesNotStopItsHistory() throws Exception {
        MigrationDir migrations = new MigrationDir(dir).add("20260101000000_read_only", """
                -- migrate:no-transaction
                CREATE TABLE r (id int);
                BEGIN READ ONLY;
                SELECT count(*) FROM r;
                COMMIT;
                VACUUM r;
                """);

        assertThat(migrator(migrations).deploy().applied()).hasSize(1);

        assertThat(row("20260101000000_read_only")).containsEntry("applied_steps_count", "5")
                .satisfies(r -> assertThat(r.get("finished_at")).isNotNull());
    }

    @Test
    void aRoleWithoutRightsOnTheHistoryDoesNotStopItsHistory() throws Exception {
        db.execute("CREATE ROLE " + role + " NOLOGIN");
        roleCreated = true;
        db.execute("CREATE SCHEMA locked; REVOKE ALL ON SCHEMA locked FROM PUBLIC");
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_as_role", "-- migrate:no-transaction\nSET ROLE " + role + ";\nSELECT 1;\nSELECT 2;\n")
                .add("20260102000000_fails_as_role", "-- migrate:no-transaction\nSET ROLE " + role + ";\nSELECT 1;\n"
                        + "CREATE TABLE locked.t (id int);\n");

        MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, migrator(migrations)::deploy);

        assertThat(row("20260101000000_as_role")).containsEntry("applied_steps_count", "3")
                .satisfies(r -> assertThat(r.get("finished_at")).isNotNull());
        assertThat(e.migration()).isEqualTo("20260102000000_fails_as_role");
        assertThat(e.sqlState()).isEqualTo("42501");
        assertThat(row("20260102000000_fails_as_role")).containsEntry("applied_steps_count", "2")
                .containsEntry("finished_at", null)
                .satisfies(r -> assertThat(r.get("logs")).startsWith("[MIGRATION_FAILED] Migration 20260102000000_fails_as_role"
                        + " failed at line 4").contains("permission denied for schema locked"));
    }
}
