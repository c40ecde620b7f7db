package io.migrate.internal.engine;

import io.migrate.api.ErrorCode;
import io.migrate.api.ValidationException.Problem;
import io.migrate.internal.history.HistoryRow;
import io.migrate.internal.source.Migration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the migrations on disk with the history: what is pending, and what must be settled
 * before anything may run.
 */
record Plan(List<Migration> pending, int applied, List<Problem> problems, List<Problem> warnings,
            List<HistoryRow> failed) {

    static Plan of(List<Migration> onDisk, List<HistoryRow> rows, boolean validateApplied, boolean outOfOrder) {
        Map<String, HistoryRow> applied = new LinkedHashMap<>();
        Map<String, HistoryRow> failed = new LinkedHashMap<>();
        for (HistoryRow row : rows) {
            if (row.applied()) {
                applied.put(row.migrationName(), row);
            } else if (row.failed()) {
                failed.put(row.migrationName(), row);
            }
        }
        Map<String, Migration> byName = new HashMap<>();
        onDisk.forEach(m -> byName.put(m.name(), m));

        List<Problem> problems = new ArrayList<>();
        List<Problem> changed = new ArrayList<>();
        for (HistoryRow row : failed.values()) {
            problems.add(new Problem(ErrorCode.FAILED_MIGRATION_PRESENT, row.migrationName(),
                    "started " + row.startedAt() + ", never finished after " + row.appliedStepsCount()
                            + (row.appliedStepsCount() == 1 ? " statement" : " statements") + firstLine(row.logs())));
        }
        String newestApplied = null;
        for (HistoryRow row : applied.values()) {
            Migration file = byName.get(row.migrationName());
            if (newestApplied == null || row.migrationName().compareTo(newestApplied) > 0) {
                newestApplied = row.migrationName();
            }
            if (file == null) {
                changed.add(new Problem(ErrorCode.MIGRATION_MISSING, row.migrationName(),
                        "applied " + row.finishedAt() + " with checksum " + row.checksum() + ", but no longer in any location"));
            } else if (!file.matches(row.checksum())) {
                changed.add(new Problem(ErrorCode.CHECKSUM_MISMATCH, row.migrationName(),
                        "applied with checksum " + row.checksum() + ", but " + file.source() + " now has checksum " + file.checksum()));
            }
        }
        List<Problem> warnings = List.of();
        if (validateApplied) {
            problems.addAll(changed);
        } else {
            warnings = changed;
        }
        List<Migration> pending = new ArrayList<>();
        for (Migration m : onDisk) {
            if (applied.containsKey(m.name()) || failed.containsKey(m.name())) {
                continue;
            }
            if (!outOfOrder && newestApplied != null && m.name().compareTo(newestApplied) < 0) {
                problems.add(new Problem(ErrorCode.OUT_OF_ORDER, m.name(),
                        "is pending but sorts before " + newestApplied + ", which is already applied"));
            }
            pending.add(m);
        }
        return new Plan(List.copyOf(pending), applied.size(), List.copyOf(problems), List.copyOf(warnings),
                List.copyOf(failed.values()));
    }

    private static String firstLine(String logs) {
        if (logs == null || logs.isBlank()) {
            return "";
        }
        String first = logs.strip().lines().findFirst().orElse("");
        return ": " + (first.length() > 300 ? first.substring(0, 299) + "…" : first);
    }

    boolean nothingToDo() {
        return pending.isEmpty() && problems.isEmpty();
    }
}
