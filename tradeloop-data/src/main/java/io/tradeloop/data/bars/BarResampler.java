package io.tradeloop.data.bars;

import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.core.time.TimeFormat;

/**
 * Aggregates bars into a coarser timeframe (5m → 15m → 1h → 4h → 1d): open of the first bar, highest
 * high, lowest low, close of the last bar, summed volume. Coarse bars are aligned on multiples of their
 * timeframe since the epoch (UTC), so a coarse bar's close time is never before the close of any bar in
 * it. Partial first/last bars follow a {@link PartialBars} policy; gaps stay gaps.
 */
public final class BarResampler {
    private BarResampler() {
    }

    /**
     * @throws IllegalArgumentException when {@code coarse} is not a whole multiple of the series' timeframe,
     *                                  or a source bar straddles a coarse boundary (misaligned source)
     */
    public static Aggregation resample(BarSeries fine, Timeframe coarse, PartialBars partial) {
        Timeframe tf = fine.timeframe();
        if (coarse.millis() < tf.millis() || !tf.divides(coarse)) {
            throw new IllegalArgumentException("cannot resample " + fine.name() + " from " + tf + " to " + coarse
                    + ": the target must be a whole multiple of the source timeframe (e.g. 5m -> 15m, 1h, 4h, 1d)");
        }
        int n = fine.size();
        BarSeries.Builder b = BarSeries.builder(fine.name(), coarse, (int) Math.min(Integer.MAX_VALUE, (long) n * tf.millis() / coarse.millis() + 2));
        if (n == 0) {
            return new Aggregation(b.build(), 0, 0, false, false, 0, 0, 0);
        }
        long from = fine.firstOpenTimeMs();
        long to = fine.lastCloseTimeMs();
        long perBar = coarse.millis() / tf.millis();
        long[] t = fine.openTimes();
        double[] o = fine.opens();
        double[] h = fine.highs();
        double[] l = fine.lows();
        double[] c = fine.closes();
        double[] v = fine.volumes();
        boolean firstPartial = false;
        boolean lastPartial = false;
        int dropped = 0;
        int incomplete = 0;
        long bucketsWithData = 0;
        int i = 0;
        while (i < n) {
            long bucket = coarse.floor(t[i]);
            long end = bucket + coarse.millis();
            double bo = o[i];
            double bh = h[i];
            double bl = l[i];
            double bc = c[i];
            double bv = 0;
            int count = 0;
            while (i < n && t[i] < end) {
                if (t[i] + tf.millis() > end) {
                    throw new IllegalArgumentException(fine.name() + ": the " + tf + " bar at " + TimeFormat.iso(t[i])
                            + " straddles the " + coarse + " boundary at " + TimeFormat.iso(end) + "; source bars must be aligned on their timeframe");
                }
                bh = Math.max(bh, h[i]);
                bl = Math.min(bl, l[i]);
                bc = c[i];
                bv += v[i];
                count++;
                i++;
            }
            bucketsWithData++;
            boolean startsEarly = bucket < from;
            boolean endsLate = end > to;
            if (startsEarly || endsLate) {
                if (partial == PartialBars.DROP) {
                    dropped++;
                    continue;
                }
                firstPartial |= startsEarly && b.size() == 0;
                lastPartial |= endsLate;
            } else if (count < perBar) {
                incomplete++;
            }
            b.add(bucket, bo, bh, bl, bc, bv);
        }
        long firstBucket = coarse.floor(from);
        long lastBucket = coarse.floor(to - 1);
        long periods = (lastBucket - firstBucket) / coarse.millis() + 1;
        return new Aggregation(b.build(), from, to, firstPartial, lastPartial, dropped, incomplete, periods - bucketsWithData);
    }
}
