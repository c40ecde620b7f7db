package io.migrate.api;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatusReportTest {

    private static final OffsetDateTime STARTED = OffsetDateTime.of(2026, 3, 1, 12, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void toJsonEscapesQuotesBackslashesAndControlCharacters() {
        String error = "ERROR: syntax error at \"FROM\"\n\tLine 2: C:\\data\r\u0001\u001f end";
        StatusReport report = new StatusReport("\"public\".\"_migrations\"", true, List.of("filesystem:C:\\db \"x\""),
                List.of(new MigrationStatus("20260301000000_quote\"and\\slash", MigrationState.FAILED, "ab12", null,
                        STARTED, null, 2, error)),
                List.of(new StatusReport.Warning("add_\"users\"", "sorts before\t20260301000000_quote\"and\\slash\n")));

        assertThat(report.toJson()).isEqualTo("{\"verdict\":\"PROBLEMS\","
                + "\"historyTable\":\"\\\"public\\\".\\\"_migrations\\\"\",\"historyTableExists\":true,"
                + "\"locations\":[\"filesystem:C:\\\\db \\\"x\\\"\"],"
                + "\"migrations\":[{\"name\":\"20260301000000_quote\\\"and\\\\slash\",\"state\":\"FAILED\","
                + "\"checksum\":\"ab12\",\"appliedChecksum\":null,\"startedAt\":\"2026-03-01T12:00Z\",\"finishedAt\":null,"
                + "\"durationMillis\":null,\"attempts\":2,"
                + "\"lastError\":\"ERROR: syntax error at \\\"FROM\\\"\\n\\tLine 2: C:\\\\data\\r\\u0001\\u001f end\"}],"
                + "\"warnings\":[{\"migration\":\"add_\\\"users\\\"\",\"message\":\"sorts before\\t20260301000000_quote\\\"and\\\\slash\\n\"}],\"drift\":null}");
    }

    @Test
    void toJsonKeepsNonAsciiTextAsIsAndWritesDurations() {
        StatusReport report = new StatusReport("_migrations", true, List.of("classpath:db/ünï"),
                List.of(new MigrationStatus("20260301000000_café_\uD83D\uDE00", MigrationState.APPLIED, "ab12", "ab12",
                        STARTED, STARTED.plusSeconds(2), 1, null)));

        assertThat(report.toJson()).isEqualTo("{\"verdict\":\"UP_TO_DATE\",\"historyTable\":\"_migrations\","
                + "\"historyTableExists\":true,\"locations\":[\"classpath:db/ünï\"],"
                + "\"migrations\":[{\"name\":\"20260301000000_café_\uD83D\uDE00\",\"state\":\"APPLIED\","
                + "\"checksum\":\"ab12\",\"appliedChecksum\":\"ab12\",\"startedAt\":\"2026-03-01T12:00Z\","
                + "\"finishedAt\":\"2026-03-01T12:00:02Z\",\"durationMillis\":2000,\"attempts\":1,\"lastError\":null}],\"warnings\":[],\"drift\":null}");
    }

    @Test
    void toJsonOfAnEmptyReportWithoutHistoryTable() {
        StatusReport report = new StatusReport("_migrations", false, List.of(), List.of());

        assertThat(report.toJson()).isEqualTo("{\"verdict\":\"UP_TO_DATE\",\"historyTable\":\"_migrations\","
                + "\"historyTableExists\":false,\"locations\":[],\"migrations\":[],\"warnings\":[],\"drift\":null}");
    }
}
