package io.migrate.cli;

/** The process exit codes; they are part of the command line's contract and never change meaning. */
final class ExitCode {

    /** The command did what was asked ({@code status}: the database is up to date). */
    static final int OK = 0;
    /** The operation failed; the message is the library's, starting with its {@code [CODE]}. */
    static final int FAILED = 1;
    /** The command line, a setting or the environment is wrong, or a decision needs a flag. */
    static final int USAGE = 2;
    /**
     * {@code status}: migrations are waiting to be deployed, nothing else needs settling;
     * {@code diff --exit-code}: the schemas differ.
     */
    static final int PENDING = 3;
    /**
     * {@code status}: something must be settled before a deploy can run (failed, modified, missing, out of order);
     * {@code lint}: a finding of severity error.
     */
    static final int PROBLEMS = 4;

    private ExitCode() {
    }
}
