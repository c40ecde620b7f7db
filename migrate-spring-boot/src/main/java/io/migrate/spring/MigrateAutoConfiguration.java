package io.migrate.spring;

import io.migrate.Migrator;
import io.migrate.api.JavaMigration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;

/**
 * Migrates the application's database at start-up. Active when migrate is on the class path, a
 * {@link DataSource} bean exists and {@code migrate.enabled} is not {@code false}. Configured by
 * {@link MigrateProperties}; {@link MigratorCustomizer} beans adjust what properties cannot, and
 * {@link JavaMigration} beans are added to the migrations found in the locations.
 *
 * <p>It runs after Spring Boot's {@code DataSource} auto-configuration (named for both the 3.x and
 * the 4.x package), and its {@link MigrateInitializer} finishes before any bean that initialises
 * from the database.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"})
@ConditionalOnClass(Migrator.class)
@ConditionalOnBean(DataSource.class)
@ConditionalOnProperty(prefix = "migrate", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(MigrateProperties.class)
public class MigrateAutoConfiguration {

    /**
     * The factory of configured {@link Migrator}s, on {@code migrate.url} if set, else on the
     * {@link MigrateDataSource @MigrateDataSource} bean, else on the application's {@code DataSource}.
     */
    @Bean
    @ConditionalOnMissingBean
    public MigratorFactory migratorFactory(MigrateProperties properties, ObjectProvider<DataSource> dataSource,
                                           @MigrateDataSource ObjectProvider<DataSource> migrateDataSource,
                                           ObjectProvider<JavaMigration> javaMigrations,
                                           ObjectProvider<MigratorCustomizer> customizers,
                                           ResourceLoader resourceLoader) {
        DataSource target;
        if (properties.getUrl() != null && !properties.getUrl().isBlank()) {
            target = new DriverManagerDataSource(properties.getUrl().strip(), properties.getUser(), properties.getPassword());
        } else {
            target = migrateDataSource.getIfAvailable(dataSource::getObject);
        }
        return new MigratorFactory(target, properties, javaMigrations.orderedStream().toList(),
                customizers.orderedStream().toList(), resourceLoader.getClassLoader());
    }

    /** Deploys or validates at start-up, as {@code migrate.mode} says. */
    @Bean
    @ConditionalOnMissingBean
    public MigrateInitializer migrateInitializer(MigratorFactory migratorFactory, MigrateProperties properties) {
        return new MigrateInitializer(migratorFactory, properties.getMode());
    }
}
