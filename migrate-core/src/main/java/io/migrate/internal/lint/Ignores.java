package io.migrate.internal.lint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code -- migrate:lint-ignore rule-id reason} comments of one migration file: in the comments
 * before its first statement they silence the rule for the whole file; in the comment lines right above
 * a statement, for that statement. Each needs a known rule id and a reason.
 */
final class Ignores {

    private static final Pattern IGNORE = Pattern.compile("^--\\s*migrate:lint-ignore\\b\\s*(\\S*)\\s*(.*)$");

    private final String[] lines;
    private final Set<String> known;
    private final Set<String> fileWide = new HashSet<>();
    private final List<Problem> problems = new ArrayList<>();
    private final Set<Integer> reported = new HashSet<>();

    /** A lint-ignore comment that is wrong, at its line. */
    record Problem(int line, String comment, String what) {
    }

    /** @param known the rule ids a comment may name */
    Ignores(String script, int firstStatementLine, Set<String> known) {
        this.lines = script.split("\n", -1);
        this.known = known;
        for (int i = 0; i < Math.min(lines.length, firstStatementLine - 1); i++) {
            parse(i + 1).ifPresent(fileWide::add);
        }
    }

    /** The wrong comments found so far, by line. */
    List<Problem> problems() {
        return problems.stream().sorted(java.util.Comparator.comparingInt(Problem::line)).toList();
    }

    /** The 1-based line of the first line of {@code sql} that is not a comment or blank, starting at {@code line}. */
    static int codeLine(String sql, int line) {
        int offset = 0;
        for (String l : sql.split("\n", -1)) {
            String t = l.strip();
            if (!t.isEmpty() && !t.startsWith("--")) {
                return line + offset;
            }
            offset++;
        }
        return line;
    }

    /** Whether {@code rule} is silenced for the statement whose code starts at {@code line}. */
    boolean silenced(String rule, int line) {
        return fileWide.contains(rule) || above(line).contains(rule);
    }

    /** Reads the comments right above {@code line}, reporting wrong ones once. */
    Set<String> above(int line) {
        Set<String> rules = new HashSet<>();
        for (int i = line - 1; i >= 1 && i <= lines.length; i--) {
            String t = lines[i - 1].strip();
            if (!t.startsWith("--")) {
                break;
            }
            parse(i).ifPresent(rules::add);
        }
        return rules;
    }

    private java.util.Optional<String> parse(int line) {
        Matcher m = IGNORE.matcher(lines[line - 1].strip());
        if (!m.matches()) {
            return java.util.Optional.empty();
        }
        String comment = lines[line - 1].strip();
        java.util.Optional<String> rule = java.util.Optional.of(m.group(1)).filter(known::contains);
        if (rule.isEmpty()) {
            problem(line, comment, m.group(1).isEmpty() ? "names no rule" : "names an unknown rule '" + m.group(1) + "'");
        } else if (m.group(2).isBlank()) {
            problem(line, comment, "gives no reason");
            return java.util.Optional.empty();
        }
        return rule;
    }

    private void problem(int line, String comment, String what) {
        if (reported.add(line)) {
            problems.add(new Problem(line, comment, what));
        }
    }
}
