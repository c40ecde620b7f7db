package io.migrate.internal.source;

import io.migrate.api.ErrorCode;
import io.migrate.api.InvalidMigrationException;
import io.migrate.api.StatusReport;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigrationNamesTest {

    @Test
    void orderIsTheByteOrderOfUtf8NotThatOfUtf16() {
        // U+FF41 is three UTF-8 bytes starting EF; U+1F680 is four starting F0. In UTF-16 the emoji's
        // surrogate (D83D) sorts first, in UTF-8 (and in Prisma) it sorts last.
        List<String> names = new ArrayList<>(List.of("🚀_launch", "ａ_fullwidth", "a", "0_init", "01_init", "1"));
        names.sort(MigrationNames.ORDER);

        assertThat(names).containsExactly("01_init", "0_init", "1", "a", "ａ_fullwidth", "🚀_launch");
        for (int i = 1; i < names.size(); i++) {
            assertThat(java.util.Arrays.compareUnsigned(names.get(i - 1).getBytes(StandardCharsets.UTF_8),
                    names.get(i).getBytes(StandardCharsets.UTF_8))).isNegative();
        }
    }

    @Test
    void orderMatchesUtf8ByteOrderForNamesMixingSurrogatesAndCharactersAboveThem() {
        String[] pieces = {"a", "z", "é", "\uD7FF", "\uE000", "\uFFFD", "\uFF41", "🚀", "😀", "𝄞", "0", "_"};
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 20_000; i++) {
            String x = name(random, pieces);
            String y = name(random, pieces);
            int bytes = java.util.Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8));
            assertThat(Integer.signum(MigrationNames.ORDER.compare(x, y))).as("%s vs %s", x, y).isEqualTo(Integer.signum(bytes));
        }
    }

    private static String name(java.util.Random random, String[] pieces) {
        StringBuilder name = new StringBuilder();
        for (int n = random.nextInt(4); n >= 0; n--) {
            name.append(pieces[random.nextInt(pieces.length)]);
        }
        return name.toString();
    }

    @Test
    void aPrefixSortsFirst() {
        assertThat(MigrationNames.ORDER.compare("0_init", "0_init_more")).isNegative();
        assertThat(MigrationNames.ORDER.compare("0_init", "0_init")).isZero();
    }

    @Test
    void anEmptyNameIsMalformed() {
        assertThatThrownBy(() -> MigrationNames.check("", "java:com.example.Empty"))
                .isInstanceOfSatisfying(InvalidMigrationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_MIGRATION_NAME))
                .hasMessage("[MALFORMED_MIGRATION_NAME] Java migration java:com.example.Empty named '' has an empty name");
    }

    @Test
    void aNameThatWasNotValidUtf8IsMalformed() {
        // What a file system or jar decoder makes of invalid bytes: a replacement character or a lone surrogate.
        for (String name : List.of("20240101000000_caf\uFFFD", "20240101000000_\uD800x")) {
            assertThatThrownBy(() -> MigrationNames.check(name, "db/" + name))
                    .hasMessage("[MALFORMED_MIGRATION_NAME] Migration folder db/" + name
                            + " has a name that is not valid UTF-8; rename it");
        }
    }

    @Test
    void aJavaMigrationNameWithASlashIsMalformed() {
        assertThatThrownBy(() -> MigrationNames.check("2024/backfill", "java:com.example.Backfill"))
                .hasMessage("[MALFORMED_MIGRATION_NAME] Java migration java:com.example.Backfill named '2024/backfill'"
                        + " has a name with a path separator ('/' or '\\'), which cannot be a folder name; rename it");
    }

    @Test
    void numberedNamesStartWithADigit() {
        assertThat(List.of("0_init", "01_init", "20240101000000_x", "9")).allMatch(MigrationNames::numbered);
        assertThat(List.of("init", "_0_init", "-hotfix", "١_arabic_digit")).noneMatch(MigrationNames::numbered);
    }

    @Test
    void aNameWithoutNumberThatSortsBeforeNumberedOnesIsWarnedAbout() {
        List<StatusReport.Warning> warnings = MigrationNames.unordered(
                List.of("-hotfix", "0_init", "01_init", "20240101000000_init", "add_users"));

        assertThat(warnings).containsExactly(new StatusReport.Warning("-hotfix", "Migration -hotfix has no leading"
                + " timestamp or number, so its letters put it before 0_init and 2 more named with one: it runs first."
                + " Migrations run in the byte-wise order of their names; if it was written after them, rename it to"
                + " start with a timestamp (<yyyyMMddHHmmss>_-hotfix)"));
    }

    @Test
    void aSingleNumberedMigrationAfterIsNamedAlone() {
        assertThat(MigrationNames.unordered(List.of("+x", "0_init"))).singleElement()
                .extracting(StatusReport.Warning::message).asString()
                .contains("its letters put it before 0_init: it runs first.");
    }

    @Test
    void namesAllNumberedOrAllUnnumberedOrUnnumberedLastAreNotWarnedAbout() {
        assertThat(MigrationNames.unordered(List.of("0_init", "01_init", "20240101000000_init"))).isEmpty();
        assertThat(MigrationNames.unordered(List.of("add_users", "init"))).isEmpty();
        assertThat(MigrationNames.unordered(List.of("20240101000000_init", "add_users"))).isEmpty();
        assertThat(MigrationNames.unordered(List.of())).isEmpty();
    }
}
