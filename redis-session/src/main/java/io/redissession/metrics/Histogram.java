package io.redissession.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A lock-free distribution of non-negative values in power-of-two buckets: count, sum, max and quantiles within a
 * factor of two, at a fixed 64 counters whatever the number of values.
 */
public final class Histogram {

    private final AtomicLongArray buckets = new AtomicLongArray(64);
    private final LongAdder count = new LongAdder();
    private final LongAdder sum = new LongAdder();
    private final AtomicLong max = new AtomicLong();

    /** @param value the value; negative values count as zero */
    public void record(long value) {
        long v = Math.max(0, value);
        buckets.incrementAndGet(64 - Long.numberOfLeadingZeros(v));
        count.increment();
        sum.add(v);
        max.accumulateAndGet(v, Math::max);
    }

    /** @return how many values were recorded */
    public long count() {
        return count.sum();
    }

    /** @return the sum of the values */
    public long sum() {
        return sum.sum();
    }

    /** @return the largest value, or 0 */
    public long max() {
        return max.get();
    }

    /** @return the mean, or 0 */
    public double mean() {
        long n = count();
        return n == 0 ? 0 : (double) sum() / n;
    }

    /**
     * @param quantile from 0 to 1
     * @return the upper bound of the bucket that holds that quantile (at most twice the true value), capped at the
     *         max; 0 without values
     */
    public long quantile(double quantile) {
        long n = count();
        if (n == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(quantile * n);
        long seen = 0;
        for (int i = 0; i < 64; i++) {
            seen += buckets.get(i);
            if (seen >= Math.max(1, rank)) {
                long upper = i == 0 ? 0 : i >= 63 ? Long.MAX_VALUE : (1L << i) - 1;
                return Math.min(upper, max());
            }
        }
        return max();
    }
}
