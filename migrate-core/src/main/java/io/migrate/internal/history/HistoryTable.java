package io.migrate.internal.history;

import io.migrate.spi.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads and writes the history table. Every value goes through a bind parameter; only the
 * validated, quoted schema and table names are part of the SQL text.
 */
public final class HistoryTable {

    private static final String ORDER = " ORDER BY started_at, migration_name";


    private final Connection connection;
    private final Dialect dialect;
    private final String qualified;
    private final String insert;

    public HistoryTable(Connection connection, Dialect dialect, String schema, String table) {
        this.connection = connection;
        this.dialect = dialect;
        this.qualified = dialect.quote(schema) + "." + dialect.quote(table);
        this.insert = "INSERT INTO " + qualified + " (id, checksum, finished_at, migration_name, logs, rolled_back_at,"
                + " started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    }

    public List<HistoryRow> read() throws SQLException {
        return read(null);
    }

    /**
     * The rows, with {@code prefix} (one statement, see {@link Dialect#lockWaitPrefix}) sent before
     * the query in the same execution when it is not null.
     */
    public List<HistoryRow> read(String prefix) throws SQLException {
        List<HistoryRow> rows = new ArrayList<>();
        String sql = "SELECT id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at,"
                + " applied_steps_count FROM " + qualified + ORDER;
        try (PreparedStatement ps = connection.prepareStatement(prefix == null ? sql : prefix + sql);
             ResultSet rs = results(ps, prefix)) {
            while (rs.next()) {
                rows.add(new HistoryRow(rs.getString(1), rs.getString(2), dialect.getTimestamp(rs, 3),
                        rs.getString(4), rs.getString(5), dialect.getTimestamp(rs, 6),
                        dialect.getTimestamp(rs, 7), rs.getInt(8)));
            }
        }
        return rows;
    }

    /**
     * Each row's state, in no particular order: no timestamps to convert, no logs to carry, and no
     * sort, which on a session's first query costs the server more than sending the rows (the text
     * ordering's collation must be loaded). {@code prefix} as for {@link #read(String)}.
     */
    public List<HistoryState> readStates(String prefix) throws SQLException {
        List<HistoryState> states = new ArrayList<>();
        String sql = "SELECT migration_name, checksum, finished_at IS NOT NULL AND rolled_back_at IS NULL,"
                + " finished_at IS NULL AND rolled_back_at IS NULL FROM " + qualified;
        try (PreparedStatement ps = connection.prepareStatement(prefix == null ? sql : prefix + sql);
             ResultSet rs = results(ps, prefix)) {
            while (rs.next()) {
                states.add(new HistoryState(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4)));
            }
        }
        return states;
    }

    /** The query's rows, past the prefix's result. */
    private static ResultSet results(PreparedStatement ps, String prefix) throws SQLException {
        ps.execute();
        if (prefix != null) {
            ps.getMoreResults();
        }
        return ps.getResultSet();
    }

    /** Records a finished migration; called inside the migration's own transaction. */
    public void insertApplied(String name, String checksum, OffsetDateTime startedAt, int steps) throws SQLException {
        insert(insert, name, checksum, startedAt, now(), null, null, steps);
    }

    /**
     * Records a finished migration and commits its transaction in one execution, where the dialect
     * can ({@link Dialect#insertAndCommit}), deferring durability if asked; false, with nothing done,
     * where it cannot. Called inside the migration's own transaction, as its last work.
     */
    public boolean insertAppliedAndCommit(String name, String checksum, OffsetDateTime startedAt, int steps,
                                          boolean deferDurability) throws SQLException {
        String sql = dialect.insertAndCommit(insert, deferDurability);
        if (sql == null) {
            return false;
        }
        insert(sql, name, checksum, startedAt, now(), null, null, steps);
        return true;
    }

    /** Records a transactional attempt that failed and was rolled back, so the next deploy retries it. */
    public void insertRolledBack(String name, String checksum, OffsetDateTime startedAt, String logs) throws SQLException {
        insert(insert, name, checksum, startedAt, null, now(), logs, 0);
    }

    /** Records that a non-transactional migration started; until {@link #finish} it counts as failed. */
    public String insertStarted(String name, String checksum, OffsetDateTime startedAt) throws SQLException {
        return insert(insert, name, checksum, startedAt, null, null, null, 0);
    }

    /**
     * Records a migration as applied without running it ({@code resolveApplied}, {@code baseline},
     * {@code acceptChecksum}): a new row, no statements, with {@code logs} saying why.
     */
    public void insertResolvedApplied(String name, String checksum, String logs) throws SQLException {
        OffsetDateTime now = now();
        insert(insert, name, checksum, now, now, null, logs, 0);
    }

    /** Sets {@code rolled_back_at} on a row, so that it no longer counts as applied or failed. */
    public void markRolledBack(String id) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + qualified + " SET rolled_back_at = ? WHERE id = ?")) {
            dialect.setTimestamp(ps, 1, now());
            ps.setString(2, id);
            ps.executeUpdate();
        }
    }

    public void updateSteps(String id, int steps) throws SQLException {
        update("UPDATE " + qualified + " SET applied_steps_count = ? WHERE id = ?", steps, id, null);
    }

    public void finish(String id, int steps) throws SQLException {
        update("UPDATE " + qualified + " SET applied_steps_count = ?, finished_at = ? WHERE id = ?", steps, id, now());
    }

    public void fail(String id, int steps, String logs) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE " + qualified + " SET applied_steps_count = ?, logs = ? WHERE id = ?")) {
            ps.setInt(1, steps);
            ps.setString(2, logs);
            ps.setString(3, id);
            ps.executeUpdate();
        }
    }

    private void update(String sql, int steps, String id, OffsetDateTime finishedAt) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int i = 1;
            ps.setInt(i++, steps);
            if (finishedAt != null) {
                dialect.setTimestamp(ps, i++, finishedAt);
            }
            ps.setString(i, id);
            ps.executeUpdate();
        }
    }

    /** {@code sql} holds the INSERT, on its own or inside what the dialect sends with it; its result, if any, is skipped. */
    private String insert(String sql, String name, String checksum, OffsetDateTime startedAt, OffsetDateTime finishedAt,
                          OffsetDateTime rolledBackAt, String logs, int steps) throws SQLException {
        String id = UUID.randomUUID().toString();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, id);
            ps.setString(2, checksum);
            dialect.setTimestamp(ps, 3, finishedAt);
            ps.setString(4, name);
            ps.setString(5, logs);
            dialect.setTimestamp(ps, 6, rolledBackAt);
            dialect.setTimestamp(ps, 7, startedAt);
            ps.setInt(8, steps);
            ps.execute();
        }
        return id;
    }

    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** The table's name as it appears in SQL, for messages. */
    public String qualifiedName() {
        return qualified;
    }
}
