package io.migrate.internal.history;

import java.time.OffsetDateTime;

/** One row of the history table, column for column as in Prisma's {@code _prisma_migrations}. */
public record HistoryRow(String id, String checksum, OffsetDateTime finishedAt, String migrationName, String logs,
                         OffsetDateTime rolledBackAt, OffsetDateTime startedAt, int appliedStepsCount) {

    public boolean applied() {
        return finishedAt != null && rolledBackAt == null;
    }

    public boolean failed() {
        return finishedAt == null && rolledBackAt == null;
    }
}
