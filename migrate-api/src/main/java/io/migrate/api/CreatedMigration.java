package io.migrate.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code createMigration} or {@code createEmpty} did.
 *
 * @param outcome  whether a migration was written, and applied
 * @param name     the new migration's folder name ({@code 20260213123456_add_user_name}); empty when already in sync
 * @param folder   the folder written; empty when already in sync
 * @param script   the SQL written to {@code migration.sql}, header included; empty text when already in sync
 * @param changes  one line per change, as in a diff summary ({@code [+] Added column "name"})
 * @param warnings what to review before committing: data loss, table rewrites, locks, required columns on tables with rows
 */
public record CreatedMigration(Outcome outcome, Optional<String> name, Optional<Path> folder, String script,
                               List<String> changes, List<String> warnings) {

    /** What happened. */
    public enum Outcome {
        /** The migration was written and deployed to the database. */
        CREATED_AND_APPLIED,
        /** The migration was written only ({@code createOnly(true)} or {@code createEmpty}). */
        CREATED,
        /** The migrations already create the declared schema: nothing was written. */
        ALREADY_IN_SYNC
    }

    public CreatedMigration {
        changes = List.copyOf(changes);
        warnings = List.copyOf(warnings);
    }

    /** Whether the migrations already matched the declared schema, so nothing was written. */
    public boolean alreadyInSync() {
        return outcome == Outcome.ALREADY_IN_SYNC;
    }

    @Override
    public String toString() {
        return switch (outcome) {
            case ALREADY_IN_SYNC -> "Already in sync: the migrations create the declared schema, no migration written";
            case CREATED -> "Created " + folder.orElseThrow() + " (not applied)";
            case CREATED_AND_APPLIED -> "Created and applied " + folder.orElseThrow();
        };
    }
}
