package io.migrate.cli;

import java.io.Console;

/**
 * What the process is connected to. Colour and prompts only when a person is at a terminal; in CI
 * and containers the output is plain and a command never waits for an answer.
 */
final class Terminal {

    private static final String RESET = "\u001b[0m";

    private Terminal() {
    }

    /** Whether standard input and output are a terminal. */
    static boolean interactive() {
        return System.console() != null;
    }

    static boolean colour() {
        String term = System.getenv("TERM");
        return interactive() && System.getenv("NO_COLOR") == null && !"dumb".equals(term);
    }

    static String green(String text) {
        return paint("\u001b[32m", text);
    }

    static String yellow(String text) {
        return paint("\u001b[33m", text);
    }

    static String red(String text) {
        return paint("\u001b[31m", text);
    }

    static String bold(String text) {
        return paint("\u001b[1m", text);
    }

    private static String paint(String code, String text) {
        return colour() ? code + text + RESET : text;
    }

    /** Asks a yes/no question on the terminal; false when there is none or the answer is not yes. */
    static boolean confirm(String question) {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        String answer = console.readLine("%s [y/N] ", question);
        return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
    }
}
