package io.migrate.postgres;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresCastsTest {

    @Test
    void typesConvertWithinTheirFamilyAndThroughText() {
        assertThat(PostgresCasts.convertible("integer", "bigint")).isTrue();
        assertThat(PostgresCasts.convertible("numeric(10,2)", "double precision")).isTrue();
        assertThat(PostgresCasts.convertible("character varying(20)[]", "text[]")).isTrue();
        assertThat(PostgresCasts.convertible("timestamp with time zone", "date")).isTrue();
        assertThat(PostgresCasts.convertible("public.mood", "text")).isTrue();
        assertThat(PostgresCasts.convertible("text", "public.mood")).isTrue();
        assertThat(PostgresCasts.convertible("integer", "boolean")).isTrue();
        assertThat(PostgresCasts.convertible("text", "text[]")).isTrue();
    }

    @Test
    void typesOfDifferentFamiliesDoNot() {
        assertThat(PostgresCasts.convertible("timestamp with time zone", "bigint")).isFalse();
        assertThat(PostgresCasts.convertible("jsonb", "integer")).isFalse();
        assertThat(PostgresCasts.convertible("bigint", "boolean")).isFalse();
        assertThat(PostgresCasts.convertible("integer[]", "integer")).isFalse();
        assertThat(PostgresCasts.convertible("public.mood", "public.size")).isFalse();
        assertThat(PostgresCasts.convertible("boolean", "jsonb")).isFalse();
    }
}
