package io.migrate.spring;

import io.migrate.Migrator;
import io.migrate.api.JavaMigration;

import javax.sql.DataSource;
import java.util.List;

/**
 * Builds {@link Migrator}s configured from the {@code migrate.*} properties, the
 * {@link JavaMigration} beans and the {@link MigratorCustomizer} beans, for the database chosen for
 * migrations. The auto-configuration registers one; inject it to run other operations
 * ({@code status()}, {@code resolveRolledBack(...)}, {@code seed()}) on the same settings.
 *
 * <pre>{@code
 * StatusReport report = migratorFactory.migrator().status();
 * }</pre>
 */
public final class MigratorFactory {

    private final DataSource dataSource;
    private final MigrateProperties properties;
    private final List<JavaMigration> javaMigrations;
    private final List<MigratorCustomizer> customizers;
    private final ClassLoader classLoader;

    /**
     * @param dataSource     the database to migrate
     * @param properties     the {@code migrate.*} settings
     * @param javaMigrations migrations written in Java, added to those in the locations
     * @param customizers    applied in this order after the properties
     * @param classLoader    for {@code classpath:} locations and dialect discovery
     */
    public MigratorFactory(DataSource dataSource, MigrateProperties properties, List<JavaMigration> javaMigrations,
                           List<MigratorCustomizer> customizers, ClassLoader classLoader) {
        this.dataSource = dataSource;
        this.properties = properties;
        this.javaMigrations = List.copyOf(javaMigrations);
        this.customizers = List.copyOf(customizers);
        this.classLoader = classLoader;
    }

    /**
     * A new builder with every setting applied; each call returns a fresh one, since a builder
     * belongs to one thread.
     *
     * @throws io.migrate.api.MigrationException {@code INVALID_CONFIGURATION} naming the builder
     *                                           setting when a property breaks its rule
     */
    public Migrator migrator() {
        MigrateProperties p = properties;
        Migrator migrator = Migrator.configure(dataSource)
                .locations(p.getLocations() == null ? null : p.getLocations().toArray(String[]::new))
                .table(p.getTable())
                .lockTimeout(p.getLockTimeout())
                .outOfOrder(p.isOutOfOrder())
                .validateApplied(p.isValidateApplied())
                .allowReset(p.isAllowReset())
                .placeholders(p.getPlaceholders())
                .lockRetries(p.getLockRetries())
                .progressInterval(p.getProgressInterval());
        if (classLoader != null) {
            migrator.classLoader(classLoader);
        }
        if (p.getSchema() != null) {
            migrator.schema(p.getSchema());
        }
        if (p.getTarget() != null) {
            migrator.target(p.getTarget());
        }
        if (p.getSeedLocation() != null) {
            migrator.seedLocation(p.getSeedLocation());
        }
        if (p.getLockWaitTimeout() != null) {
            migrator.lockWaitTimeout(p.getLockWaitTimeout());
        }
        if (p.getStatementTimeout() != null) {
            migrator.statementTimeout(p.getStatementTimeout());
        }
        if (!javaMigrations.isEmpty()) {
            migrator.javaMigrations(javaMigrations.toArray(JavaMigration[]::new));
        }
        for (MigratorCustomizer customizer : customizers) {
            customizer.customize(migrator);
        }
        return migrator;
    }

    /** The database migrations run on: {@code migrate.url}, a {@link MigrateDataSource @MigrateDataSource} bean, or the application's. */
    public DataSource dataSource() {
        return dataSource;
    }
}
