package io.migrate.mariadb;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

/** The kit fails a dialect that is wrong, and says which SPI method is at fault. */
class KitCatchesBrokenDialectsIT {

    private static Events run(Class<?> kit, String method) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectMethod(kit, method)).execute().testEvents();
    }

    private static String failure(Events events) {
        assertThat(events.failed().count()).as("the kit must fail this dialect").isEqualTo(1);
        return events.failed().stream().findFirst().orElseThrow().getPayload(
                org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow().getMessage();
    }

    @Test
    void failsASplitterThatIgnoresQuotesAndNamesIt() {
        assertThat(failure(run(BrokenDialects.NaiveSplitKit.class, "refusesUnterminatedConstructs")))
                .startsWith("[Dialect.split(String) is wrong: a ScriptSyntaxException for the unterminated construct in:\n"
                        + "SELECT 'open]");
    }

    @Test
    void failsTheSplitPropertyForASplitterThatIgnoresQuotes() {
        Events events = EngineTestKit.engine("jqwik")
                .selectors(selectMethod(BrokenDialects.NaiveSplitKit.class, "splitsJoinedStatementsBackVerbatim", "java.util.List"))
                .execute().testEvents();
        assertThat(failure(events)).contains("Dialect.split(String) is wrong: each statement verbatim, without its ';',"
                + " from the script:");
    }

    @Test
    void failsALockThatLocksNothingAndNamesIt() {
        assertThat(failure(run(BrokenDialects.NoLockKit.class, "isExclusiveAndWaitsNoLongerThanTheTimeout")))
                .startsWith("[Dialect.lock is wrong: a LockTimeoutException while another connection holds the lock]");
    }

    @Test
    void passesTheRealDialect() {
        Events events = EngineTestKit.engine("junit-jupiter")
                .selectors(selectMethod(MariaDbConformanceIT.class, "isExclusiveAndWaitsNoLongerThanTheTimeout"))
                .execute().testEvents();
        assertThat(events.succeeded().count()).isEqualTo(1);
    }
}
