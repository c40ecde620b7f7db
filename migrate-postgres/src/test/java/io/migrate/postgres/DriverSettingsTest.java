package io.migrate.postgres;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class DriverSettingsTest {

    @ParameterizedTest
    @ValueSource(strings = {"SET DateStyle = 'ISO, DMY'", "SET datestyle TO iso, dmy", "SET DateStyle = DMY",
            "SET DateStyle TO DEFAULT", "SET client_encoding = 'UTF8'", "SET client_encoding TO 'utf-8'",
            "SET NAMES 'UNICODE'", "SET LOCAL client_encoding = DEFAULT", "SET search_path = sql, german",
            "SELECT 'SET DateStyle = German'", "SET datestyle_x = 'German'"})
    void whatTheDriverCanFollowRuns(String sql) {
        assertThat(DriverSettings.refusal(sql)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SET DateStyle = 'German'", "SET SESSION datestyle TO sql, dmy", "set DATESTYLE='Postgres, MDY'"})
    void aDateOutputFormatOtherThanIsoIsRefused(String sql) {
        assertThat(DriverSettings.refusal(sql)).isEqualTo("SET DateStyle with an output format other than ISO cannot"
                + " run through JDBC: the PostgreSQL driver reads dates in ISO format only and closes the connection"
                + " when the format changes. Keep ISO first (SET DateStyle = 'ISO, DMY' still reads day-first input),"
                + " or format dates with to_char");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SET client_encoding = 'LATIN1'", "SET client_encoding TO 'WIN1252'"})
    void anEncodingOtherThanUtf8IsRefused(String sql) {
        assertThat(DriverSettings.refusal(sql)).isEqualTo("SET client_encoding to anything but UTF8 cannot run through"
                + " JDBC: the PostgreSQL driver exchanges text in UTF-8 only and closes the connection when the encoding"
                + " changes. Migration files are read as UTF-8 whatever this says; remove the SET");
        assertThat(DriverSettings.refusal("SET NAMES 'LATIN1'")).startsWith("SET NAMES to anything but UTF8");
    }
}
