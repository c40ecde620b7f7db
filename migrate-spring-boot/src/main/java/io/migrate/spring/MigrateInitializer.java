package io.migrate.spring;

import io.migrate.Migrator;
import io.migrate.api.DeployResult;
import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;
import io.migrate.api.MigrationStatus;
import io.migrate.api.StatusReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Brings the database up to date (or checks it) when the application context starts, according to
 * {@code migrate.mode}. Beans that initialise from the database — JPA's entity manager factory,
 * {@code JdbcTemplate}, jOOQ, {@code spring.sql.init} scripts — are made to depend on it through
 * Spring Boot's database-initialisation detection, so they see the migrated schema.
 */
public class MigrateInitializer implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(MigrateInitializer.class);

    private final MigratorFactory factory;
    private final MigrateProperties.Mode mode;
    private volatile DeployResult result;

    /**
     * @param factory builds the configured {@link Migrator}
     * @param mode    what to do at start-up
     */
    public MigrateInitializer(MigratorFactory factory, MigrateProperties.Mode mode) {
        this.factory = factory;
        this.mode = mode;
    }

    /**
     * Deploys, validates or does nothing, as {@code migrate.mode} says.
     *
     * @throws MigrationException when a migration fails, the history needs settling, or (with
     *                            {@code validate}) a migration is pending: the application does not start
     */
    @Override
    public void afterPropertiesSet() {
        switch (mode) {
            case DEPLOY -> result = factory.migrator().deploy();
            case VALIDATE -> validate(factory.migrator());
            case NONE -> log.info("migrate.mode=none: the database is neither migrated nor checked at start-up");
        }
    }

    private static void validate(Migrator migrator) {
        migrator.validate();
        StatusReport report = migrator.status();
        List<MigrationStatus> pending = report.pending();
        if (!pending.isEmpty()) {
            throw new MigrationException(ErrorCode.PENDING_MIGRATIONS, pending.size()
                    + (pending.size() == 1 ? " migration is" : " migrations are") + " not applied to the database of "
                    + report.historyTable() + ": " + pending.stream().map(MigrationStatus::name)
                    .collect(Collectors.joining(", ")) + ". With migrate.mode=validate the application starts only on a"
                    + " database that is up to date: deploy them first (with migrate.mode=deploy, or in the deploy step"
                    + " of your pipeline), then start it again");
        }
        log.info("migrate.mode=validate: the database of {} is up to date", report.historyTable());
    }

    /** What the deploy at start-up did; empty unless {@code migrate.mode} is {@code deploy}. */
    public Optional<DeployResult> result() {
        return Optional.ofNullable(result);
    }
}
