package io.migrate.mariadb;

import io.migrate.spi.ScriptSyntaxException;
import io.migrate.spi.SqlStatement;
import io.migrate.spi.SqlStatement.Kind;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Splits a script where the {@code mariadb} and {@code mysql} command-line clients would: at the
 * current delimiter outside strings, backtick identifiers and comments. {@code #} and {@code -- }
 * comments (the dashes followed by a space or control character) run to the end of the line;
 * {@code /*! ... *&#47;} and {@code /*M! ... *&#47;} are code that the server runs, so they stay in the
 * statement and a delimiter inside them ends it, as in the clients; strings take backslash escapes;
 * {@code DELIMITER} at the start of a statement changes the delimiter until the next one, so that
 * procedure and trigger bodies can hold semicolons.
 */
final class MariaDbSplitter {

    private final String s;
    private final int n;
    private final List<SqlStatement> statements = new ArrayList<>();
    private String delimiter = ";";
    private int linePos;
    private int lineNo = 1;

    private MariaDbSplitter(String script) {
        this.s = script;
        this.n = script.length();
    }

    /** @throws ScriptSyntaxException for an unterminated string, identifier or comment, or an empty DELIMITER */
    static List<SqlStatement> split(String script) {
        MariaDbSplitter splitter = new MariaDbSplitter(Objects.requireNonNull(script, "script"));
        int i = splitter.skipBlank(0);
        while (i < splitter.n) {
            int command = splitter.delimiterCommand(i);
            i = splitter.skipBlank(command >= 0 ? command : splitter.statement(i));
        }
        return Collections.unmodifiableList(splitter.statements);
    }

    /** When a DELIMITER command starts at {@code i}: applies it and returns the end of its line; else -1. */
    private int delimiterCommand(int i) {
        if (!s.regionMatches(true, i, "delimiter", 0, 9) || i + 9 < n && !isSpace(s.charAt(i + 9))) {
            return -1;
        }
        int end = s.indexOf('\n', i);
        end = end < 0 ? n : end;
        String rest = s.substring(i + 9, end).strip();
        int space = 0;
        while (space < rest.length() && !isSpace(rest.charAt(space))) {
            space++;
        }
        String value = rest.substring(0, space);
        if (value.isEmpty() || value.indexOf('\\') >= 0) {
            throw new ScriptSyntaxException(lineAt(i), "DELIMITER must be followed by the new delimiter, without"
                    + " backslashes, such as DELIMITER // (and DELIMITER ; to go back)");
        }
        delimiter = value;
        return end;
    }

    /** Reads the statement that starts at {@code start}; returns where the next may start. */
    private int statement(int start) {
        int versioned = 0;
        int versionedStart = -1;
        int i = start;
        while (i < n) {
            char c = s.charAt(i);
            if (c == delimiter.charAt(0) && s.startsWith(delimiter, i)) {
                add(start, i);
                return i + delimiter.length();
            } else if (c == '\'' || c == '"') {
                i = stringEnd(i, c);
            } else if (c == '`') {
                i = identifierEnd(i);
            } else if (c == '#' || lineComment(i)) {
                i = lineEnd(i);
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int code = versionedCode(i);
                if (code >= 0) {
                    versioned++;
                    versionedStart = versioned == 1 ? i : versionedStart;
                    i = code;
                } else {
                    i = commentEnd(i);
                }
            } else if (c == '*' && versioned > 0 && i + 1 < n && s.charAt(i + 1) == '/') {
                versioned--;
                i += 2;
            } else {
                i++;
            }
        }
        if (versioned > 0) {
            throw new ScriptSyntaxException(lineAt(versionedStart), "a /*! comment is not closed with */");
        }
        add(start, n);
        return n;
    }

    private void add(int start, int end) {
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        if (end > start) {
            String sql = s.substring(start, end);
            statements.add(new SqlStatement(sql, lineAt(start), kindOf(sql)));
        }
    }

    /** Skips whitespace and comments that are not code; returns the first position after them. */
    private int skipBlank(int i) {
        while (i < n) {
            char c = s.charAt(i);
            if (isSpace(c)) {
                i++;
            } else if (c == '#' || lineComment(i)) {
                i = lineEnd(i);
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*' && versionedCode(i) < 0) {
                i = commentEnd(i);
            } else {
                return i;
            }
        }
        return i;
    }

    /** {@code --} starts a comment only when a space, a control character or the end follows. */
    private boolean lineComment(int i) {
        return s.charAt(i) == '-' && i + 1 < n && s.charAt(i + 1) == '-' && (i + 2 >= n || s.charAt(i + 2) <= ' ');
    }

    private int lineEnd(int i) {
        int end = s.indexOf('\n', i);
        return end < 0 ? n : end + 1;
    }

    /** Where the code of a {@code /*!} or {@code /*M!} comment at {@code i} starts, or -1 for a plain comment. */
    private int versionedCode(int i) {
        if (i + 2 < n && s.charAt(i + 2) == '!') {
            return i + 3;
        }
        if (i + 3 < n && s.charAt(i + 2) == 'M' && s.charAt(i + 3) == '!') {
            return i + 4;
        }
        return -1;
    }

    private int commentEnd(int i) {
        int end = s.indexOf("*/", i + 2);
        if (end < 0) {
            throw new ScriptSyntaxException(lineAt(i), "a /* comment is not closed with */");
        }
        return end + 2;
    }

    private int stringEnd(int i, char quote) {
        int j = i + 1;
        while (j < n) {
            char c = s.charAt(j);
            if (c == '\\') {
                j += 2;
            } else if (c == quote) {
                if (j + 1 < n && s.charAt(j + 1) == quote) {
                    j += 2;
                } else {
                    return j + 1;
                }
            } else {
                j++;
            }
        }
        throw new ScriptSyntaxException(lineAt(i), "a string opened with " + quote + " is not closed");
    }

    private int identifierEnd(int i) {
        int j = i + 1;
        while (j < n) {
            if (s.charAt(j) == '`') {
                if (j + 1 < n && s.charAt(j + 1) == '`') {
                    j += 2;
                } else {
                    return j + 1;
                }
            } else {
                j++;
            }
        }
        throw new ScriptSyntaxException(lineAt(i), "an identifier opened with ` is not closed");
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    /** Positions only move forward, so lines are counted once. */
    private int lineAt(int pos) {
        if (pos < linePos) {
            linePos = 0;
            lineNo = 1;
        }
        for (; linePos < pos && linePos < n; linePos++) {
            if (s.charAt(linePos) == '\n') {
                lineNo++;
            }
        }
        return lineNo;
    }

    /**
     * MariaDB and MySQL commit before and after nearly every statement that is not data
     * manipulation (DDL, account management, CALL of a routine that may hold DDL), so such a
     * statement cannot be part of the migration's transaction.
     */
    static Kind kindOf(String sql) {
        List<String> words = leadingWords(sql, 2);
        if (words.isEmpty()) {
            return Kind.ORDINARY;
        }
        String first = words.get(0);
        String second = words.size() > 1 ? words.get(1) : "";
        return switch (first) {
            case "begin" -> second.equals("not") ? Kind.NON_TRANSACTIONAL : Kind.BEGIN;
            case "start" -> second.equals("transaction") ? Kind.BEGIN : Kind.NON_TRANSACTIONAL;
            case "commit" -> Kind.COMMIT;
            case "rollback" -> second.equals("to") ? Kind.ORDINARY : Kind.ROLLBACK;
            case "set" -> second.equals("password") || second.equals("role") ? Kind.NON_TRANSACTIONAL : Kind.ORDINARY;
            case "insert", "update", "delete", "replace", "select", "with", "values", "table", "do", "savepoint",
                 "release", "use", "handler", "load", "explain", "show" -> Kind.ORDINARY;
            default -> Kind.NON_TRANSACTIONAL;
        };
    }

    /**
     * Whether the server undoes the statement whole when it fails: creating and altering a table, an
     * index, a view, a routine, a trigger, an event or a sequence, and renaming tables. Not
     * {@code CREATE OR REPLACE} (the old object is gone first), {@code DROP TABLE} (a list is dropped
     * table by table), {@code CALL} or data changes (MyISAM keeps the rows written before the error).
     */
    static boolean undoneWhenFailed(String sql) {
        List<String> words = leadingWords(sql, 3);
        if (words.size() < 2) {
            return false;
        }
        String object = words.get(1).equals("unique") || words.get(1).equals("fulltext") || words.get(1).equals("spatial")
                ? (words.size() > 2 ? words.get(2) : "") : words.get(1);
        return switch (words.get(0)) {
            case "create" -> switch (object) {
                case "table", "index", "view", "database", "schema", "sequence", "procedure", "function", "trigger",
                     "event" -> true;
                default -> false;
            };
            case "alter" -> object.equals("table");
            case "rename" -> object.equals("table");
            case "drop" -> switch (object) {
                case "index", "view", "procedure", "function", "trigger", "event" -> true;
                default -> false;
            };
            default -> false;
        };
    }

    /** The first words in lower case, looking into {@code /*!} code and past parentheses and plain comments. */
    private static List<String> leadingWords(String sql, int count) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int len = sql.length();
        while (i < len && words.size() < count) {
            char c = sql.charAt(i);
            if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < len && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
                    j++;
                }
                words.add(sql.substring(i, j).toLowerCase(Locale.ROOT));
                i = j;
            } else if (c == '/' && i + 2 < len && sql.charAt(i + 1) == '*') {
                if (sql.charAt(i + 2) == '!' || sql.charAt(i + 2) == 'M' && i + 3 < len && sql.charAt(i + 3) == '!') {
                    i += sql.charAt(i + 2) == '!' ? 3 : 4;
                    while (i < len && Character.isDigit(sql.charAt(i))) {
                        i++;
                    }
                } else {
                    int end = sql.indexOf("*/", i + 2);
                    i = end < 0 ? len : end + 2;
                }
            } else if (isSpace(c) || c == '(' || c == '*' && i + 1 < len && sql.charAt(i + 1) == '/') {
                i += c == '*' ? 2 : 1;
            } else {
                break;
            }
        }
        return words;
    }
}
