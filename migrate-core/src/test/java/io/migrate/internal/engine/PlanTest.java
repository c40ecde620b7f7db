package io.migrate.internal.engine;

import io.migrate.api.Checksum;
import io.migrate.api.ErrorCode;
import io.migrate.api.ValidationException.Problem;
import io.migrate.internal.history.HistoryRow;
import io.migrate.internal.history.HistoryState;
import io.migrate.internal.source.Migration;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class PlanTest {

    private static final OffsetDateTime STARTED = OffsetDateTime.parse("2026-01-02T03:04:05Z");
    private static final OffsetDateTime FINISHED = OffsetDateTime.parse("2026-01-02T03:04:06Z");
    private static final OffsetDateTime ROLLED_BACK = OffsetDateTime.parse("2026-01-03T00:00:00Z");

    private final Migration a = migration("20240101000000_a", "CREATE TABLE a (id int);\n");
    private final Migration b = migration("20240102000000_b", "CREATE TABLE b (id int);\n");
    private final Migration c = migration("20240103000000_c", "CREATE TABLE c (id int);\n");

    @Test
    void everythingIsPendingWithoutHistory() {
        Plan plan = Plan.of(List.of(a, b, c), List.of(), true, false);

        assertThat(plan.pending()).containsExactly(a, b, c);
        assertThat(plan.applied()).isZero();
        assertThat(plan.problems()).isEmpty();
        assertThat(plan.warnings()).isEmpty();
        assertThat(plan.failed()).isEmpty();
        assertThat(plan.nothingToDo(null)).isFalse();
    }

    @Test
    void appliedMigrationsAreNotPending() {
        Plan plan = Plan.of(List.of(a, b, c), List.of(applied(a), applied(b)), true, false);

        assertThat(plan.pending()).containsExactly(c);
        assertThat(plan.applied()).isEqualTo(2);
        assertThat(plan.problems()).isEmpty();
        assertThat(plan.nothingToDo(null)).isFalse();
    }

    @Test
    void nothingToDoWhenEverythingIsApplied() {
        Plan plan = Plan.of(List.of(a, b), List.of(applied(a), applied(b)), true, false);

        assertThat(plan.pending()).isEmpty();
        assertThat(plan.applied()).isEqualTo(2);
        assertThat(plan.nothingToDo(null)).isTrue();
    }

    @Test
    void nothingToDoWithoutMigrationsOrHistory() {
        assertThat(Plan.of(List.of(), List.of(), true, false).nothingToDo(null)).isTrue();
    }

    @Test
    void failedRowIsAProblemWithItsFirstLogLine() {
        HistoryRow failed = row(a, a.checksum(), null, "\n  ERROR: relation \"x\" does not exist\nSTATEMENT: ...", null, 2);

        Plan plan = Plan.of(List.of(a, b), List.of(failed), true, false);

        assertThat(plan.problems()).containsExactly(new Problem(ErrorCode.FAILED_MIGRATION_PRESENT, a.name(),
                "started 2026-01-02T03:04:05Z, never finished after 2 statements: ERROR: relation \"x\" does not exist"));
        assertThat(plan.failed()).containsExactly(failed);
        assertThat(plan.pending()).containsExactly(b);
        assertThat(plan.applied()).isZero();
        assertThat(plan.nothingToDo(null)).isFalse();
    }

    @Test
    void failedRowWithoutLogsAfterOneStatement() {
        Plan plan = Plan.of(List.of(a), List.of(row(a, a.checksum(), null, null, null, 1)), true, false);

        assertThat(plan.problems()).extracting(Problem::detail)
                .containsExactly("started 2026-01-02T03:04:05Z, never finished after 1 statement");
        assertThat(plan.pending()).isEmpty();
        assertThat(plan.nothingToDo(null)).isFalse();
    }

    @Test
    void failedRowLogIsShortenedTo300Characters() {
        String log = "E".repeat(400);
        Plan plan = Plan.of(List.of(a), List.of(row(a, a.checksum(), null, log, null, 0)), true, false);

        assertThat(plan.problems()).extracting(Problem::detail)
                .containsExactly("started 2026-01-02T03:04:05Z, never finished after 0 statements: " + "E".repeat(299) + "…");
    }

    @Test
    void failedRowIsAProblemEvenWhenTheFileIsGone() {
        Plan plan = Plan.of(List.of(b), List.of(row(a, a.checksum(), null, null, null, 0)), false, true);

        assertThat(plan.problems()).extracting(Problem::code, Problem::migration)
                .containsExactly(tuple(ErrorCode.FAILED_MIGRATION_PRESENT, a.name()));
        assertThat(plan.pending()).containsExactly(b);
    }

    @Test
    void changedAppliedMigrationIsAChecksumMismatch() {
        Migration edited = migration(a.name(), "CREATE TABLE a (id bigint);\n");

        Plan plan = Plan.of(List.of(edited, b), List.of(applied(a)), true, false);

        assertThat(plan.problems()).containsExactly(new Problem(ErrorCode.CHECKSUM_MISMATCH, a.name(),
                "applied with checksum " + a.checksum() + ", but " + edited.source() + " now has checksum " + edited.checksum()));
        assertThat(plan.warnings()).isEmpty();
        assertThat(plan.pending()).containsExactly(b);
        assertThat(plan.applied()).isEqualTo(1);
    }

    @Test
    void lineEndingsChangedSinceApplyingIsNoMismatch() {
        Migration crlf = migration(a.name(), "CREATE TABLE a (id int);\r\n");

        Plan plan = Plan.of(List.of(crlf), List.of(applied(a)), true, false);

        assertThat(plan.problems()).isEmpty();
        assertThat(plan.nothingToDo(null)).isTrue();
    }

    @Test
    void deletedAppliedMigrationIsMissing() {
        Plan plan = Plan.of(List.of(b), List.of(applied(a), applied(b)), true, false);

        assertThat(plan.problems()).containsExactly(new Problem(ErrorCode.MIGRATION_MISSING, a.name(),
                "applied 2026-01-02T03:04:06Z with checksum " + a.checksum() + ", but no longer in any location"));
        assertThat(plan.applied()).isEqualTo(2);
        assertThat(plan.nothingToDo(null)).isFalse();
    }

    @Test
    void changedAndMissingAreWarningsWhenValidateAppliedIsOff() {
        Migration edited = migration(b.name(), "-- edited\n");

        Plan plan = Plan.of(List.of(edited), List.of(applied(a), applied(b)), false, false);

        assertThat(plan.problems()).isEmpty();
        assertThat(plan.warnings()).extracting(Problem::code, Problem::migration).containsExactlyInAnyOrder(
                tuple(ErrorCode.MIGRATION_MISSING, a.name()),
                tuple(ErrorCode.CHECKSUM_MISMATCH, b.name()));
        assertThat(plan.pending()).isEmpty();
        assertThat(plan.nothingToDo(null)).isTrue();
    }

    @Test
    void pendingMigrationOlderThanTheNewestAppliedIsOutOfOrder() {
        Plan plan = Plan.of(List.of(a, b, c), List.of(applied(b)), true, false);

        assertThat(plan.problems()).containsExactly(new Problem(ErrorCode.OUT_OF_ORDER, a.name(),
                "is pending but sorts before " + b.name() + ", which is already applied"));
        assertThat(plan.pending()).containsExactly(a, c);
        assertThat(plan.nothingToDo(null)).isFalse();
    }

    @Test
    void outOfOrderIsAllowedWhenAskedFor() {
        Plan plan = Plan.of(List.of(a, b, c), List.of(applied(b)), true, true);

        assertThat(plan.problems()).isEmpty();
        assertThat(plan.warnings()).isEmpty();
        assertThat(plan.pending()).containsExactly(a, c);
    }

    @Test
    void newestAppliedCountsEvenWhenItsFileIsGone() {
        Plan plan = Plan.of(List.of(a), List.of(applied(c)), false, false);

        assertThat(plan.problems()).extracting(Problem::code, Problem::migration)
                .containsExactly(tuple(ErrorCode.OUT_OF_ORDER, a.name()));
        assertThat(plan.warnings()).extracting(Problem::code).containsExactly(ErrorCode.MIGRATION_MISSING);
    }

    @Test
    void rolledBackRowsAreIgnored() {
        HistoryRow failedThenRolledBack = row(a, a.checksum(), null, "ERROR: boom", ROLLED_BACK, 1);
        HistoryRow appliedThenRolledBack = row(c, "0".repeat(64), FINISHED, null, ROLLED_BACK, 1);

        Plan plan = Plan.of(List.of(a, b, c), List.of(failedThenRolledBack, appliedThenRolledBack), true, false);

        assertThat(plan.problems()).isEmpty();
        assertThat(plan.failed()).isEmpty();
        assertThat(plan.applied()).isZero();
        assertThat(plan.pending()).containsExactly(a, b, c);
    }

    @Test
    void migrationRolledBackAndAppliedAgainIsApplied() {
        HistoryRow rolledBack = row(a, a.checksum(), null, "ERROR: boom", ROLLED_BACK, 1);

        Plan plan = Plan.of(List.of(a, b), List.of(rolledBack, applied(a)), true, false);

        assertThat(plan.problems()).isEmpty();
        assertThat(plan.applied()).isEqualTo(1);
        assertThat(plan.pending()).containsExactly(b);
    }

    @Test
    void nothingToDoUpToATargetIgnoresLaterPendingMigrations() {
        Plan plan = Plan.of(List.of(a, b, c), List.of(applied(a)), true, false);

        assertThat(plan.pendingUpTo(b.name())).containsExactly(b);
        assertThat(plan.pendingUpTo(null)).containsExactly(b, c);
        assertThat(plan.nothingToDo(a.name())).isTrue();
        assertThat(plan.nothingToDo(b.name())).isFalse();
    }

    @Test
    void statusesListEveryMigrationInNameOrderWithItsState() {
        Migration early = migration("20231231000000_early", "SELECT 0;\n");
        Migration edited = migration(b.name(), "-- edited\n");
        Migration d = migration("20240104000000_d", "CREATE TABLE d (id int);\n");
        Migration e = migration("20240105000000_e", "CREATE TABLE e (id int);\n");
        Migration f = migration("20240106000000_f", "CREATE TABLE f (id int);\n");
        Migration dropped = migration("20240107000000_dropped", "SELECT 7;\n");
        List<HistoryRow> rows = List.of(applied(a), applied(b), applied(c),
                row(d, d.checksum(), null, "ERROR: boom", null, 0),
                row(e, e.checksum(), null, "ERROR: bang", ROLLED_BACK, 0),
                row(dropped, dropped.checksum(), null, "ERROR: gone", ROLLED_BACK, 0));

        Plan plan = Plan.of(List.of(f, e, d, edited, a, early), rows, true, false);

        assertThat(plan.statuses()).extracting(s -> s.name() + " " + s.state()).containsExactly(
                early.name() + " OUT_OF_ORDER", a.name() + " APPLIED", b.name() + " MODIFIED", c.name() + " MISSING",
                d.name() + " FAILED", e.name() + " ROLLED_BACK", f.name() + " PENDING");
        assertThat(plan.pending()).containsExactly(early, e, f);
        assertThat(plan.applied()).isEqualTo(3);
    }

    @Test
    void glanceSeesAnUpToDateHistoryAndPendingWork() {
        assertThat(Plan.glance(List.of(a, b), states(List.of(applied(a), applied(b))), null)).isEqualTo(Plan.Glance.UP_TO_DATE);
        assertThat(Plan.glance(List.of(a, b), states(List.of(applied(a), applied(b))), a.name())).isEqualTo(Plan.Glance.UP_TO_DATE);
        assertThat(Plan.glance(List.of(a, b, c), states(List.of(applied(a), applied(b))), null)).isEqualTo(Plan.Glance.WORK);
        assertThat(Plan.glance(List.of(a, b, c), states(List.of(applied(a), applied(b))), b.name())).isEqualTo(Plan.Glance.UNSURE);
        assertThat(Plan.glance(List.of(a, b), states(List.of(applied(a), row(b, "f".repeat(64), FINISHED, null, null, 1))), null))
                .isEqualTo(Plan.Glance.UNSURE);
        assertThat(Plan.glance(List.of(a), states(List.of(applied(a), applied(b))), null)).isEqualTo(Plan.Glance.UNSURE);
    }

    /**
     * Over every mix of row kinds for three migrations on disk and one that is gone, the glance
     * agrees with the plan of the full rows wherever it does not say UNSURE, in whatever order the
     * states come (they are read without ORDER BY).
     */
    @Test
    void glanceAgreesWithThePlanOfTheFullRows() {
        Migration gone = migration("20240104000000_gone", "CREATE TABLE gone (id int);\n");
        List<Migration> all = List.of(a, b, c, gone);
        int kinds = 8;
        int unsure = 0;
        for (int mix = 0; mix < kinds * kinds * kinds * kinds; mix++) {
            List<HistoryRow> rows = new java.util.ArrayList<>();
            int rest = mix;
            for (Migration m : all) {
                rows.addAll(rows(m, rest % kinds));
                rest /= kinds;
            }
            for (List<Migration> onDisk : List.of(List.of(a, b, c), List.of(a, b))) {
                Plan.Glance glance = Plan.glance(onDisk, states(rows), null);
                List<HistoryState> reversed = new java.util.ArrayList<>(states(rows));
                java.util.Collections.reverse(reversed);
                assertThat(Plan.glance(onDisk, reversed, null)).as("mix %d, rows reversed", mix).isEqualTo(glance);
                for (boolean validate : new boolean[] {true, false}) {
                    Plan plan = Plan.of(onDisk, rows, validate, false);
                    if (glance == Plan.Glance.UP_TO_DATE) {
                        assertThat(plan.nothingToDo(null)).as("mix %d", mix).isTrue();
                        assertThat(plan.warnings()).isEmpty();
                        assertThat(plan.applied()).isEqualTo(onDisk.size());
                    } else if (glance == Plan.Glance.WORK) {
                        assertThat(plan.nothingToDo(null)).as("mix %d", mix).isFalse();
                        assertThat(plan.warnings()).isEmpty();
                    }
                }
                unsure += glance == Plan.Glance.UNSURE ? 1 : 0;
            }
        }
        assertThat(unsure).isLessThan(2 * kinds * kinds * kinds * kinds);
    }

    /**
     * No row, applied, applied with another checksum, failed, rolled back, rolled back then applied,
     * applied then failed, applied with another checksum then with this one (an accepted checksum).
     */
    private List<HistoryRow> rows(Migration m, int kind) {
        String other = "0".repeat(64);
        return switch (kind) {
            case 0 -> List.of();
            case 1 -> List.of(applied(m));
            case 2 -> List.of(row(m, other, FINISHED, null, null, 1));
            case 3 -> List.of(row(m, m.checksum(), null, "boom", null, 0));
            case 4 -> List.of(row(m, m.checksum(), null, "boom", ROLLED_BACK, 0));
            case 5 -> List.of(row(m, m.checksum(), null, "boom", ROLLED_BACK, 0), applied(m));
            case 6 -> List.of(applied(m), row(m, m.checksum(), null, "boom", null, 0));
            default -> List.of(row(m, other, FINISHED, null, null, 1), applied(m));
        };
    }

    private static List<HistoryState> states(List<HistoryRow> rows) {
        return rows.stream().map(r -> new HistoryState(r.migrationName(), r.checksum(), r.applied(), r.failed())).toList();
    }

    private static Migration migration(String name, String sql) {
        byte[] bytes = sql.getBytes(StandardCharsets.UTF_8);
        return new Migration(name, "db/" + name + "/migration.sql", bytes, Checksum.sha256(bytes), sql);
    }

    private static HistoryRow applied(Migration m) {
        return row(m, m.checksum(), FINISHED, null, null, 1);
    }

    private static HistoryRow row(Migration m, String checksum, OffsetDateTime finishedAt, String logs,
                                  OffsetDateTime rolledBackAt, int steps) {
        return new HistoryRow("id-" + m.name(), checksum, finishedAt, m.name(), logs, rolledBackAt, STARTED, steps);
    }
}
