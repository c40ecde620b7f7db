package io.migrate.internal.engine;

import io.migrate.api.AppliedMigration;
import io.migrate.api.DeployResult;
import io.migrate.api.MigrationException;
import io.migrate.api.MigrationListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Consumer;

/** Tells the configured listeners; one that throws is logged and ignored, so it cannot change the history. */
final class Listeners {

    private static final Logger log = LoggerFactory.getLogger(Listeners.class);

    /** Mostly empty: each event then returns before it makes the call it would pass on. */
    private final List<MigrationListener> listeners;

    Listeners(List<MigrationListener> listeners) {
        this.listeners = listeners;
    }

    void beforeDeploy(int pending) {
        if (listeners.isEmpty()) {
            return;
        }
        tell("beforeDeploy", l -> l.beforeDeploy(pending));
    }

    void afterDeploy(DeployResult result) {
        if (listeners.isEmpty()) {
            return;
        }
        tell("afterDeploy", l -> l.afterDeploy(result));
    }

    void beforeMigration(String name) {
        if (listeners.isEmpty()) {
            return;
        }
        tell("beforeMigration", l -> l.beforeMigration(name));
    }

    void afterMigration(AppliedMigration migration) {
        if (listeners.isEmpty()) {
            return;
        }
        tell("afterMigration", l -> l.afterMigration(migration));
    }

    void onFailure(String name, MigrationException failure) {
        if (listeners.isEmpty()) {
            return;
        }
        tell("onFailure", l -> l.onFailure(name, failure));
    }

    private void tell(String event, Consumer<MigrationListener> call) {
        for (MigrationListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                log.warn("Listener {} threw in {}; ignored", listener.getClass().getName(), event, e);
            }
        }
    }
}
