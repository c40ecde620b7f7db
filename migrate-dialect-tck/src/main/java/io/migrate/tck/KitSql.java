package io.migrate.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;

/**
 * The statements the kit cannot write portably, and what the dialect promises about them. Start
 * from {@link #standard()} and change what differs; each setter says its default.
 */
public final class KitSql {

    private UnaryOperator<String> createTable = t -> "CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, note VARCHAR(100))";
    private String failing = "SELECT * FROM kit_no_such_table";
    private String nonTransactional;
    private boolean ddlTransactional = true;
    private IntFunction<String> sleep;
    private String sessionId;
    private LongFunction<String> kill;
    private boolean holderNamed = true;
    private UnaryOperator<String> secret;
    private final List<String> splitStatements = new ArrayList<>(List.of(
            "SELECT 1",
            "INSERT INTO t (a, b) VALUES ('a;b', 'it''s')",
            "SELECT 'x' /* a ; comment */ FROM t",
            "SELECT a -- a ; comment\nFROM t",
            "UPDATE t\n   SET a = 1\n WHERE b = 2"));
    private final List<String> splitGaps = new ArrayList<>(List.of("", " ", "\n", "\n\n", "-- a comment\n", "/* a\n comment */"));
    private final List<String> unterminated = new ArrayList<>(List.of("SELECT 'open", "SELECT 1;\n/* open"));

    private KitSql() {
    }

    /** The defaults: portable SQL, transactional DDL, no session control (those checks are skipped). */
    public static KitSql standard() {
        return new KitSql();
    }

    /** Creates a table with columns {@code id INTEGER PRIMARY KEY, note VARCHAR(100)} (default: that, in standard SQL). */
    public KitSql createTable(UnaryOperator<String> createTable) {
        this.createTable = Objects.requireNonNull(createTable);
        return this;
    }

    /** A statement that fails at run time, not when parsed (default: a SELECT from a missing table). */
    public KitSql failing(String failing) {
        this.failing = Objects.requireNonNull(failing);
        return this;
    }

    /**
     * A statement that the splitter must mark non-transactional; it may refer to the table
     * {@code kit_a (id, note)} (default: none, and the check is skipped).
     */
    public KitSql nonTransactional(String nonTransactional) {
        this.nonTransactional = nonTransactional;
        return this;
    }

    /** Whether DDL such as CREATE TABLE runs inside a transaction and rolls back with it (default: true). */
    public KitSql ddlTransactional(boolean ddlTransactional) {
        this.ddlTransactional = ddlTransactional;
        return this;
    }

    /** A statement that takes about {@code seconds} seconds (default: none; the lost-connection check is skipped). */
    public KitSql sleep(IntFunction<String> sleep) {
        this.sleep = sleep;
        return this;
    }

    /** A query whose single value identifies the session, such as its process id (default: none). */
    public KitSql sessionId(String sessionId) {
        this.sessionId = sessionId;
        return this;
    }

    /** A statement, run from another session, that ends the session with the given id (default: none). */
    public KitSql kill(LongFunction<String> kill) {
        this.kill = kill;
        return this;
    }

    /** Whether a lock timeout's message names the holder's session id (default: true). */
    public KitSql holderNamed(boolean holderNamed) {
        this.holderNamed = holderNamed;
        return this;
    }

    /** A statement that carries the given password and fails (default: none; the masking checks are skipped). */
    public KitSql secret(UnaryOperator<String> secret) {
        this.secret = secret;
        return this;
    }

    /**
     * Adds statements (without the delimiter) that use the dialect's own syntax: comments, quotes,
     * identifiers, blocks. The kit joins them with {@code ;} and the gaps, and the splitter must give
     * each back verbatim (default: a few in standard SQL).
     */
    public KitSql splitStatements(String... statements) {
        splitStatements.addAll(List.of(statements));
        return this;
    }

    /** Adds text that may stand between statements and holds none (default: blanks, {@code --} and block comments). */
    public KitSql splitGaps(String... gaps) {
        splitGaps.addAll(List.of(gaps));
        return this;
    }

    /**
     * Adds scripts whose last construct (a quote, an identifier, a comment) opens on the script's
     * last line and is never closed; splitting must fail naming that line (default: a quote and a
     * block comment).
     */
    public KitSql unterminated(String... scripts) {
        unterminated.addAll(List.of(scripts));
        return this;
    }

    String createTable(String table) {
        return createTable.apply(table);
    }

    String failing() {
        return failing;
    }

    String nonTransactional() {
        return nonTransactional;
    }

    boolean ddlTransactional() {
        return ddlTransactional;
    }

    IntFunction<String> sleep() {
        return sleep;
    }

    String sessionId() {
        return sessionId;
    }

    LongFunction<String> kill() {
        return kill;
    }

    boolean holderNamed() {
        return holderNamed;
    }

    UnaryOperator<String> secret() {
        return secret;
    }

    List<String> splitStatements() {
        return List.copyOf(splitStatements);
    }

    List<String> splitGaps() {
        return List.copyOf(splitGaps);
    }

    List<String> unterminated() {
        return List.copyOf(unterminated);
    }
}
