package io.migrate.internal.engine;

import io.migrate.api.DeployPlan;
import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;
import io.migrate.api.PlannedMigration;
import io.migrate.api.StatusReport;
import io.migrate.api.ValidationException;
import io.migrate.internal.source.Migration;
import io.migrate.internal.source.MigrationReader;
import io.migrate.spi.Dialect;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** The operations that only read: status, validate and plan. None of them writes, not even the history table. */
public final class Operations {

    private final Settings settings;

    public Operations(Settings settings) {
        this.settings = settings;
    }

    /** Reads the locations, and checks that a configured target is one of the migrations found. */
    static MigrationReader.Contents read(Settings settings) {
        MigrationReader.Contents contents = MigrationReader.read(settings.locations(), settings.classLoader(),
                settings.javaMigrations());
        if (settings.target() != null) {
            find(contents, settings.target(), "target");
        }
        return contents;
    }

    /** The migration called {@code name}; {@code role} says what the name was given as, for the message. */
    static Migration find(MigrationReader.Contents contents, String name, String role) {
        return contents.migrations().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow(() ->
                new MigrationException(ErrorCode.MIGRATION_NOT_FOUND, "The " + role + " " + name + " is not among the "
                        + contents.migrations().size() + " migrations in " + String.join(", ", contentsLocations(contents))
                        + ". Check the name: it is the folder's full name, timestamp included"));
    }

    private static List<String> contentsLocations(MigrationReader.Contents contents) {
        return contents.migrations().stream().map(Migration::source).map(s -> s.replaceAll("/[^/]+/migration\\.sql$", ""))
                .distinct().toList();
    }

    /** What to do about each kind of problem, appended to a message that lists them. */
    static void adviseOn(List<ValidationException.Problem> problems, StringBuilder text) {
        if (problems.stream().anyMatch(p -> p.code() == ErrorCode.CHECKSUM_MISMATCH || p.code() == ErrorCode.MIGRATION_MISSING)) {
            text.append("\nAn applied migration must not be edited or deleted: restore the file as it was and put the"
                    + " change in a new migration, record a deliberate edit with acceptChecksum(name), or deploy with"
                    + " validateApplied(false) to only warn.");
        }
        if (problems.stream().anyMatch(p -> p.code() == ErrorCode.OUT_OF_ORDER)) {
            text.append("\nRename the out-of-order migration to sort after the newest applied one, or deploy with"
                    + " outOfOrder(true) if it is independent of the ones after it.");
        }
    }

    public StatusReport status() {
        MigrationReader.Contents contents = read(settings);
        try (Database db = Database.open(settings, contents)) {
            boolean exists = db.historyExists();
            Plan plan = Plan.of(contents.migrations(), exists ? db.history.read() : List.of(), true, settings.outOfOrder());
            return new StatusReport(db.history.qualifiedName(), exists, settings.locations(), plan.statuses());
        } catch (SQLException e) {
            throw Failures.bookkeeping("reading the history table", e);
        }
    }

    public void validate() {
        MigrationReader.Contents contents = read(settings);
        try (Database db = Database.open(settings, contents)) {
            requireAgreement(plan(contents, db), "The history and the migrations on disk disagree:\n");
        } catch (SQLException e) {
            throw Failures.bookkeeping("reading the history table", e);
        }
    }

    public DeployPlan plan() {
        MigrationReader.Contents contents = read(settings);
        try (Database db = Database.open(settings, contents)) {
            Plan plan = plan(contents, db);
            requireAgreement(plan, "A deploy would stop before applying anything: the history and the migrations on disk disagree.\n");
            return new DeployPlan(plan.pendingUpTo(settings.target()).stream().map(m -> planned(m, db.dialect, settings.placeholders())).toList(),
                    plan.applied());
        } catch (SQLException e) {
            throw Failures.bookkeeping("reading the history table", e);
        }
    }

    private Plan plan(MigrationReader.Contents contents, Database db) throws SQLException {
        return Plan.of(contents.migrations(), db.rows(), settings.validateApplied(), settings.outOfOrder());
    }

    private static void requireAgreement(Plan plan, String intro) {
        if (!plan.problems().isEmpty()) {
            StringBuilder text = new StringBuilder(intro).append(ValidationException.describe(plan.problems()));
            adviseOn(plan.problems(), text);
            throw new ValidationException(plan.problems(), text.toString());
        }
    }

    private static PlannedMigration planned(Migration migration, Dialect dialect, Map<String, String> placeholders) {
        Script script = Script.prepare(migration, dialect, placeholders);
        return new PlannedMigration(migration.name(), migration.source(), migration.script(), script.countRunnable(),
                script.transactional(), script.withoutTransaction());
    }
}
