package io.migrate.it;

import io.migrate.Migrator;
import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;
import io.migrate.postgres.PostgresDialect;
import io.migrate.testkit.Database;
import io.migrate.testkit.DatabaseTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.sql.Connection;
import java.sql.SQLException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What users meet where the engine's parts join: locations written the same way everywhere, a
 * connection without a current schema, and an INFO log that speaks only of what changed.
 */
class EngineSeamsIT {

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @RegisterExtension
    final LogCapture log = new LogCapture();

    @TempDir
    Path dir;

    @Test
    void aSeedLocationWithoutPrefixIsOnTheClassPathForTheMigratorAndTheTestkitAlike() throws Exception {
        Migrator.configure(db.dataSource()).locations("db").seedLocation("seeds/accounts.sql").allowReset(true).reset();
        List<String> seeded = db.column("SELECT name || ' ' || email FROM accounts ORDER BY id");

        try (Database template = DatabaseTemplate.postgres().locations("db").seed("seeds/accounts.sql").prepare().newDatabase();
             Connection c = template.connect();
             var rs = c.createStatement().executeQuery("SELECT name || ' ' || email FROM accounts ORDER BY id")) {
            List<String> fromTestkit = new java.util.ArrayList<>();
            while (rs.next()) {
                fromTestkit.add(rs.getString(1));
            }
            assertThat(fromTestkit).isEqualTo(seeded);
        }
        assertThat(seeded).containsExactly("ada ada@example.com", "alan alan@example.com");
    }

    @Test
    void aMissingSeedWithoutPrefixIsNamedAsAClassPathResource() {
        assertThatThrownBy(() -> Migrator.configure(db.dataSource()).locations("db").seedLocation("seeds/none.sql").seed())
                .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LOCATION_NOT_FOUND))
                .hasMessage("[LOCATION_NOT_FOUND] The seed script classpath:seeds/none.sql does not exist: no resource"
                        + " 'seeds/none.sql' on the class path");
    }

    /** A database (MariaDB without a selected database, for one) may have no current schema. */
    @Test
    void aConnectionWithoutCurrentSchemaIsAnErrorNamingTheSchemaSetting() throws SQLException {
        PostgresDialect postgres = new PostgresDialect();
        ForwardingDialect noSchema = new ForwardingDialect(postgres) {
            @Override
            public String currentSchema(Connection connection) {
                return null;
            }
        };
        String message = "[INVALID_CONFIGURATION] The connection has no current schema (the postgresql dialect found"
                + " none), so there is no place for the history table. Set one with schema(\"<name>\") on the"
                + " builder, or choose a default schema or database in the data source";
        for (Runnable operation : List.<Runnable>of(
                () -> Migrator.configure(db.dataSource()).locations("db").dialect(noSchema).deploy(),
                () -> Migrator.configure(db.dataSource()).locations("db").dialect(noSchema).status())) {
            assertThatThrownBy(operation::run).isInstanceOf(MigrationException.class).hasMessage(message);
        }
        Migrator.configure(db.dataSource()).locations("db").dialect(noSchema).schema("public").deploy();
        assertThat(db.column("SELECT migration_name FROM public._migrations ORDER BY migration_name"))
                .containsExactly("20260101000000_init", "20260102000000_add_email");
    }

    @Test
    void onlyWhatChangesIsToldAtInfo() throws SQLException {
        MigrationDir migrations = new MigrationDir(dir).add("20260101000000_only", "CREATE TABLE only_one (id int);\n");
        Migrator migrator = Migrator.configure(db.dataSource()).locations(migrations.location());

        migrator.status();
        migrator.validate();
        migrator.plan();
        // plan() lints on a shadow database, whose templates are the shadow machinery's to tell about
        assertThat(log.lines()).as("status, validate and plan change nothing")
                .noneMatch(l -> l.startsWith("INFO") && !l.contains("shadow template") && !l.contains("left by a run"));

        migrator.deploy();
        assertThat(log.lines()).filteredOn(l -> l.startsWith("INFO"))
                .anyMatch(l -> l.startsWith("INFO Database: jdbc:postgresql://"))
                .contains("INFO 0 applied, 1 pending: 20260101000000_only")
                .noneMatch(l -> l.contains(" .. "));
        assertThat(db.tableExists("only_one")).isTrue();

        int before = log.lines().size();
        migrator.deploy();
        assertThat(log.lines().subList(before, log.lines().size())).as("a deploy with nothing to do says so in one line")
                .singleElement().asString().startsWith("INFO Schema is up to date: 1 migration applied, nothing pending (");
    }

    /** Advisory locks belong to a database: the same key held in another database must not be named as the holder. */
    @Test
    void aLockTimeoutNamesTheHolderInThisDatabaseNotOneInAnother() throws Exception {
        MigrationDir migrations = new MigrationDir(dir).add("20260101000000_a", "CREATE TABLE a (id int);\n");
        long key = PostgresDialect.lockKey("public", "_migrations");
        try (Database other = TestDatabase.another();
             Connection elsewhere = other.connect();
             Connection here = db.connect()) {
            hold(elsewhere, "deployer-elsewhere", key);
            hold(here, "deployer-here", key);

            assertThatThrownBy(() -> Migrator.configure(db.dataSource()).locations(migrations.location())
                    .lockTimeout(java.time.Duration.ofMillis(300)).deploy())
                    .hasMessageContaining("application 'deployer-here'")
                    .hasMessageNotContaining("deployer-elsewhere");
        }
    }

    private static void hold(Connection connection, String application, long key) throws SQLException {
        try (var st = connection.createStatement()) {
            st.execute("SET application_name = '" + application + "'");
            st.execute("SELECT pg_advisory_lock(" + key + ")");
        }
    }

    /** Putting the session back after a failed seed may fail too; the seed's own error must stay the one thrown. */
    @Test
    void aSeedFailureIsNotHiddenByAFailureToRestoreTheSession() {
        ForwardingDialect restoreFails = new ForwardingDialect(new PostgresDialect()) {
            @Override
            public io.migrate.spi.SessionSettings prepareSession(Connection connection, String schema) {
                return () -> {
                    throw new SQLException("cannot restore the session", "XX000");
                };
            }
        };
        Migrator migrator = Migrator.configure(db.dataSource()).locations("db").dialect(restoreFails)
                .seedLocation("seeds/broken.sql");
        migrator.deploy();

        MigrationException failure = org.assertj.core.api.Assertions.catchThrowableOfType(MigrationException.class, migrator::seed);

        assertThat(failure.code()).isEqualTo(ErrorCode.SEED_FAILED);
        assertThat(failure.getMessage()).contains("Seed classpath:seeds/broken.sql failed at line 2");
        assertThat(failure.getSuppressed()).extracting(Throwable::getMessage).containsExactly("cannot restore the session");
    }
}
