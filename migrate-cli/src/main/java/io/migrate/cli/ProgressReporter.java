package io.migrate.cli;

import io.migrate.api.AppliedMigration;
import io.migrate.api.MigrationListener;

/**
 * One line on standard error as each migration starts, so that a watcher of a CI log or a container
 * sees which migration runs; a long one also gets the library's periodic "Still applying" line.
 */
final class ProgressReporter implements MigrationListener {

    @Override
    public void beforeDeploy(int pending) {
        if (pending > 0) {
            System.err.println("Applying " + pending + (pending == 1 ? " migration" : " migrations"));
        }
    }

    @Override
    public void beforeMigration(String name) {
        System.err.println("  " + name + " …");
    }

    @Override
    public void afterMigration(AppliedMigration migration) {
        System.err.println("  " + migration.name() + " applied in " + migration.duration().toMillis() + " ms");
    }
}
