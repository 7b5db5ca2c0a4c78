package io.redissession.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistogramTest {

    @Test
    void countsSumsAndBoundsQuantilesWithinAFactorOfTwo() {
        Histogram histogram = new Histogram();
        assertEquals(0, histogram.quantile(0.99));
        for (int value = 1; value <= 1000; value++) {
            histogram.record(value);
        }
        histogram.record(-5);
        assertEquals(1001, histogram.count());
        assertEquals(500_500, histogram.sum());
        assertEquals(1000, histogram.max());
        long median = histogram.quantile(0.5);
        assertTrue(median >= 500 && median <= 1000, "median bound " + median);
        assertEquals(1000, histogram.quantile(0.99), "capped at the max");
        assertEquals(0, histogram.quantile(0.0005), "the zero bucket");
    }
}
