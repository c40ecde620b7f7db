package io.migrate.api;

import io.migrate.schema.SchemaDiff;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What {@code status()} found: every migration on disk or in the history, in name order.
 *
 * @param historyTable       the history table, as it appears in SQL
 * @param historyTableExists whether it exists (status never creates it)
 * @param locations          the locations that were read
 * @param migrations         every migration known on disk or in the history
 * @param warnings           what is allowed but probably not meant, such as a migration whose name has
 *                           no leading timestamp or number and sorts before ones that have
 * @param drift              with {@code detectDrift(true)}: the diff from what the applied migrations create to
 *                           what the database holds (empty when they agree); without it: empty
 */
public record StatusReport(String historyTable, boolean historyTableExists, List<String> locations,
                           List<MigrationStatus> migrations, List<Warning> warnings, Optional<SchemaDiff> drift) {

    /**
     * Something allowed but probably not meant.
     *
     * @param migration the migration it is about
     * @param message   what was found and what to do
     */
    public record Warning(String migration, String message) {
    }

    /** The overall answer. */
    public enum Verdict {
        /** Everything on disk is applied and nothing needs settling. */
        UP_TO_DATE,
        /** Some migrations wait to be deployed; nothing needs settling. */
        PENDING,
        /** Something must be settled before a deploy can run (see {@link #problems()}). */
        PROBLEMS
    }

    public StatusReport {
        locations = List.copyOf(locations);
        migrations = List.copyOf(migrations);
        warnings = List.copyOf(warnings);
        drift = drift == null ? Optional.empty() : drift;
    }

    /** A report without warnings. */
    public StatusReport(String historyTable, boolean historyTableExists, List<String> locations,
                        List<MigrationStatus> migrations) {
        this(historyTable, historyTableExists, locations, migrations, List.of());
    }

    /** A report without a drift check. */
    public StatusReport(String historyTable, boolean historyTableExists, List<String> locations,
                        List<MigrationStatus> migrations, List<Warning> warnings) {
        this(historyTable, historyTableExists, locations, migrations, warnings, Optional.empty());
    }

    /** This report with the result of a drift check. */
    public StatusReport withDrift(SchemaDiff diff) {
        return new StatusReport(historyTable, historyTableExists, locations, migrations, warnings, Optional.of(diff));
    }

    /** Whether a drift check ran and found the database different from what its applied migrations create. */
    public boolean hasDrift() {
        return drift.isPresent() && !drift.get().isEmpty();
    }

    public Verdict verdict() {
        if (!problems().isEmpty() || hasDrift()) {
            return Verdict.PROBLEMS;
        }
        return pending().isEmpty() ? Verdict.UP_TO_DATE : Verdict.PENDING;
    }

    /** Migrations a deploy would apply. */
    public List<MigrationStatus> pending() {
        return select(MigrationStatus::isPending);
    }

    /** Migrations that must be settled first: failed, modified, missing or out of order. */
    public List<MigrationStatus> problems() {
        return select(MigrationStatus::isProblem);
    }

    /** Migrations in one state. */
    public List<MigrationStatus> in(MigrationState state) {
        return select(m -> m.state() == state);
    }

    private List<MigrationStatus> select(Predicate<MigrationStatus> filter) {
        return migrations.stream().filter(filter).toList();
    }

    /** A report for people, in the manner of {@code prisma migrate status}. */
    @Override
    public String toString() {
        long onDisk = migrations.stream().filter(m -> m.state() != MigrationState.MISSING).count();
        StringBuilder text = new StringBuilder().append(onDisk).append(onDisk == 1 ? " migration" : " migrations")
                .append(" found in ").append(String.join(", ", locations)).append('\n');
        if (!historyTableExists) {
            text.append("The history table ").append(historyTable).append(" does not exist yet: nothing was applied.\n");
        }
        if (!warnings.isEmpty()) {
            text.append("\nFollowing migrations have no leading timestamp or number and sort before ones that have:\n");
            warnings.forEach(w -> text.append("  ").append(w.migration()).append('\n'));
            text.append("They run first. If they were written after those, rename them to start with a timestamp.\n");
        }
        section(text, MigrationState.FAILED, "Following migrations have failed:", """
                Repair what they applied by hand, then mark each with resolveRolledBack(name) to run it again,
                or with resolveApplied(name) if you completed it by hand.""");
        section(text, MigrationState.MODIFIED, "Following migrations were modified after they were applied:", """
                Restore the files as they were and put the change in a new migration,
                or record an intended edit with acceptChecksum(name).""");
        section(text, MigrationState.MISSING, "Following migrations were applied but are not found in the locations:", """
                Restore them, or check that the locations are the ones this database was migrated from.""");
        section(text, MigrationState.OUT_OF_ORDER, "Following migrations sort before the newest applied one:", """
                Rename them to sort after it, or deploy with outOfOrder(true).""");
        List<MigrationStatus> waiting = pending().stream().filter(m -> m.state() != MigrationState.OUT_OF_ORDER).toList();
        if (!waiting.isEmpty()) {
            text.append("\nFollowing migrations have not yet been applied:\n");
            waiting.forEach(m -> text.append("  ").append(m.name())
                    .append(m.state() == MigrationState.ROLLED_BACK ? "  (rolled back, will run again)" : "").append('\n'));
            text.append("\nTo apply them, deploy.\n");
        }
        if (hasDrift()) {
            text.append("\nDrift detected: the database schema is not in sync with the migration history.\n")
                    .append("Compared with what the applied migrations create, the database has these changes:\n  ")
                    .append(drift.get().toString().replace("\n", "\n  ")).append('\n')
                    .append("Put them in a new migration, or remove them with the SQL of drift().get().reverse().script().\n");
        }
        if (verdict() == Verdict.UP_TO_DATE) {
            text.append("\nDatabase schema is up to date!\n");
        }
        return text.toString().stripTrailing();
    }

    private void section(StringBuilder text, MigrationState state, String title, String advice) {
        List<MigrationStatus> found = in(state);
        if (found.isEmpty()) {
            return;
        }
        text.append('\n').append(title).append('\n');
        for (MigrationStatus m : found) {
            text.append("  ").append(m.name());
            if (state == MigrationState.MODIFIED) {
                text.append("  (applied with checksum ").append(m.appliedChecksum()).append(", now ").append(m.checksum()).append(')');
            }
            if (state == MigrationState.FAILED && m.lastError() != null) {
                String first = m.lastError().strip().lines().findFirst().orElse("");
                text.append("  ").append(first);
            }
            text.append('\n');
        }
        text.append(advice.strip()).append('\n');
    }

    /** The report as one JSON object, for CI and other tools. */
    public String toJson() {
        StringBuilder json = new StringBuilder("{");
        JsonText.field(json, "verdict", verdict().name()).append(',');
        JsonText.field(json, "historyTable", historyTable).append(',');
        json.append("\"historyTableExists\":").append(historyTableExists).append(',');
        json.append("\"locations\":[");
        for (int i = 0; i < locations.size(); i++) {
            json.append(i == 0 ? "" : ",").append(JsonText.quote(locations.get(i)));
        }
        json.append("],\"migrations\":[");
        for (int i = 0; i < migrations.size(); i++) {
            MigrationStatus m = migrations.get(i);
            json.append(i == 0 ? "{" : ",{");
            JsonText.field(json, "name", m.name()).append(',');
            JsonText.field(json, "state", m.state().name()).append(',');
            JsonText.field(json, "checksum", m.checksum()).append(',');
            JsonText.field(json, "appliedChecksum", m.appliedChecksum()).append(',');
            JsonText.field(json, "startedAt", text(m.startedAt())).append(',');
            JsonText.field(json, "finishedAt", text(m.finishedAt())).append(',');
            Duration took = m.duration();
            json.append("\"durationMillis\":").append(took == null ? "null" : String.valueOf(took.toMillis())).append(',');
            json.append("\"attempts\":").append(m.attempts()).append(',');
            JsonText.field(json, "lastError", m.lastError()).append('}');
        }
        json.append("],\"warnings\":[");
        for (int i = 0; i < warnings.size(); i++) {
            json.append(i == 0 ? "{" : ",{");
            JsonText.field(json, "migration", warnings.get(i).migration()).append(',');
            JsonText.field(json, "message", warnings.get(i).message()).append('}');
        }
        json.append("],\"drift\":");
        if (drift.isEmpty()) {
            json.append("null");
        } else {
            json.append('[');
            List<String> changes = drift.get().changes().stream().map(c -> c.table().map(t -> t.qualifiedName() + ": ")
                    .orElse("") + c.summary()).toList();
            for (int i = 0; i < changes.size(); i++) {
                json.append(i == 0 ? "" : ",").append(JsonText.quote(changes.get(i)));
            }
            json.append(']');
        }
        return json.append('}').toString();
    }

    private static String text(OffsetDateTime time) {
        return time == null ? null : time.toString();
    }
}
