package io.migrate.postgres;

import io.migrate.spi.ScriptSyntaxException;
import io.migrate.spi.SqlStatement;
import io.migrate.spi.SqlStatement.Kind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The splitter as first written: the same lexical rules as {@link PostgresSplitter}, over a
 * {@code String} with {@code charAt}, one construct per method and no fast paths. It is the
 * reference that {@link PostgresSplitterReferenceTest} holds the tuned splitter to.
 */
final class ReferenceSplitter {

    /** The longest word {@link #kindOf} compares ("concurrently", "subscription"); longer ones need no copy. */
    private static final int MAX_KEYWORD = 12;
    private static final String[] ROUTINE_WORDS = {"create", "or", "replace", "function", "procedure"};

    private final String s;
    private final int n;
    private final List<SqlStatement> statements = new ArrayList<>();
    /** psql's CREATE [OR REPLACE] FUNCTION|PROCEDURE detector: the initial of each of the first words. */
    private final char[] leadingWords = new char[4];
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

    private ReferenceSplitter(String script) {
        this.s = script;
        this.n = script.length();
    }

    /**
     * @throws ScriptSyntaxException for an unterminated construct (at the line where it starts), a psql
     *                               meta-command, or {@code COPY ... FROM stdin} data without its {@code \.}
     */
    static List<SqlStatement> split(String script) {
        ReferenceSplitter splitter = new ReferenceSplitter(Objects.requireNonNull(script, "script"));
        for (int i = splitter.skipBlank(0, splitter.n); i < splitter.n; i = splitter.skipBlank(i, splitter.n)) {
            i = splitter.statement(i);
        }
        return Collections.unmodifiableList(splitter.statements);
    }

    /** Returns where the next statement may start. */
    private int statement(int start) {
        Arrays.fill(leadingWords, '\0');
        int parens = 0;
        int blocks = 0;
        int words = 0;
        boolean routine = false;
        int i = start;
        while (i < n) {
            char c = s.charAt(i);
            int quoted;
            if (c == ';' && parens == 0 && blocks == 0) {
                return end(start, i, i + 1);
            } else if (c == '(' || c == ')') {
                // psql does not end a statement inside parentheses, so neither do we
                parens = c == '(' ? parens + 1 : Math.max(0, parens - 1);
                i++;
            } else if (c == '\\') {
                throw metaCommand(i);
            } else if (!identStart(c)) {
                i = tokenEnd(i);
            } else if ((quoted = prefixedQuoteEnd(i)) >= 0) {
                i = quoted;
            } else {
                int end = identEnd(i + 1);
                if (words < leadingWords.length) {
                    leadingWords[words] = routineInitial(i, end);
                    routine = isRoutine();
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
        }
        return end(start, n, n);
    }

    private char routineInitial(int from, int to) {
        for (String word : ROUTINE_WORDS) {
            if (is(from, to, word)) {
                return word.charAt(0);
            }
        }
        return '\0';
    }

    private boolean isRoutine() {
        char[] w = leadingWords;
        return w[0] == 'c' && (w[1] == 'f' || w[1] == 'p' || w[1] == 'o' && w[2] == 'r' && (w[3] == 'f' || w[3] == 'p'));
    }

    /** Records the statement {@code [start, stop)}; {@code next} is past its semicolon, or {@code n} without one. */
    private int end(int start, int stop, int next) {
        int e = stop;
        while (e > start && isSpace(s.charAt(e - 1))) {
            e--;
        }
        String sql = s.substring(start, e);
        int line = lineOf(start);
        Kind kind = kindOf(start, e);
        if (kind == Kind.COPY_IN) {
            return copyIn(sql, line, next == stop ? n : next);
        }
        statements.add(new SqlStatement(sql, line, kind));
        trackStringSyntax(start, e, kind);
        return next;
    }

    /** Follows SET [SESSION | LOCAL] standard_conforming_strings and RESET, for the statements after this one. */
    private void trackStringSyntax(int start, int end, Kind kind) {
        if (kind == Kind.COMMIT || kind == Kind.ROLLBACK) {
            if (beforeLocal != null) {
                standardStrings = beforeLocal;
                beforeLocal = null;
            }
            return;
        }
        wordPos = start;
        wordLimit = end;
        String first = nextWord();
        if (first.equals("reset")) {
            int t = nextToken();
            if (t >= 0 && (isName(t, "standard_conforming_strings") || isName(t, "all"))) {
                standardStrings = true;
            }
            return;
        }
        if (!first.equals("set")) {
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
        String value = s.substring(t, wordPos).replace("'", "").replace("\"", "").toLowerCase(java.util.Locale.ROOT);
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

    /** psql reads COPY data from the lines after the command's line, up to a line {@code \.}. */
    private int copyIn(String sql, int line, int afterSemicolon) {
        int i = blankEnd(afterSemicolon);
        if (i < n && s.charAt(i) != '\n' && !s.startsWith("--", i)) {
            throw new ScriptSyntaxException(line, "COPY ... FROM stdin must be the last statement on its line,"
                    + " because its data starts on the next line; move what follows it after the \\. line");
        }
        i = s.indexOf('\n', i);
        int dataStart = i < 0 ? n : i + 1;
        for (int p = dataStart; p < n; ) {
            int eol = s.indexOf('\n', p);
            eol = eol < 0 ? n : eol;
            if (s.startsWith("\\.", p) && blankEnd(p + 2) >= eol) {
                String data = s.substring(dataStart, p);
                statements.add(new SqlStatement(sql, line, Kind.COPY_IN,
                        data.indexOf('\r') >= 0 ? data.replace("\r\n", "\n") : data));
                return eol;
            }
            p = eol + 1;
        }
        throw new ScriptSyntaxException(line, "COPY ... FROM stdin at line " + line
                + " has no terminating \\. line; end its data with a line that holds only \\.");
    }

    private Kind kindOf(int start, int end) {
        wordPos = start;
        wordLimit = end;
        String first = nextWord();
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
                case "table" -> find("detach") && find("concurrently");
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

    /** Moves the word cursor past the next occurrence of {@code word}, without allocating. */
    private boolean find(String word) {
        for (int t = nextToken(); t >= 0; t = nextToken()) {
            if (is(t, wordPos, word)) {
                return true;
            }
        }
        return false;
    }

    /** The next token: lower-cased if a short word, "(" or ")", "?" if anything else, "" at the end. */
    private String nextWord() {
        int t = nextToken();
        if (t < 0) {
            return "";
        }
        char c = s.charAt(t);
        int length = wordPos - t;
        if (c == '(' || c == ')') {
            return c == '(' ? "(" : ")";
        } else if (!identStart(c) || length > MAX_KEYWORD || !identCont(s.charAt(wordPos - 1))) {
            return "?";
        }
        char[] word = new char[length];
        for (int k = 0; k < length; k++) {
            char x = s.charAt(t + k);
            word[k] = x >= 'A' && x <= 'Z' ? (char) (x + ('a' - 'A')) : x;
        }
        return new String(word);
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
        if (at(i + 1) == '\'') {
            // N'..' is a plain string in every other respect, backslashes included
            boolean escapes = c == 'e' || c == 'E' || !standardStrings && (c == 'n' || c == 'N');
            return escapes ? eStringEnd(i + 1) : "bBxXnN".indexOf(c) >= 0 ? quotedEnd(i + 1, '\'') : -1;
        }
        char quote = at(i + 2);
        boolean unicode = (c == 'u' || c == 'U') && at(i + 1) == '&' && (quote == '\'' || quote == '"');
        return unicode ? quotedEnd(i + 2, quote) : -1;
    }

    /** A string or quoted identifier, in which only a doubled quote escapes the quote. */
    private int quotedEnd(int open, char quote) {
        for (int i = open + 1; ; ) {
            int close = s.indexOf(quote, i);
            if (close < 0) {
                throw quote == '"'
                        ? unterminated(open, "quoted identifier", "a missing closing double quote")
                        : unterminated(open, "quoted string", "a missing closing quote");
            }
            if (at(close + 1) != quote) {
                return close + 1;
            }
            i = close + 2;
        }
    }

    /**
     * Unlike the server, psql does not continue an E'' string in a quote on the next line (E'a'
     * newline 'b\'), because it scans a file line by line; so neither do we.
     */
    private int eStringEnd(int quote) {
        for (int i = quote + 1; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == '\'' && at(i + 1) == '\'') {
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
        if (close < 0) {
            throw unterminated(i, "dollar-quoted string " + tag, "a missing closing " + tag);
        }
        return close + tag.length();
    }

    private int lineCommentEnd(int i) {
        int j = i + 2;
        while (j < n && s.charAt(j) != '\n' && s.charAt(j) != '\r') {
            j++;
        }
        return j;
    }

    private int blockCommentEnd(int start) {
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
            lineNo = 1;
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
        while (i < n && identCont(s.charAt(i))) {
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

    static {
        for (char c = 0; c < 0x80; c++) {
            boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
            boolean digit = c >= '0' && c <= '9';
            boolean space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\u000B';
            ASCII[c] = (byte) ((letter ? IDENT_START | IDENT_CONT : 0) | (digit || c == '$' ? IDENT_CONT : 0)
                    | (space ? SPACE : 0));
        }
    }
}
