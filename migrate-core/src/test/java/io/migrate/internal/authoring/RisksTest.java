package io.migrate.internal.authoring;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RisksTest {

    @Test
    void onlyKnownWideningsAreNotDataLoss() {
        assertThat(Risks.narrows("integer", "bigint")).isFalse();
        assertThat(Risks.narrows("bigint", "integer")).isTrue();
        assertThat(Risks.narrows("character varying(10)", "character varying(20)")).isFalse();
        assertThat(Risks.narrows("character varying(20)", "character varying(10)")).isTrue();
        assertThat(Risks.narrows("integer", "text")).isFalse();
        assertThat(Risks.narrows("text", "integer")).isTrue();
        assertThat(Risks.narrows("numeric(10,2)", "numeric(12,2)")).isFalse();
        assertThat(Risks.narrows("numeric(10,2)", "numeric(10,1)")).isTrue();
        assertThat(Risks.narrows("real", "double precision")).isFalse();
        assertThat(Risks.narrows("double precision", "real")).isTrue();
    }

    @Test
    void longerVaryingStringsNeedNoRewrite() {
        assertThat(Risks.binaryCompatible("character varying(10)", "character varying(20)")).isTrue();
        assertThat(Risks.binaryCompatible("character varying(10)", "text")).isTrue();
        assertThat(Risks.binaryCompatible("character varying(20)", "character varying(10)")).isFalse();
        assertThat(Risks.binaryCompatible("integer", "bigint")).isFalse();
    }
}
