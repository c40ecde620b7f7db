package io.migrate.tck;

import io.migrate.api.MigrationState;
import io.migrate.api.MigrationStatus;
import io.migrate.api.StatusReport;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import static io.migrate.tck.Kit.spi;
import static org.assertj.core.api.Assertions.assertThat;

/** The history table: Prisma's columns, in the configured schema, written and read back by the engine. */
public interface HistoryContract extends DialectKit {

    @Test
    default void createsTheHistoryInTheConfiguredSchema() throws Exception {
        try (Kit kit = Kit.open(this)) {
            String schema = kit.db.otherSchema();
            String script = kit.table("kit_a") + ";\n";
            kit.migration("20260101000000_init", script);
            kit.migrator().schema(schema).deploy();

            String history = dialect().quote(schema) + "." + dialect().quote("_migrations");
            try (Connection c = kit.db.connect()) {
                assertThat(dialect().historyTableExists(c, schema, "_migrations"))
                        .as(spi("historyTableExists", "true for the table createHistoryTable made in schema " + schema))
                        .isTrue();
                String current = dialect().currentSchema(c);
                assertThat(dialect().historyTableExists(c, current, "_migrations"))
                        .as(spi("historyTableExists", "false for schema " + current + ", where no history was made")).isFalse();
                // Twice: the engine calls it whenever the table might be missing.
                dialect().createHistoryTable(c, schema, "_migrations");
                List<String> columns = new ArrayList<>();
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + history)) {
                    ResultSetMetaData md = rs.getMetaData();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        columns.add(md.getColumnName(i).toLowerCase(Locale.ROOT));
                    }
                }
                assertThat(columns).as(spi("createHistoryTable", "the columns of Prisma's _prisma_migrations, in order"))
                        .containsExactly("id", "checksum", "finished_at", "migration_name", "logs", "rolled_back_at",
                                "started_at", "applied_steps_count");
            }
            assertThat(kit.exists(dialect().quote(schema) + "." + dialect().quote("kit_a")))
                    .as(spi("prepareSession", "migrations that run with schema " + schema + " as the schema of"
                            + " unqualified names")).isTrue();
            assertThat(kit.exists("kit_a")).as(spi("prepareSession", "the connection's own schema left alone")).isFalse();

            String checksum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(script.getBytes(StandardCharsets.UTF_8)));
            assertThat(kit.column("SELECT checksum FROM " + history + " WHERE migration_name = '20260101000000_init'"
                    + " AND finished_at IS NOT NULL AND rolled_back_at IS NULL AND applied_steps_count = 1"))
                    .as(spi("createHistoryTable", "a table the engine's row (checksum, finished_at, steps) fits in"))
                    .containsExactly(checksum);

            StatusReport status = kit.migrator().schema(schema).status();
            assertThat(status.migrations()).extracting(MigrationStatus::name, MigrationStatus::state)
                    .as(spi("createHistoryTable", "a history that status() reads back"))
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("20260101000000_init", MigrationState.APPLIED));
            MigrationStatus applied = status.migrations().get(0);
            assertThat(applied.startedAt()).as(spi("createHistoryTable", "started_at and finished_at read back as written"))
                    .isNotNull().isBeforeOrEqualTo(applied.finishedAt());
        }
    }

    @Test
    default void findsNoHistoryBeforeTheFirstDeploy() throws Exception {
        try (Kit kit = Kit.open(this)) {
            kit.migration("20260101000001_init", kit.table("kit_a") + ";\n");
            StatusReport status = kit.migrator().status();
            assertThat(status.historyTableExists()).as(spi("historyTableExists", "false before the first deploy")).isFalse();
            assertThat(status.pending()).hasSize(1);
            try (Connection c = kit.db.connect()) {
                assertThat(dialect().historyTableExists(c, dialect().currentSchema(c), "_migrations"))
                        .as(spi("historyTableExists", "false, and nothing created by status()")).isFalse();
            }
        }
    }
}
