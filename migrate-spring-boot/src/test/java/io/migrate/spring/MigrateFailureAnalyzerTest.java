package io.migrate.spring;

import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

class MigrateFailureAnalyzerTest {

    private final MigrateFailureAnalyzer analyzer = new MigrateFailureAnalyzer();

    @Test
    void describesWithTheLibrarysMessage() {
        MigrationException failure = new MigrationException(ErrorCode.LOCK_TIMEOUT, "Another deployer held the lock");
        FailureAnalysis analysis = analyzer.analyze(new BeanCreationException("migrateInitializer", "init failed", failure));
        assertThat(analysis.getDescription()).isEqualTo("[LOCK_TIMEOUT] Another deployer held the lock");
        assertThat(analysis.getAction()).isEqualTo("Wait for the other deployment to finish, or raise migrate.lock-timeout,"
                + " then start the application again.");
        assertThat(analysis.getCause()).isSameAs(failure);
    }

    @Test
    void namesThePropertyOfABadSetting() {
        MigrationException failure = new MigrationException(ErrorCode.INVALID_CONFIGURATION,
                "lockWaitTimeout = 'PT0S': must be a positive duration");
        assertThat(MigrateFailureAnalyzer.action(failure)).isEqualTo("Correct the property migrate.lock-wait-timeout"
                + " (or the MigratorCustomizer that sets it), then start the application again.");
    }

    @Test
    void everyCodeHasAnAction() {
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(MigrateFailureAnalyzer.action(new MigrationException(code, "x"))).as(code.name()).isNotBlank();
        }
        assertThat(MigrateFailureAnalyzer.action(new MigrationException(ErrorCode.PENDING_MIGRATIONS, "x")))
                .isEqualTo("Deploy the pending migrations, or set migrate.mode=deploy to apply them at start-up.");
        assertThat(MigrateFailureAnalyzer.action(new MigrationException(ErrorCode.MIGRATION_FAILED, "x")))
                .isEqualTo("Do what the description above says, then start the application again. To start without"
                        + " migrating meanwhile, set migrate.mode=none.");
    }

    @Test
    void ignoresOtherFailures() {
        assertThat(analyzer.analyze(new IllegalStateException("not ours"))).isNull();
    }
}
