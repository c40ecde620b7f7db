package io.migrate.tck;

import io.migrate.api.AppliedMigration;
import io.migrate.api.DeployResult;
import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;
import io.migrate.api.MigrationFailedException;
import io.migrate.api.MigrationState;
import io.migrate.api.MigrationStatus;
import org.junit.jupiter.api.Test;

import java.sql.Connection;

import static io.migrate.tck.Kit.spi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Deploys through the engine: transactional and non-transactional migrations, failures recorded and
 * retried, resolve, baseline, reset and status.
 */
public interface DeployContract extends DialectKit {

    private static MigrationState state(Kit kit, String name) {
        return kit.migrator().status().migrations().stream().filter(m -> m.name().equals(name))
                .map(MigrationStatus::state).findFirst().orElseThrow();
    }

    @Test
    default void rollsBackAFailedDataMigrationAndRetriesIt() throws Exception {
        try (Kit kit = Kit.open(this)) {
            kit.migration("20260101000001_table", kit.table("kit_a") + ";\n");
            String insert = "INSERT INTO kit_a (id, note) VALUES (1, 'a');\n";
            kit.migration("20260101000002_data", insert + sql().failing() + ";\n");

            MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, () -> kit.migrator().deploy());
            assertThat(e).as(spi("execute", "a SQLException from: " + sql().failing() + " (KitSql.failing must fail when run)")).isNotNull();
            assertThat(e.code()).as(spi("classify(SQLException)", "OTHER for a failed statement: " + e.getMessage()))
                    .isEqualTo(ErrorCode.MIGRATION_FAILED);
            assertThat(e.transactional()).as(spi("split(String)", "INSERT and the failing statement marked ORDINARY, so"
                    + " that a migration of data changes runs in one transaction")).isTrue();
            assertThat(e.line()).as(spi("split(String)", "line 2 for the second statement of the script")).isEqualTo(2);
            assertThat(e.getMessage()).contains("20260101000002_data", "migration.sql");
            assertThat(kit.count("kit_a")).as(spi("execute", "statements run on the engine's connection, so that the INSERT rolls"
                    + " back with the failed migration's transaction")).isZero();
            assertThat(state(kit, "20260101000002_data")).as(spi("createHistoryTable", "a history that records the rolled-back"
                    + " attempt")).isEqualTo(MigrationState.ROLLED_BACK);

            kit.migration("20260101000002_data", insert);
            DeployResult result = kit.migrator().deploy();
            assertThat(result.applied()).extracting(AppliedMigration::name).containsExactly("20260101000002_data");
            assertThat(kit.count("kit_a")).isEqualTo(1);
        }
    }

    @Test
    default void runsNonTransactionalMigrationsStatementByStatement() throws Exception {
        try (Kit kit = Kit.open(this)) {
            kit.migration("20260101000001_table", kit.table("kit_a") + ";\n");
            kit.migration("20260101000002_data", "INSERT INTO kit_a (id, note) VALUES (1, 'a');\nUPDATE kit_a SET note = 'b';\n");
            if (sql().nonTransactional() != null) {
                kit.migration("20260101000003_special", sql().nonTransactional() + ";\n");
            }
            DeployResult result = kit.migrator().deploy();
            assertThat(result.applied()).filteredOn(m -> m.name().equals("20260101000001_table")).extracting(AppliedMigration::transactional)
                    .as(spi("split(String)", sql().ddlTransactional() ? "CREATE TABLE run in the migration's transaction"
                            : "CREATE TABLE marked NON_TRANSACTIONAL, since DDL commits on this database"))
                    .containsExactly(sql().ddlTransactional());
            assertThat(result.applied()).filteredOn(m -> m.name().equals("20260101000002_data")).extracting(AppliedMigration::transactional)
                    .as(spi("split(String)", "INSERT and UPDATE marked ORDINARY")).containsExactly(true);
            assertThat(result.applied()).filteredOn(m -> m.name().equals("20260101000003_special")).extracting(AppliedMigration::transactional)
                    .as(spi("split(String)", "NON_TRANSACTIONAL for " + sql().nonTransactional())).allMatch(t -> !t);
        }
    }

    @Test
    default void recordsAFailedNonTransactionalMigrationAndResolvesItRolledBack() throws Exception {
        try (Kit kit = Kit.open(this)) {
            String create = kit.table("kit_c") + ";\n";
            kit.migration("20260101000001_both", "-- migrate:no-transaction\n" + create + sql().failing() + ";\n");

            MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, () -> kit.migrator().deploy());
            assertThat(e).as(spi("execute", "a SQLException from: " + sql().failing())).isNotNull();
            assertThat(e.transactional()).as("the directive '-- migrate:no-transaction' must be honoured").isFalse();
            assertThat(e.line()).as(spi("split(String)", "line 3 for the statement after the directive and one other"))
                    .isEqualTo(3);
            assertThat(kit.exists("kit_c")).as(spi("execute", "auto-commit kept, so that the statement before the failure"
                    + " stays applied")).isTrue();
            assertThat(state(kit, "20260101000001_both")).as(spi("leavesNothingWhenFailed", "no claim about a failure"
                    + " after a statement took effect: the attempt stays failed")).isEqualTo(MigrationState.FAILED);
            MigrationException blocked = catchThrowableOfType(MigrationException.class, () -> kit.migrator().deploy());
            assertThat(blocked).isNotNull();
            assertThat(blocked.getMessage()).contains("20260101000001_both", "resolveRolledBack");

            kit.execute("DROP TABLE kit_c");
            kit.migrator().resolveRolledBack("20260101000001_both");
            assertThat(state(kit, "20260101000001_both")).isEqualTo(MigrationState.ROLLED_BACK);
            kit.migration("20260101000001_both", "-- migrate:no-transaction\n" + create);
            assertThat(kit.migrator().deploy().applied()).hasSize(1);
            assertThat(kit.exists("kit_c")).isTrue();
        }
    }

    @Test
    default void resolvesAFailedMigrationAsApplied() throws Exception {
        try (Kit kit = Kit.open(this)) {
            String create = kit.table("kit_b") + ";\n";
            kit.migration("20260101000001_half", "-- migrate:no-transaction\n" + create + sql().failing() + ";\n");
            assertThat(catchThrowableOfType(MigrationFailedException.class, () -> kit.migrator().deploy())).isNotNull();

            kit.migration("20260101000001_half", "-- migrate:no-transaction\n" + create);
            kit.migrator().resolveApplied("20260101000001_half");
            assertThat(state(kit, "20260101000001_half")).isEqualTo(MigrationState.APPLIED);
            assertThat(kit.migrator().deploy().upToDate()).isTrue();
        }
    }

    @Test
    default void baselinesADatabaseThatHasTheSchemaAlready() throws Exception {
        try (Kit kit = Kit.open(this)) {
            kit.migration("20260101000001_a", kit.table("kit_a") + ";\n");
            kit.migration("20260101000002_b", kit.table("kit_b") + ";\n");
            kit.execute(kit.table("kit_a"));

            MigrationException e = catchThrowableOfType(MigrationException.class, () -> kit.migrator().deploy());
            assertThat(e).as(spi("schemaObjects", "the table kit_a, so that deploy refuses a schema built another way"))
                    .isNotNull();
            assertThat(e.code()).as(spi("schemaObjects", "kit_a, so that deploy stops with SCHEMA_NOT_EMPTY")).isEqualTo(ErrorCode.SCHEMA_NOT_EMPTY);
            assertThat(e.getMessage()).contains("kit_a");

            kit.migrator().baseline("20260101000001_a");
            assertThat(kit.migrator().deploy().applied()).extracting(AppliedMigration::name).containsExactly("20260101000002_b");
        }
    }

    @Test
    default void resetDropsEverythingAndDeploysAgain() throws Exception {
        try (Kit kit = Kit.open(this)) {
            kit.migration("20260101000001_a", kit.table("kit_a") + ";\nINSERT INTO kit_a (id, note) VALUES (1, 'a');\n");
            kit.migrator().deploy();
            kit.execute(kit.table("kit_extra"));
            kit.execute("CREATE VIEW kit_v AS SELECT id FROM kit_a");
            kit.execute("INSERT INTO kit_a (id, note) VALUES (2, 'b')");

            DeployResult result = kit.migrator().allowReset(true).reset();
            assertThat(result.applied()).as(spi("dropAll", "the history dropped too, so that reset applies everything again"))
                    .hasSize(1);
            assertThat(kit.exists("kit_extra")).as(spi("dropAll", "every table dropped")).isFalse();
            assertThat(kit.exists("kit_v")).as(spi("dropAll", "every view dropped")).isFalse();
            assertThat(kit.count("kit_a")).as(spi("dropAll", "the data dropped with the table")).isEqualTo(1);

            try (Connection c = kit.db.connect()) {
                String schema = dialect().currentSchema(c);
                dialect().dropAll(c, schema);
                assertThat(dialect().schemaObjects(c, schema, "", 10)).as(spi("dropAll", "nothing left in the schema")).isEmpty();
                assertThat(dialect().historyTableExists(c, schema, "_migrations"))
                        .as(spi("dropAll", "the history table dropped too")).isFalse();
                assertThat(c.getAutoCommit()).as(spi("dropAll", "the connection left in auto-commit")).isTrue();
            }
        }
    }
}
