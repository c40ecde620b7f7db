package io.migrate.internal.source;

import io.migrate.api.Checksum;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationTest {

    @Test
    void sha256IsLowercaseHexOfTheBytes() {
        assertThat(Checksum.sha256(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Checksum.sha256("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void sha256OfAnyBytesIs64LowercaseHexCharacters() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        assertThat(Checksum.sha256(bytes)).hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void matchesItsOwnChecksumInAnyCase() {
        Migration m = migration("CREATE TABLE a (id int);\n");

        assertThat(m.matches(m.checksum())).isTrue();
        assertThat(m.matches(m.checksum().toUpperCase(Locale.ROOT))).isTrue();
    }

    @Test
    void matchesTheSameFileAppliedWithCrlfLineEndings() {
        Migration lf = migration("CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n");

        assertThat(lf.matches(sha256("CREATE TABLE a (id int);\r\nCREATE TABLE b (id int);\r\n"))).isTrue();
    }

    @Test
    void matchesTheSameFileAppliedWithLfLineEndings() {
        Migration crlf = migration("CREATE TABLE a (id int);\r\nCREATE TABLE b (id int);\r\n");

        assertThat(crlf.matches(sha256("CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n"))).isTrue();
    }

    @Test
    void mixedLineEndingsMatchEitherNormalForm() {
        Migration mixed = migration("a;\r\nb;\nc;\n");

        assertThat(mixed.matches(sha256("a;\nb;\nc;\n"))).isTrue();
        assertThat(mixed.matches(sha256("a;\r\nb;\r\nc;\r\n"))).isTrue();
    }

    @Test
    void rejectsAnyOtherChange() {
        Migration m = migration("CREATE TABLE a (id int);\n");

        assertThat(m.matches(sha256("CREATE TABLE a (id bigint);\n"))).isFalse();
        assertThat(m.matches(sha256("CREATE TABLE a (id int);"))).isFalse();
        assertThat(m.matches(sha256("CREATE TABLE a (id int);\n\n"))).isFalse();
        assertThat(m.matches(sha256("CREATE TABLE a  (id int);\n"))).isFalse();
        assertThat(m.matches(sha256("CREATE TABLE a (id int);\r"))).isFalse();
    }

    @Test
    void sortsByName() {
        Migration b = migration("20240102000000_b", "x");
        Migration a = migration("20240101000000_a", "y");
        Migration c = migration("20240103000000_c", "z");
        List<Migration> list = new ArrayList<>(List.of(c, a, b));

        Collections.sort(list);

        assertThat(list).containsExactly(a, b, c);
    }

    @Test
    void equalWhenNameChecksumAndSourceAreEqual() {
        Migration m = migration("20240101000000_a", "x");

        assertThat(m).isEqualTo(migration("20240101000000_a", "x")).hasSameHashCodeAs(migration("20240101000000_a", "x"));
        assertThat(m).isNotEqualTo(migration("20240101000000_a", "y"));
        assertThat(m.toString()).isEqualTo("20240101000000_a (db/20240101000000_a/migration.sql)");
    }

    private static Migration migration(String text) {
        return migration("20240101000000_init", text);
    }

    private static Migration migration(String name, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new Migration(name, "db/" + name + "/migration.sql", bytes, Checksum.sha256(bytes), text);
    }

    private static String sha256(String text) {
        return Checksum.sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
