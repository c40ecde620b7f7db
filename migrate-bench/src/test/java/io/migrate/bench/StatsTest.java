package io.migrate.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatsTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        Stats stats = Stats.of(List.of(9.0, 1.0, 5.0));

        assertThat(stats.median()).isEqualTo(5.0);
        assertThat(stats.min()).isEqualTo(1.0);
        assertThat(stats.max()).isEqualTo(9.0);
        assertThat(stats.runs()).isEqualTo(3);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Stats.of(List.of(4.0, 1.0, 3.0, 10.0)).median()).isEqualTo(3.5);
    }

    @Test
    void noMeasurementsIsAnError() {
        assertThatThrownBy(() -> Stats.of(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no measurements");
    }

    @Test
    void formatsByMagnitude() {
        assertThat(Report.format(1234.4, Report.Unit.MS)).isEqualTo("1,234 ms");
        assertThat(Report.format(56.78, Report.Unit.MS)).isEqualTo("56.8 ms");
        assertThat(Report.format(3.14159, Report.Unit.MIB)).isEqualTo("3.14 MiB");
    }
}
