package io.migrate.spring;

import io.migrate.Migrator;
import io.migrate.api.DeployResult;
import io.migrate.api.JavaMigration;
import io.migrate.api.MigrationFailedException;
import io.migrate.api.MigrationListener;
import io.migrate.api.ValidationException;
import io.migrate.testkit.Database;
import io.migrate.testkit.MigratedDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Start-up behaviour on a real, empty PostgreSQL database per test. */
class MigrateStartupIT {

    @RegisterExtension
    static final MigratedDatabase db = MigratedDatabase.empty();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MigrateAutoConfiguration.class));

    @Test
    void deploysAtStartUp(DataSource dataSource) {
        runner.withBean(DataSource.class, () -> dataSource).run(context -> {
            assertThat(context).hasNotFailed();
            DeployResult result = context.getBean(MigrateInitializer.class).result().orElseThrow();
            assertThat(result.applied()).extracting(m -> m.name())
                    .containsExactly("20260101090000_create_items", "20260102090000_add_item_price");
            assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT count(*) FROM items", Integer.class)).isZero();
        });
        runner.withBean(DataSource.class, () -> dataSource).run(context ->
                assertThat(context.getBean(MigrateInitializer.class).result().orElseThrow().upToDate()).isTrue());
    }

    @Test
    void appliesPropertiesSuchAsSchemaTableAndTarget(DataSource dataSource) {
        runner.withBean(DataSource.class, () -> dataSource).withPropertyValues("migrate.schema=inventory",
                "migrate.table=_history", "migrate.target=20260101090000_create_items").run(context -> {
            assertThat(context).hasNotFailed();
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            assertThat(jdbc.queryForList("SELECT migration_name FROM inventory._history", String.class))
                    .containsExactly("20260101090000_create_items");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM information_schema.columns WHERE table_schema ="
                    + " 'inventory' AND table_name = 'items' AND column_name = 'price_cents'", Integer.class)).isZero();
        });
    }

    @Test
    void validateModeRefusesPendingMigrations(DataSource dataSource) {
        runner.withBean(DataSource.class, () -> dataSource).withPropertyValues("migrate.mode=validate").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause().hasMessage("[PENDING_MIGRATIONS] 2 migrations"
                        + " are not applied to the database of \"public\".\"_migrations\": 20260101090000_create_items,"
                        + " 20260102090000_add_item_price. With migrate.mode=validate the application starts only on a"
                        + " database that is up to date: deploy them first (with migrate.mode=deploy, or in the deploy"
                        + " step of your pipeline), then start it again"));
        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT to_regclass('items') IS NULL", Boolean.class)).isTrue();
    }

    @Test
    void validateModeStartsOnAnUpToDateDatabase(DataSource dataSource) {
        Migrator.configure(dataSource).deploy();
        runner.withBean(DataSource.class, () -> dataSource).withPropertyValues("migrate.mode=validate").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(MigrateInitializer.class).result()).isEmpty();
        });
    }

    @Test
    void validateModeRefusesAFailedMigration(DataSource dataSource) {
        Migrator.configure(dataSource).deploy();
        new JdbcTemplate(dataSource).update("UPDATE _migrations SET finished_at = NULL"
                + " WHERE migration_name = '20260102090000_add_item_price'");
        runner.withBean(DataSource.class, () -> dataSource).withPropertyValues("migrate.mode=validate").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause().isInstanceOf(ValidationException.class)
                        .hasMessageStartingWith("[FAILED_MIGRATION_PRESENT]")
                        .hasMessageContaining("20260102090000_add_item_price"));
    }

    @Test
    void noneModeLeavesTheDatabaseAlone(DataSource dataSource) {
        runner.withBean(DataSource.class, () -> dataSource).withPropertyValues("migrate.mode=none").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT to_regclass('_migrations') IS NULL",
                    Boolean.class)).isTrue();
        });
    }

    @Test
    void failedMigrationStopsTheStartUp(DataSource dataSource) {
        runner.withBean(DataSource.class, () -> dataSource).withPropertyValues("migrate.locations=classpath:broken")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().isInstanceOf(org.postgresql.util.PSQLException.class);
                    Throwable failure = context.getStartupFailure();
                    while (!(failure instanceof MigrationFailedException)) {
                        failure = failure.getCause();
                    }
                    MigrationFailedException migration = (MigrationFailedException) failure;
                    assertThat(migration.migration()).isEqualTo("20260102090000_bad_insert");
                    assertThat(migration.line()).isEqualTo(3);
                    assertThat(migration.sqlState()).isEqualTo("42703");
                });
        assertThat(new JdbcTemplate(dataSource).queryForList("SELECT migration_name FROM _migrations"
                + " WHERE finished_at IS NOT NULL", String.class)).containsExactly("20260101090000_create_items");
    }

    @Test
    void javaMigrationBeansAndCustomizersTakePart(DataSource dataSource) {
        List<String> events = new CopyOnWriteArrayList<>();
        MigrationListener listener = new MigrationListener() {
            @Override
            public void afterMigration(io.migrate.api.AppliedMigration migration) {
                events.add(migration.name());
            }
        };
        runner.withBean(DataSource.class, () -> dataSource)
                .withBean(JavaMigration.class, SeedFirstItem::new)
                .withBean(MigratorCustomizer.class, () -> migrator -> migrator.listener(listener))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(events).containsExactly("20260101090000_create_items", "20260101120000_seed_first_item",
                            "20260102090000_add_item_price");
                    assertThat(new JdbcTemplate(dataSource).queryForList("SELECT name FROM items", String.class))
                            .containsExactly("first");
                });
    }

    @Test
    void migrateUrlMigratesAnotherDatabaseThanTheApplications(DataSource dataSource, Database database) {
        try (Database other = db.template().newDatabase()) {
            runner.withBean(DataSource.class, other::dataSource).withPropertyValues("migrate.url=" + database.jdbcUrl(),
                    "migrate.user=" + database.user(), "migrate.password=" + (database.password() == null ? "" : database.password()))
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT count(*) FROM _migrations",
                                Integer.class)).isEqualTo(2);
                        assertThat(new JdbcTemplate(other.dataSource()).queryForObject(
                                "SELECT to_regclass('_migrations') IS NULL", Boolean.class)).isTrue();
                    });
        }
    }

    @Test
    void migratesWithTheMigrateDataSourceBean(DataSource dataSource) {
        try (Database other = db.template().newDatabase()) {
            runner.withBean("appDataSource", DataSource.class, other::dataSource)
                    .withBean("migrationDataSource", DataSource.class, () -> dataSource,
                            definition -> {
                                AbstractBeanDefinition bean = (AbstractBeanDefinition) definition;
                                bean.setDefaultCandidate(false);
                                bean.addQualifier(new AutowireCandidateQualifier(MigrateDataSource.class));
                            })
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT count(*) FROM _migrations",
                                Integer.class)).isEqualTo(2);
                        assertThat(new JdbcTemplate(other.dataSource()).queryForObject(
                                "SELECT to_regclass('_migrations') IS NULL", Boolean.class)).isTrue();
                    });
        }
    }

    /** A Java migration registered as a bean. */
    public static final class SeedFirstItem implements JavaMigration {
        @Override
        public String name() {
            return "20260101120000_seed_first_item";
        }

        @Override
        public void migrate(Connection connection) throws Exception {
            try (var insert = connection.prepareStatement("INSERT INTO items (name) VALUES ('first')")) {
                insert.executeUpdate();
            }
        }
    }
}
