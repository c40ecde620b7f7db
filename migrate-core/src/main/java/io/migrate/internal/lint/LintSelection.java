package io.migrate.internal.lint;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which migrations lint checks: by default the pending ones, on a shadow holding the target's schema;
 * with {@code since}, those after the named one; with {@code latest}, the last n; both of these on a
 * shadow holding what the migrations before them create.
 */
public record LintSelection(Optional<String> since, OptionalInt latest) {

    public static final LintSelection PENDING = new LintSelection(Optional.empty(), OptionalInt.empty());
}
