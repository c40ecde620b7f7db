package io.migrate.spring;

import io.migrate.Migrator;
import io.migrate.api.MigrationException;
import io.migrate.spring.actuate.MigrateActuatorAutoConfiguration;
import io.migrate.spring.actuate.MigrateEndpoint;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Conditions and properties; no database is opened (mode none, or a builder that fails before connecting). */
class MigrateAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MigrateAutoConfiguration.class, MigrateActuatorAutoConfiguration.class))
            .withPropertyValues("migrate.mode=none");

    @Test
    void backsOffWithoutDataSource() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(MigratorFactory.class)
                .doesNotHaveBean(MigrateInitializer.class));
    }

    @Test
    void configuresWithDataSource() {
        runner.withBean(DataSource.class, MigrateAutoConfigurationTest::unreachable).run(context -> assertThat(context)
                .hasSingleBean(MigratorFactory.class).hasSingleBean(MigrateInitializer.class)
                .hasSingleBean(MigrateProperties.class));
    }

    @Test
    void backsOffWhenDisabled() {
        runner.withBean(DataSource.class, MigrateAutoConfigurationTest::unreachable).withPropertyValues("migrate.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(MigratorFactory.class));
    }

    @Test
    void backsOffWithoutTheLibrary() {
        runner.withBean(DataSource.class, MigrateAutoConfigurationTest::unreachable)
                .withClassLoader(new FilteredClassLoader(Migrator.class))
                .run(context -> assertThat(context).doesNotHaveBean(MigratorFactory.class));
    }

    @Test
    void bindsEveryProperty() {
        runner.withBean(DataSource.class, MigrateAutoConfigurationTest::unreachable).withPropertyValues(
                "migrate.mode=NONE", "migrate.locations=classpath:db,filesystem:/srv/extra", "migrate.schema=app",
                "migrate.table=_prisma_migrations", "migrate.lock-timeout=30s", "migrate.out-of-order=true",
                "migrate.validate-applied=false", "migrate.target=20260101090000_create_items",
                "migrate.seed-location=classpath:db/seed.sql", "migrate.placeholders.owner=app_owner",
                "migrate.lock-wait-timeout=5s", "migrate.statement-timeout=2m", "migrate.lock-retries=7",
                "migrate.progress-interval=1m", "migrate.allow-reset=true", "migrate.url=jdbc:postgresql://db/app",
                "migrate.user=owner", "migrate.password=s3cret").run(context -> {
            MigrateProperties p = context.getBean(MigrateProperties.class);
            assertThat(p.getMode()).isEqualTo(MigrateProperties.Mode.NONE);
            assertThat(p.getLocations()).containsExactly("classpath:db", "filesystem:/srv/extra");
            assertThat(p.getSchema()).isEqualTo("app");
            assertThat(p.getTable()).isEqualTo("_prisma_migrations");
            assertThat(p.getLockTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(p.isOutOfOrder()).isTrue();
            assertThat(p.isValidateApplied()).isFalse();
            assertThat(p.getTarget()).isEqualTo("20260101090000_create_items");
            assertThat(p.getSeedLocation()).isEqualTo("classpath:db/seed.sql");
            assertThat(p.getPlaceholders()).isEqualTo(Map.of("owner", "app_owner"));
            assertThat(p.getLockWaitTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(p.getStatementTimeout()).isEqualTo(Duration.ofMinutes(2));
            assertThat(p.getLockRetries()).isEqualTo(7);
            assertThat(p.getProgressInterval()).isEqualTo(Duration.ofMinutes(1));
            assertThat(p.isAllowReset()).isTrue();
            assertThat(p.getUrl()).isEqualTo("jdbc:postgresql://db/app");
            assertThat(p.getUser()).isEqualTo("owner");
            assertThat(p.getPassword()).isEqualTo("s3cret");
            DataSource used = context.getBean(MigratorFactory.class).dataSource();
            assertThat(used).isInstanceOf(DriverManagerDataSource.class);
            assertThat(((DriverManagerDataSource) used).getUrl()).isEqualTo("jdbc:postgresql://db/app");
            assertThat(((DriverManagerDataSource) used).getUsername()).isEqualTo("owner");
        });
    }

    @Test
    void defaultsAreTheBuilders() {
        MigrateProperties p = new MigrateProperties();
        assertThat(p.isEnabled()).isTrue();
        assertThat(p.getMode()).isEqualTo(MigrateProperties.Mode.DEPLOY);
        assertThat(p.getLocations()).containsExactly("classpath:db");
        assertThat(p.getTable()).isEqualTo("_migrations");
        assertThat(p.getLockTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(p.getLockRetries()).isEqualTo(3);
        assertThat(p.getProgressInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.isValidateApplied()).isTrue();
        assertThat(p.isOutOfOrder()).isFalse();
        assertThat(p.isAllowReset()).isFalse();
    }

    @Test
    void badPropertyFailsWithTheBuildersMessage() {
        runner.withBean(DataSource.class, MigrateAutoConfigurationTest::unreachable).withPropertyValues("migrate.lock-timeout=0s")
                .run(context -> assertThatThrownBy(() -> context.getBean(MigratorFactory.class).migrator())
                        .isInstanceOf(MigrationException.class)
                        .hasMessage("[INVALID_CONFIGURATION] lockTimeout = 'PT0S': must be a positive duration"));
        runner.withBean(DataSource.class, MigrateAutoConfigurationTest::unreachable).withPropertyValues("migrate.table=bad-name")
                .run(context -> assertThatThrownBy(() -> context.getBean(MigratorFactory.class).migrator())
                        .hasMessage("[INVALID_CONFIGURATION] table = 'bad-name': must be 1 to 63 letters, digits, '_' or '$',"
                                + " not starting with a digit or '$'"));
    }

    @Test
    void badPropertyStopsTheStartUpInDeployMode() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MigrateAutoConfiguration.class))
                .withBean(DataSource.class, MigrateAutoConfigurationTest::unreachable)
                .withPropertyValues("migrate.lock-retries=101")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .isInstanceOf(MigrationException.class)
                        .hasMessage("[INVALID_CONFIGURATION] lockRetries = '101': must be between 0 and 100"));
    }

    @Test
    void migratesWithTheQualifiedDataSource() {
        runner.withUserConfiguration(TwoDataSources.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(MigratorFactory.class).dataSource()).isSameAs(context.getBean("migrationDataSource"));
        });
    }

    @Test
    void migrateUrlWinsOverTheQualifiedDataSource() {
        runner.withUserConfiguration(TwoDataSources.class).withPropertyValues("migrate.url=jdbc:postgresql://db/app")
                .run(context -> assertThat(context.getBean(MigratorFactory.class).dataSource())
                        .isInstanceOf(DriverManagerDataSource.class));
    }

    @Test
    void usesTheApplicationsDataSourceOtherwise() {
        runner.withBean("appDataSource", DataSource.class, MigrateAutoConfigurationTest::unreachable).run(context ->
                assertThat(context.getBean(MigratorFactory.class).dataSource()).isSameAs(context.getBean("appDataSource")));
    }

    @Test
    void customizersRunInOrderAfterTheProperties() {
        List<String> calls = new java.util.ArrayList<>();
        runner.withBean(DataSource.class, MigrateAutoConfigurationTest::unreachable)
                .withBean("second", MigratorCustomizer.class, () -> new OrderedCustomizer(2, "second", calls))
                .withBean("first", MigratorCustomizer.class, () -> new OrderedCustomizer(1, "first", calls))
                .run(context -> {
                    context.getBean(MigratorFactory.class).migrator();
                    assertThat(calls).containsExactly("first", "second");
                });
    }

    @Test
    void endpointOnlyWhenExposed() {
        runner.withBean(DataSource.class, MigrateAutoConfigurationTest::unreachable)
                .run(context -> assertThat(context).doesNotHaveBean(MigrateEndpoint.class));
        runner.withBean(DataSource.class, MigrateAutoConfigurationTest::unreachable)
                .withPropertyValues("management.endpoints.web.exposure.include=migrate")
                .run(context -> assertThat(context).hasSingleBean(MigrateEndpoint.class));
    }

    @Test
    void healthIndicatorOfTheRunningLine() {
        String expected = Lines.boot4() ? "io.migrate.spring.health.MigrateHealthIndicator"
                : "io.migrate.spring.actuate.MigrateHealthIndicator";
        runner.withBean(DataSource.class, MigrateAutoConfigurationTest::unreachable).run(context ->
                assertThat(context.getBean("migrateHealthIndicator").getClass().getName()).isEqualTo(expected));
        runner.withBean(DataSource.class, MigrateAutoConfigurationTest::unreachable)
                .withPropertyValues("management.health.migrate.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("migrateHealthIndicator"));
    }

    @Test
    void noActuatorBeansWithoutActuator() {
        runner.withBean(DataSource.class, MigrateAutoConfigurationTest::unreachable)
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate", "org.springframework.boot.health"))
                .withPropertyValues("management.endpoints.web.exposure.include=migrate")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(MigratorFactory.class)
                        .doesNotHaveBean(MigrateEndpoint.class).doesNotHaveBean("migrateHealthIndicator"));
    }

    static DataSource unreachable() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl("jdbc:postgresql://127.0.0.1:1/none");
        return dataSource;
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoDataSources {
        @Bean
        DataSource appDataSource() {
            return unreachable();
        }

        @Bean(defaultCandidate = false)
        @MigrateDataSource
        DataSource migrationDataSource() {
            return unreachable();
        }
    }

    record OrderedCustomizer(int order, String name, List<String> calls)
            implements MigratorCustomizer, org.springframework.core.Ordered {
        @Override
        public void customize(Migrator migrator) {
            calls.add(name);
        }

        @Override
        public int getOrder() {
            return order;
        }
    }
}
