package io.migrate.bench;

import java.util.Arrays;
import java.util.List;

/** Median, minimum and maximum of the measured runs of one tool in one scenario. */
record Stats(double[] values) {

    Stats {
        if (values.length == 0) {
            throw new IllegalArgumentException("no measurements");
        }
        values = values.clone();
        Arrays.sort(values);
    }

    static Stats of(List<Double> values) {
        return new Stats(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    int runs() {
        return values.length;
    }

    double median() {
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    double min() {
        return values[0];
    }

    double max() {
        return values[values.length - 1];
    }
}
