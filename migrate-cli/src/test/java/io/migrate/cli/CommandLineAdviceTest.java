package io.migrate.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineAdviceTest {

    @Test
    void eachBuilderCallTheMessageAdvisesGetsItsCommandLineForm() {
        assertThat(CommandLineAdvice.add("[OUT_OF_ORDER] Rename it, or deploy with outOfOrder(true). Or resolveRolledBack(\"x\")"
                + " or resolveApplied(\"x\"); outOfOrder(true) again"))
                .isEqualTo("[OUT_OF_ORDER] Rename it, or deploy with outOfOrder(true). Or resolveRolledBack(\"x\") or "
                        + "resolveApplied(\"x\"); outOfOrder(true) again\n  (on the command line: migrate resolve "
                        + "--rolled-back NAME; migrate resolve --applied NAME; --out-of-order)");
        assertThat(CommandLineAdvice.add("Put them in a new migration, or remove them with the SQL of "
                + "drift().get().reverse().script().")).endsWith("\n  (on the command line: migrate diff --from-url "
                + "\"$DATABASE_URL\" --to-migrations --script)");
    }

    @Test
    void aMessageWithoutBuilderCallsIsUnchanged() {
        assertThat(CommandLineAdvice.add("[LOCK_TIMEOUT] Waited 10 s for the lock")).isEqualTo("[LOCK_TIMEOUT] Waited 10 s for the lock");
    }
}
