package io.migrate.internal.engine;

import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationState;
import io.migrate.api.MigrationStatus;
import io.migrate.api.ValidationException;
import io.migrate.api.ValidationException.Problem;
import io.migrate.internal.history.HistoryRow;
import io.migrate.internal.history.HistoryState;
import io.migrate.internal.source.Migration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import static io.migrate.internal.source.MigrationNames.ORDER;

/**
 * Compares the migrations on disk with the history: where each migration stands, what is pending,
 * and what must be settled before anything may run.
 *
 * @param statuses every migration on disk or in the history, in name order (a rolled-back attempt
 *                 of a migration no longer on disk is left out: deleting it settled it)
 * @param pending  what a deploy would apply, in order
 * @param applied  how many migrations are applied
 * @param failed   the latest row of each failed migration
 */
record Plan(List<MigrationStatus> statuses, List<Migration> pending, int applied, List<Problem> problems,
            List<Problem> warnings, List<HistoryRow> failed) {

    static Plan of(List<Migration> onDisk, List<HistoryRow> rows, boolean validateApplied, boolean outOfOrder) {
        Map<String, Migration> files = new HashMap<>();
        onDisk.forEach(m -> files.put(m.name(), m));
        Map<String, List<HistoryRow>> history = new TreeMap<>(ORDER);
        String newestApplied = null;
        for (HistoryRow row : rows) {
            history.computeIfAbsent(row.migrationName(), n -> new ArrayList<>()).add(row);
            if (row.applied() && (newestApplied == null || ORDER.compare(row.migrationName(), newestApplied) > 0)) {
                newestApplied = row.migrationName();
            }
        }
        TreeMap<String, Migration> names = new TreeMap<>(ORDER);
        names.putAll(files);
        history.keySet().forEach(n -> names.putIfAbsent(n, null));

        List<MigrationStatus> statuses = new ArrayList<>();
        List<Migration> pending = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<Problem> changed = new ArrayList<>();
        List<Problem> unordered = new ArrayList<>();
        List<HistoryRow> failed = new ArrayList<>();
        int applied = 0;
        for (Map.Entry<String, Migration> entry : names.entrySet()) {
            String name = entry.getKey();
            Migration file = entry.getValue();
            List<HistoryRow> attempts = history.getOrDefault(name, List.of());
            HistoryRow appliedRow = latest(attempts, HistoryRow::applied);
            HistoryRow failedRow = latest(attempts, HistoryRow::failed);
            HistoryRow last = attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
            MigrationState state;
            if (failedRow != null) {
                state = MigrationState.FAILED;
                failed.add(failedRow);
                problems.add(new Problem(ErrorCode.FAILED_MIGRATION_PRESENT, name, "started " + failedRow.startedAt()
                        + ", never finished after " + failedRow.appliedStepsCount()
                        + (failedRow.appliedStepsCount() == 1 ? " statement" : " statements") + firstLine(failedRow.logs())));
            } else if (appliedRow != null) {
                applied++;
                if (file == null) {
                    state = MigrationState.MISSING;
                    changed.add(new Problem(ErrorCode.MIGRATION_MISSING, name, "applied " + appliedRow.finishedAt()
                            + " with checksum " + appliedRow.checksum() + ", but no longer in any location"));
                } else if (!file.matches(appliedRow.checksum())) {
                    state = MigrationState.MODIFIED;
                    changed.add(new Problem(ErrorCode.CHECKSUM_MISMATCH, name, "applied with checksum "
                            + appliedRow.checksum() + ", but " + file.source() + " now has checksum " + file.checksum()));
                } else {
                    state = MigrationState.APPLIED;
                }
            } else if (file == null) {
                continue;
            } else {
                if (!outOfOrder && newestApplied != null && ORDER.compare(name, newestApplied) < 0) {
                    state = MigrationState.OUT_OF_ORDER;
                    unordered.add(new Problem(ErrorCode.OUT_OF_ORDER, name,
                            "is pending but sorts before " + newestApplied + ", which is already applied"));
                } else {
                    state = attempts.isEmpty() ? MigrationState.PENDING : MigrationState.ROLLED_BACK;
                }
                pending.add(file);
            }
            HistoryRow shown = appliedRow != null && failedRow == null ? appliedRow : last;
            HistoryRow error = latest(attempts, r -> !r.applied() && r.logs() != null);
            statuses.add(new MigrationStatus(name, state, file == null ? null : file.checksum(),
                    shown == null ? null : shown.checksum(), shown == null ? null : shown.startedAt(),
                    shown == null ? null : shown.finishedAt(), attempts.size(), error == null ? null : error.logs()));
        }
        List<Problem> warnings = List.of();
        if (validateApplied) {
            problems.addAll(changed);
        } else {
            warnings = changed;
        }
        problems.addAll(unordered);
        return new Plan(List.copyOf(statuses), List.copyOf(pending), applied, List.copyOf(problems),
                List.copyOf(warnings), List.copyOf(failed));
    }

    /** What the history's states alone say about a deploy, before a {@link Plan} is made. */
    enum Glance {
        /** Every migration on disk is applied with its checksum, and the history has nothing else. */
        UP_TO_DATE,
        /** Nothing has changed or gone, but a migration is pending or an attempt failed: the lock is needed. */
        WORK,
        /** Anything else: only a plan of the full rows can tell. */
        UNSURE
    }

    /**
     * A look at the states that a {@link Plan} of the same history would agree with: {@code UP_TO_DATE}
     * where its plan has all on disk applied and no problem or warning; {@code WORK} where, with no
     * target, it would have something pending or a failed migration and no warning.
     */
    static Glance glance(List<Migration> onDisk, List<HistoryState> states, String target) {
        Map<String, String> appliedWith = new HashMap<>(states.size() * 2);
        boolean failed = false;
        for (HistoryState state : states) {
            // The states come in no particular order, and of two applied rows of one name the later
            // counts (an accepted checksum): only the ordered rows of a plan can tell which that is.
            if (state.applied() && appliedWith.put(state.migrationName(), state.checksum()) != null) {
                return Glance.UNSURE;
            }
            failed |= state.failed();
        }
        int applied = 0;
        for (Migration m : onDisk) {
            String checksum = appliedWith.get(m.name());
            if (checksum != null) {
                if (!m.matches(checksum)) {
                    return Glance.UNSURE;
                }
                applied++;
            }
        }
        if (applied < appliedWith.size()) {
            return Glance.UNSURE;
        }
        if (!failed && applied == onDisk.size()) {
            return Glance.UP_TO_DATE;
        }
        return target == null ? Glance.WORK : Glance.UNSURE;
    }

    private static HistoryRow latest(List<HistoryRow> rows, Predicate<HistoryRow> filter) {
        for (int i = rows.size() - 1; i >= 0; i--) {
            if (filter.test(rows.get(i))) {
                return rows.get(i);
            }
        }
        return null;
    }

    private static String firstLine(String logs) {
        if (logs == null || logs.isBlank()) {
            return "";
        }
        String first = logs.strip().lines().findFirst().orElse("");
        return ": " + (first.length() > 300 ? first.substring(0, 299) + "…" : first);
    }

    /** The pending migrations up to and including {@code target}, or all of them when it is null. */
    List<Migration> pendingUpTo(String target) {
        return target == null ? pending : pending.stream().filter(m -> ORDER.compare(m.name(), target) <= 0).toList();
    }

    boolean nothingToDo(String target) {
        return pendingUpTo(target).isEmpty() && problems.isEmpty();
    }

    /** Stops with every problem listed after {@code intro}, and advice, unless there is none. */
    void requireAgreement(String intro) {
        if (!problems.isEmpty()) {
            StringBuilder text = new StringBuilder(intro).append(ValidationException.describe(problems));
            advise(text);
            throw new ValidationException(problems, text.toString());
        }
    }

    /** What to do about each kind of problem, appended to a message that lists them. */
    void advise(StringBuilder text) {
        if (problems.stream().anyMatch(p -> p.code() == ErrorCode.CHECKSUM_MISMATCH || p.code() == ErrorCode.MIGRATION_MISSING)) {
            text.append("\nAn applied migration must not be edited or deleted: restore the file as it was and put the"
                    + " change in a new migration, record a deliberate edit with acceptChecksum(name), or deploy with"
                    + " validateApplied(false) to only warn.");
        }
        if (problems.stream().anyMatch(p -> p.code() == ErrorCode.MIGRATION_MISSING)) {
            text.append("\nA migration applied here but missing on disk usually comes from another branch (a branch"
                    + " switch): check out or merge the branch that has it; for a development database you can also"
                    + " reset() it to the migrations of this branch.");
        }
        if (problems.stream().anyMatch(p -> p.code() == ErrorCode.OUT_OF_ORDER)) {
            text.append("\nRename the out-of-order migration to sort after the newest applied one, or deploy with"
                    + " outOfOrder(true) if it is independent of the ones after it.");
            text.append("\nAfter merging a branch whose migrations are older than ones already applied here: rename each"
                    + " out-of-order folder to a later timestamp (it has not reached any shared database yet), or keep"
                    + " the names and deploy with outOfOrder(true).");
        }
    }
}
