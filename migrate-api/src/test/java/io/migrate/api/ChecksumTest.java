package io.migrate.api;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ChecksumTest {

    @Test
    void sha256IsLowercaseHexOf64Characters() {
        assertThat(Checksum.sha256("".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Checksum.sha256("CREATE TABLE t (id int);\n".getBytes(StandardCharsets.UTF_8)))
                .hasSize(64).matches("[0-9a-f]{64}");
    }
}
