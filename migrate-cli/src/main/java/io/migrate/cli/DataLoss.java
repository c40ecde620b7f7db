package io.migrate.cli;

import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;

import java.util.function.Supplier;

/**
 * The decision a change that loses data needs. On a terminal the library's refusal is shown and the
 * user asked; without one the command never waits and never pretends: it stops, naming the flag.
 */
final class DataLoss {

    private DataLoss() {
    }

    /**
     * Runs {@code attempt}; if the library refuses because data would be lost, asks on a terminal and
     * runs {@code accepted} on a yes, or fails naming {@code --accept-data-loss}.
     */
    static <T> T decide(Supplier<T> attempt, Supplier<T> accepted, String what) {
        try {
            return attempt.get();
        } catch (MigrationException refused) {
            if (refused.code() != ErrorCode.DATA_LOSS_NOT_ACCEPTED) {
                throw refused;
            }
            if (!Terminal.interactive()) {
                throw new UsageException(refused.code().name(), refused.getMessage() + "\nNo terminal to ask on, so nothing was changed. "
                        + "Pass --accept-data-loss to " + what + " anyway.");
            }
            System.err.println(Terminal.yellow(refused.getMessage()));
            if (!Terminal.confirm("Lose this data and " + what + " anyway?")) {
                throw new Declined(what);
            }
            return accepted.get();
        }
    }

    /** The user said no at the prompt. */
    static final class Declined extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Declined(String what) {
            super("Cancelled: nothing was changed (" + what + " would have lost data).");
        }
    }
}
