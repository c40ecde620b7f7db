package io.migrate.postgres;

import io.migrate.spi.ScriptSyntaxException;
import io.migrate.spi.SqlStatement;
import io.migrate.spi.SqlStatement.Kind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Splits a migration script where {@code psql -f} would: the lexical rules follow psql's own
 * scanner ({@code src/fe_utils/psqlscan.l}), quirks included, so that a script that works in psql
 * splits the same way here. One pass with an index, no regular expressions and no allocation but
 * the statements, because migrations can be large data loads: a table gives each ASCII character
 * its class, characters that mean nothing to the splitter are stepped over in a tight loop,
 * quotes and line ends are found with {@code String.indexOf}, and a statement is copied out once,
 * when its end is found.
 */
final class PostgresSplitter {

    /** The longest word {@link #kindOf} compares ("concurrently", "subscription"); longer ones are no keyword. */
    private static final int MAX_KEYWORD = 12;
    /** The words {@link #nextWord} tells apart, by length; every other word is "?". */
    private static final String[][] KEYWORDS = new String[MAX_KEYWORD + 1][];

    static {
        List<String> words = List.of("abort", "all", "alter", "begin", "cluster", "commit", "concurrently", "copy",
                "create", "database", "discard", "drop", "end", "from", "index", "prepared", "reindex", "reset",
                "rollback", "schema", "set", "start", "stdin", "subscription", "system", "table", "tablespace", "to",
                "transaction", "unique", "vacuum", "verbose", "work");
        for (int length = 0; length <= MAX_KEYWORD; length++) {
            int l = length;
            KEYWORDS[length] = words.stream().filter(w -> w.length() == l).toArray(String[]::new);
        }
    }

    /** The script, or in streaming the window of it that is in memory (see {@link PostgresStatementStream}). */
    private String s;
    private int n;
    /** Whether {@link #s} reaches the end of the script; false while more of a streamed script is to come. */
    private boolean last = true;
    /** The line on which {@link #s} starts. */
    private int firstLine = 1;
    private final Collection<SqlStatement> statements;
    /** Whether the statement being split has the word CONCURRENTLY, which {@link #kindOf} looks for after ALTER TABLE. */
    private boolean concurrently;
    /** Lines are counted lazily, up to positions that only move forward, to keep the skipping loops tight. */
    private int linePos;
    private int lineNo = 1;
    /** The word cursor of {@link #kindOf}. */
    private int wordPos;
    private int wordLimit;
    /**
     * Whether a plain '...' string takes backslashes literally, as the server's
     * standard_conforming_strings says; psql follows each SET of it, so a string's end moves with it.
     */
    private boolean standardStrings = true;
    /** What a SET LOCAL of standard_conforming_strings replaced, put back when the transaction ends; else null. */
    private Boolean beforeLocal;

    private PostgresSplitter(String script, Collection<SqlStatement> statements) {
        this.s = script;
        this.n = script.length();
        this.statements = statements;
    }

    /**
     * A splitter for a script streamed in windows: each window starts at a statement's start and
     * ends at a line's. The statements go to {@code statements} as they are split off.
     */
    static PostgresSplitter streaming(Collection<SqlStatement> statements) {
        PostgresSplitter splitter = new PostgresSplitter("", statements);
        splitter.last = false;
        return splitter;
    }

    /** Before the window moves on: the next one starts with what is kept of this one from {@code kept} on. */
    void keep(int kept) {
        firstLine = lineOf(kept);
    }

    /** Moves on to the next window; {@code last} says whether it reaches the end of the script. */
    void window(String window, boolean last) {
        s = window;
        n = window.length();
        linePos = 0;
        lineNo = firstLine;
        this.last = last;
    }

    /**
     * Splits off the next statement of the window at or after {@code from}; returns where the one
     * after it may start, {@link #END} at the end of the script, or {@link #MORE} when the window
     * ends before the statement does.
     */
    int next(int from) {
        try {
            int i = skipBlank(from, n);
            if (i >= n) {
                return last ? END : MORE;
            }
            return statement(i);
        } catch (MoreInput e) {
            return MORE;
        }
    }

    static final int END = -1;
    static final int MORE = -2;

    /** Thrown where a construct runs past the window while more of the script is to come. */
    private static final class MoreInput extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final MoreInput INSTANCE = new MoreInput();

        private MoreInput() {
            super(null, null, false, false);
        }
    }

    /**
     * @throws ScriptSyntaxException for an unterminated construct (at the line where it starts), a psql
     *                               meta-command, or {@code COPY ... FROM stdin} data without its {@code \.}
     */
    static List<SqlStatement> split(String script) {
        List<SqlStatement> statements = new ArrayList<>();
        PostgresSplitter splitter = new PostgresSplitter(Objects.requireNonNull(script, "script"), statements);
        for (int i = splitter.skipBlank(0, splitter.n); i < splitter.n; i = splitter.skipBlank(i, splitter.n)) {
            i = splitter.statement(i);
        }
        return Collections.unmodifiableList(statements);
    }

    /** Returns where the next statement may start. */
    private int statement(int start) {
        String s = this.s;
        int n = this.n;
        concurrently = false;
        // psql's CREATE [OR REPLACE] FUNCTION|PROCEDURE detector: the initials of the first four words, a byte each
        int leading = 0;
        int parens = 0;
        int blocks = 0;
        int words = 0;
        boolean routine = false;
        int i = start;
        while (i < n) {
            char c = s.charAt(i);
            byte type = c < 0x80 ? TYPE[c] : WORD;
            while (type == PLAIN && ++i < n) {
                c = s.charAt(i);
                type = c < 0x80 ? TYPE[c] : WORD;
            }
            if (i >= n) {
                break;
            }
            switch (type) {
                case SEMICOLON -> {
                    if (parens == 0 && blocks == 0) {
                        return end(start, i, i + 1);
                    }
                    i++;
                }
                // psql does not end a statement inside parentheses, so neither do we
                case OPEN -> {
                    parens++;
                    i++;
                }
                case CLOSE -> {
                    parens = Math.max(0, parens - 1);
                    i++;
                }
                case BACKSLASH -> throw metaCommand(i);
                case QUOTE -> i = standardStrings ? quotedEnd(i, '\'') : eStringEnd(i);
                case WORD -> {
                    int end = identEnd(i + 1);
                    // a prefixed quote (E'', U&"") starts with a one-letter word
                    int quoted = end == i + 1 ? prefixedQuoteEnd(i) : -1;
                    if (quoted >= 0) {
                        i = quoted;
                        continue;
                    }
                    if (words < 4) {
                        leading |= routineInitial(i, end) << 8 * words;
                        routine = isRoutine(leading);
                    }
                    if (end - i == 12 && is(i, end, "concurrently")) {
                        concurrently = true;
                    }
                    words++;
                    // psql's heuristic for SQL-standard bodies (BEGIN ATOMIC ... END), quirks included:
                    // CASE counts only inside a BEGIN, and nothing counts inside parentheses
                    if (routine && parens == 0) {
                        if (is(i, end, "begin") || blocks > 0 && is(i, end, "case")) {
                            blocks++;
                        } else if (blocks > 0 && is(i, end, "end")) {
                            blocks--;
                        }
                    }
                    i = end;
                }
                default -> i = tokenEnd(i);
            }
        }
        if (!last) {
            throw MoreInput.INSTANCE;
        }
        return end(start, n, n);
    }

    /** The initial of {@code [from, to)} if it is one of CREATE, OR, REPLACE, FUNCTION, PROCEDURE (each of its own length). */
    private int routineInitial(int from, int to) {
        String word = switch (to - from) {
            case 6 -> "create";
            case 2 -> "or";
            case 7 -> "replace";
            case 8 -> "function";
            case 9 -> "procedure";
            default -> null;
        };
        return word != null && is(from, to, word) ? word.charAt(0) : '\0';
    }

    private static boolean isRoutine(int leading) {
        int w1 = leading >>> 8 & 0xFF;
        int w3 = leading >>> 24;
        return (leading & 0xFF) == 'c' && (w1 == 'f' || w1 == 'p'
                || w1 == 'o' && (leading >>> 16 & 0xFF) == 'r' && (w3 == 'f' || w3 == 'p'));
    }

    /** Records the statement {@code [start, stop)}; {@code next} is past its semicolon, or {@code n} without one. */
    private int end(int start, int stop, int next) {
        int e = stop;
        while (e > start && isSpace(s.charAt(e - 1))) {
            e--;
        }
        String sql = s.substring(start, e);
        int line = lineOf(start);
        wordPos = start;
        wordLimit = e;
        String first = nextWord();
        Kind kind = kindOf(start, first);
        if (kind == Kind.COPY_IN) {
            return copyIn(sql, line, next == stop ? n : next);
        }
        statements.add(new SqlStatement(sql, line, kind));
        trackStringSyntax(start, e, first, kind);
        return next;
    }

    /** Follows SET [SESSION | LOCAL] standard_conforming_strings and RESET, for the statements after this one. */
    private void trackStringSyntax(int start, int end, String first, Kind kind) {
        if (kind == Kind.COMMIT || kind == Kind.ROLLBACK) {
            if (beforeLocal != null) {
                standardStrings = beforeLocal;
                beforeLocal = null;
            }
            return;
        } else if (!first.equals("reset") && !first.equals("set")) {
            return;
        }
        wordPos = start;
        wordLimit = end;
        nextWord();
        if (first.equals("reset")) {
            int t = nextToken();
            if (t >= 0 && (isName(t, "standard_conforming_strings") || isName(t, "all"))) {
                standardStrings = true;
            }
            return;
        }
        int t = nextToken();
        boolean local = t >= 0 && isName(t, "local");
        if (local || t >= 0 && isName(t, "session")) {
            t = nextToken();
        }
        if (t < 0 || !isName(t, "standard_conforming_strings") || nextToken() < 0 || (t = nextToken()) < 0) {
            return;
        }
        String value = s.substring(t, wordPos).replace("'", "").replace("\"", "").toLowerCase(Locale.ROOT);
        Boolean on = switch (value) {
            case "on", "true", "yes", "1", "t", "y", "default" -> Boolean.TRUE;
            case "off", "false", "no", "0", "f", "n" -> Boolean.FALSE;
            default -> null;
        };
        if (on != null) {
            if (local && beforeLocal == null) {
                beforeLocal = standardStrings;
            }
            standardStrings = on;
        }
    }

    /** Whether the token {@code [t, wordPos)} is the setting or keyword {@code name}, in any case. */
    private boolean isName(int t, String name) {
        return wordPos - t == name.length() && s.regionMatches(true, t, name, 0, name.length());
    }

    /** The first word of a statement in lower case, or "" when it does not start with one. */
    static String firstWord(String sql) {
        int end = 0;
        while (end < sql.length() && identCont(sql.charAt(end)) && sql.charAt(end) != '$') {
            end++;
        }
        return sql.substring(0, end).toLowerCase(Locale.ROOT);
    }

    /** psql reads COPY data from the lines after the command's line, up to a line {@code \.}. */
    private int copyIn(String sql, int line, int afterSemicolon) {
        int i = blankEnd(afterSemicolon);
        if (i < n && s.charAt(i) != '\n' && !(s.charAt(i) == '-' && at(i + 1) == '-')) {
            throw new ScriptSyntaxException(line, "COPY ... FROM stdin must be the last statement on its line,"
                    + " because its data starts on the next line; move what follows it after the \\. line");
        }
        i = lineFeed(i);
        int dataStart = i < 0 ? n : i + 1;
        for (int p = dataStart; p < n; ) {
            int eol = lineFeed(p);
            eol = eol < 0 ? n : eol;
            if (s.charAt(p) == '\\' && at(p + 1) == '.' && blankEnd(p + 2) >= eol) {
                String data = s.substring(dataStart, p);
                statements.add(new SqlStatement(sql, line, Kind.COPY_IN,
                        data.indexOf('\r') >= 0 ? data.replace("\r\n", "\n") : data));
                return eol;
            }
            p = eol + 1;
        }
        if (!last) {
            throw MoreInput.INSTANCE;
        }
        throw new ScriptSyntaxException(line, "COPY ... FROM stdin at line " + line
                + " has no terminating \\. line; end its data with a line that holds only \\.");
    }

    /** The first line feed at or after {@code from}, or -1. */
    private int lineFeed(int from) {
        return s.indexOf('\n', from);
    }

    /** The kind of the statement at {@code start} that begins with {@code first}, the word cursor just past it. */
    private Kind kindOf(int start, String first) {
        String second = nextWord();
        return switch (first) {
            case "begin" -> Kind.BEGIN;
            case "start" -> second.equals("transaction") ? Kind.BEGIN : Kind.ORDINARY;
            case "commit" -> second.equals("prepared") ? Kind.NON_TRANSACTIONAL : Kind.COMMIT;
            case "end" -> Kind.COMMIT;
            case "abort" -> Kind.ROLLBACK;
            case "rollback" -> second.equals("prepared") ? Kind.NON_TRANSACTIONAL
                    : second.equals("to") || isOneOf(second, "work", "transaction") && nextWord().equals("to")
                    ? Kind.ORDINARY : Kind.ROLLBACK;
            case "vacuum" -> Kind.NON_TRANSACTIONAL;
            case "create", "drop" -> refusedIf(switch (second.equals("unique") ? nextWord() : second) {
                case "index" -> nextWord().equals("concurrently");
                case "database", "tablespace", "subscription" -> true;
                default -> false;
            });
            case "alter" -> refusedIf(switch (second) {
                case "system" -> true;
                // REFRESH PUBLICATION, and SET/ADD/DROP PUBLICATION unless WITH (refresh = false)
                case "subscription" -> find("publication");
                case "table" -> concurrently && find("detach") && find("concurrently");
                case "database" -> find("set") && nextWord().equals("tablespace");
                default -> false;
            });
            case "reindex" -> reindexKind(start, second);
            case "cluster" -> clusterKind(second);
            case "discard" -> refusedIf(second.equals("all"));
            case "copy" -> copyKind(second);
            default -> Kind.ORDINARY;
        };
    }

    private Kind reindexKind(int start, String second) {
        String target = second.equals("(") ? afterGroup() : second;
        // CONCURRENTLY follows the object type or, since PostgreSQL 14, is among the options
        wordPos = start;
        return refusedIf(isOneOf(target, "system", "database", "schema") || find("concurrently"));
    }

    /** Only CLUSTER without a table (re-cluster everything clustered before) is refused in a transaction. */
    private Kind clusterKind(String second) {
        String word = second.equals("(") ? afterGroup() : second;
        return refusedIf((word.equals("verbose") ? nextWord() : word).isEmpty());
    }

    private static Kind refusedIf(boolean refusedInTransactionBlock) {
        return refusedInTransactionBlock ? Kind.NON_TRANSACTIONAL : Kind.ORDINARY;
    }

    private Kind copyKind(String second) {
        int depth = 0;
        for (String word = second; !word.isEmpty(); word = nextWord()) {
            depth += word.equals("(") ? 1 : word.equals(")") ? -1 : 0;
            if (depth == 0 && word.equals("to")) {
                return Kind.ORDINARY;
            } else if (depth == 0 && word.equals("from")) {
                return nextWord().equals("stdin") ? Kind.COPY_IN : Kind.ORDINARY;
            }
        }
        return Kind.ORDINARY;
    }

    private static boolean isOneOf(String word, String... candidates) {
        return Arrays.asList(candidates).contains(word);
    }

    /** Skips to the end of a parenthesized group whose "(" was just read; returns the word after it. */
    private String afterGroup() {
        for (int depth = 1; depth > 0; ) {
            String word = nextWord();
            if (word.isEmpty()) {
                return word;
            }
            depth += word.equals("(") ? 1 : word.equals(")") ? -1 : 0;
        }
        return nextWord();
    }

    /** Moves the word cursor past the next occurrence of {@code word}. */
    private boolean find(String word) {
        for (int t = nextToken(); t >= 0; t = nextToken()) {
            if (is(t, wordPos, word)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The next token: one of {@link #KEYWORDS} (in lower case) if it is one, "(" or ")", "?" if
     * anything else, "" at the end. Nothing is allocated.
     */
    private String nextWord() {
        int t = nextToken();
        if (t < 0) {
            return "";
        }
        char c = s.charAt(t);
        int length = wordPos - t;
        if (c == '(' || c == ')') {
            return c == '(' ? "(" : ")";
        } else if (length <= MAX_KEYWORD) {
            for (String keyword : KEYWORDS[length]) {
                if (is(t, wordPos, keyword)) {
                    return keyword;
                }
            }
        }
        return "?";
    }

    private int nextToken() {
        int i = skipBlank(wordPos, wordLimit);
        if (i >= wordLimit) {
            wordPos = wordLimit;
            return -1;
        }
        int quoted = identStart(s.charAt(i)) ? prefixedQuoteEnd(i) : -1;
        wordPos = quoted >= 0 ? quoted : identStart(s.charAt(i)) ? identEnd(i + 1) : tokenEnd(i);
        return i;
    }

    /** Skips whitespace, comments and empty statements. */
    private int skipBlank(int i, int limit) {
        while (i < limit) {
            char c = s.charAt(i);
            int comment = c == '-' || c == '/' ? tokenEnd(i) : i + 1;
            if (isSpace(c) || c == ';') {
                i++;
            } else if (comment > i + 1) {
                i = comment;
            } else {
                break;
            }
        }
        return i;
    }

    /** The end of the token at {@code i}, which does not start with an identifier character. */
    private int tokenEnd(int i) {
        return switch (s.charAt(i)) {
            case '\'' -> standardStrings ? quotedEnd(i, '\'') : eStringEnd(i);
            case '"' -> quotedEnd(i, '"');
            case '$' -> dollarEnd(i);
            case '-' -> at(i + 1) == '-' ? lineCommentEnd(i) : i + 1;
            case '/' -> at(i + 1) == '*' ? blockCommentEnd(i) : i + 1;
            default -> i + 1;
        };
    }

    /** E'..', B'..', X'..', N'..', U&'..' and U&".."; -1 if {@code i} starts a plain identifier. */
    private int prefixedQuoteEnd(int i) {
        char c = s.charAt(i);
        char next = at(i + 1);
        if (next == '\'') {
            // N'..' is a plain string in every other respect, backslashes included
            boolean escapes = c == 'e' || c == 'E' || !standardStrings && (c == 'n' || c == 'N');
            return escapes ? eStringEnd(i + 1) : "bBxXnN".indexOf(c) >= 0 ? quotedEnd(i + 1, '\'') : -1;
        } else if (next != '&' || c != 'u' && c != 'U') {
            return -1;
        }
        char quote = at(i + 2);
        return quote == '\'' || quote == '"' ? quotedEnd(i + 2, quote) : -1;
    }

    /** A string or quoted identifier, in which only a doubled quote escapes the quote. */
    private int quotedEnd(int open, char quote) {
        for (int i = open + 1; ; ) {
            int close = s.indexOf(quote, i);
            if (close < 0) {
                break;
            } else if (at(close + 1) != quote) {
                return close + 1;
            }
            i = close + 2;
        }
        throw quote == '"'
                ? unterminated(open, "quoted identifier", "a missing closing double quote")
                : unterminated(open, "quoted string", "a missing closing quote");
    }

    /**
     * Unlike the server, psql does not continue an E'' string in a quote on the next line (E'a'
     * newline 'b\'), because it scans a file line by line; so neither do we.
     */
    private int eStringEnd(int quote) {
        String s = this.s;
        int n = this.n;
        for (int i = quote + 1; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == '\'' && i + 1 < n && s.charAt(i + 1) == '\'') {
                i++;
            } else if (c == '\'') {
                return i + 1;
            }
        }
        boolean plain = quote == 0 || (s.charAt(quote - 1) | 0x20) != 'e';
        throw unterminated(quote, "quoted string", !plain
                ? "a missing closing quote (in E'...' a backslash escapes the character after it)"
                : "a missing closing quote (with standard_conforming_strings off, a backslash escapes the character after it)");
    }

    /** A dollar quote, a parameter ($1) or a lone $, whichever starts at {@code i}. */
    private int dollarEnd(int i) {
        int j = i + 1;
        if (at(j) >= '0' && at(j) <= '9') {
            while (at(j) >= '0' && at(j) <= '9') {
                j++;
            }
            return j;
        }
        if (identStart(at(j))) {
            while (j < n && identCont(s.charAt(j)) && s.charAt(j) != '$') {
                j++;
            }
        }
        if (at(j) != '$') {
            return i + 1; // like psql, rescan what follows the $ as an identifier
        }
        String tag = s.substring(i, j + 1);
        int close = s.indexOf(tag, j + 1);
        if (close >= 0) {
            return close + tag.length();
        }
        throw unterminated(i, "dollar-quoted string " + tag, "a missing closing " + tag);
    }

    private int lineCommentEnd(int i) {
        String s = this.s;
        int n = this.n;
        int j = i + 2;
        while (j < n && s.charAt(j) != '\n' && s.charAt(j) != '\r') {
            j++;
        }
        return j;
    }

    private int blockCommentEnd(int start) {
        String s = this.s;
        int depth = 1;
        for (int i = start + 2; i < n - 1; i++) {
            char c = s.charAt(i);
            if (c == '*' && s.charAt(i + 1) == '/') {
                i++;
                if (--depth == 0) {
                    return i + 1;
                }
            } else if (c == '/' && s.charAt(i + 1) == '*') {
                i++;
                depth++;
            }
        }
        throw unterminated(start, "block comment",
                "a missing */ (block comments nest in PostgreSQL, so each /* inside one needs its own */)");
    }

    private ScriptSyntaxException unterminated(int start, String construct, String likelyCause) {
        if (!last) {
            throw MoreInput.INSTANCE;
        }
        return new ScriptSyntaxException(lineOf(start), "unterminated " + construct + " starting here; check for " + likelyCause);
    }

    private ScriptSyntaxException metaCommand(int i) {
        int j = i + 1;
        while (j < n && j - i < 40 && !isSpace(s.charAt(j)) && s.charAt(j) != '\\') {
            j++;
        }
        if (j == i + 1 && at(j) == '\\') {
            j++;
        }
        return new ScriptSyntaxException(lineOf(i), "psql meta-command " + s.substring(i, j)
                + " is not SQL; migrations run through JDBC, not psql. Inline the SQL or split it into migrations");
    }

    private int lineOf(int pos) {
        if (pos < linePos) {
            linePos = 0;
            lineNo = firstLine;
        }
        for (int i = s.indexOf('\n', linePos); i >= 0 && i < pos; i = s.indexOf('\n', i + 1)) {
            lineNo++;
        }
        linePos = pos;
        return lineNo;
    }

    /** Whether {@code [from, to)} is {@code word} (lower-case ASCII letters), folding ASCII case only, as psql does. */
    private boolean is(int from, int to, String word) {
        if (to - from != word.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if ((s.charAt(from + k) | 0x20) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** The end of the spaces and tabs (and a carriage return) at {@code i} on this line. */
    private int blankEnd(int i) {
        while (i < n && s.charAt(i) != '\n' && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private int identEnd(int i) {
        String s = this.s;
        int n = this.n;
        while (i < n) {
            char c = s.charAt(i);
            if (c < 0x80 && (ASCII[c] & IDENT_CONT) == 0) {
                break;
            }
            i++;
        }
        return i;
    }

    private char at(int i) {
        return i < n ? s.charAt(i) : '\0';
    }

    /** psql's ident_start: every non-ASCII character counts, as each byte of its UTF-8 form is above 0x7F. */
    private static boolean identStart(char c) {
        return c >= 0x80 || (ASCII[c] & IDENT_START) != 0;
    }

    private static boolean identCont(char c) {
        return c >= 0x80 || (ASCII[c] & IDENT_CONT) != 0;
    }

    private static boolean isSpace(char c) {
        return c < 0x80 && (ASCII[c] & SPACE) != 0;
    }

    private static final byte IDENT_START = 1;
    private static final byte IDENT_CONT = 2;
    private static final byte SPACE = 4;
    /** Character classes of ASCII: one load and a mask instead of a chain of comparisons per character. */
    private static final byte[] ASCII = new byte[0x80];

    /** What a character means to {@link #statement}: nothing ({@code PLAIN}), or which branch it takes. */
    private static final byte PLAIN = 0;
    private static final byte WORD = 1;
    private static final byte SEMICOLON = 2;
    private static final byte OPEN = 3;
    private static final byte CLOSE = 4;
    private static final byte BACKSLASH = 5;
    /** Starts a quoted identifier, dollar quote or comment, or may: see {@link #tokenEnd}. */
    private static final byte QUOTE_OR_COMMENT = 6;
    /** Starts a string. */
    private static final byte QUOTE = 7;
    private static final byte[] TYPE = new byte[0x80];

    static {
        for (char c = 0; c < 0x80; c++) {
            boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
            boolean digit = c >= '0' && c <= '9';
            boolean space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\u000B';
            ASCII[c] = (byte) ((letter ? IDENT_START | IDENT_CONT : 0) | (digit || c == '$' ? IDENT_CONT : 0)
                    | (space ? SPACE : 0));
            TYPE[c] = letter ? WORD : switch (c) {
                case ';' -> SEMICOLON;
                case '(' -> OPEN;
                case ')' -> CLOSE;
                case '\\' -> BACKSLASH;
                case '\'' -> QUOTE;
                case '"', '$', '-', '/' -> QUOTE_OR_COMMENT;
                default -> PLAIN;
            };
        }
    }
}
