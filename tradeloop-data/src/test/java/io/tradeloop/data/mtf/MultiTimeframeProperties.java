package io.tradeloop.data.mtf;

import io.tradeloop.core.random.Rng;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.data.bars.BarResampler;
import io.tradeloop.data.bars.PartialBars;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** No look-ahead (DESIGN.md, principle 4): at any time a level shows its newest bar closed by then, never a later one. */
class MultiTimeframeProperties {
    static final Timeframe[] BASES = {Timeframe.M1, Timeframe.M5, Timeframe.M15};
    static final int[] MULTIPLES = {3, 12, 48};

    /** Random base bars with gaps, its resampled coarser levels, and an unrelated misaligned series. */
    static MultiTimeframeView randomView(long seed, int n, int gapPercent) {
        Rng rng = new Rng(seed);
        Timeframe tf = BASES[rng.nextInt(BASES.length)];
        long t = tf.floor(1_700_000_000_000L + rng.nextInt(0, 1_000_000) * 60_000L);
        BarSeries.Builder b = BarSeries.builder("base", tf, n);
        double px = 100;
        for (int i = 0; i < n; i++) {
            double o = px;
            double c = o * (1 + 0.01 * rng.nextGaussian());
            double h = Math.max(o, c) * (1 + 0.002 * rng.nextDouble());
            double l = Math.min(o, c) * (1 - 0.002 * rng.nextDouble());
            b.add(t, o, h, l, c, rng.uniform(0, 10));
            px = c;
            t += tf.millis() * (1 + (rng.nextDouble() * 100 < gapPercent ? rng.nextInt(1, 30) : 0));
        }
        BarSeries base = b.build();
        BarSeries[] higher = new BarSeries[MULTIPLES.length + 1];
        for (int k = 0; k < MULTIPLES.length; k++) {
            PartialBars policy = rng.nextBoolean() ? PartialBars.KEEP : PartialBars.DROP;
            higher[k] = BarResampler.resample(base, new Timeframe(tf.millis() * MULTIPLES[k]), policy).bars();
        }
        // a series on another grid (7-minute bars at an odd offset): the view must not assume alignment
        BarSeries.Builder odd = BarSeries.builder("odd", Timeframe.parse("7m"));
        long ot = base.firstOpenTimeMs() - 3 * 60_000L + 13_000L;
        for (int i = 0; i < n / 3 + 1; i++, ot += 7 * 60_000L * (1 + rng.nextInt(0, 2))) {
            odd.add(ot, 1, 1, 1, 1, 1);
        }
        higher[MULTIPLES.length] = odd.build();
        return MultiTimeframeView.of(base, higher);
    }

    @Property(tries = 300)
    void noValueIsEverVisibleBeforeItsCloseTime(@ForAll long seed, @ForAll @IntRange(min = 1, max = 400) int n,
                                                @ForAll @IntRange(min = 0, max = 30) int gapPercent) {
        MultiTimeframeView v = randomView(seed, n, gapPercent);
        BarSeries base = v.series(0);
        for (int i = 0; i < base.size(); i++) {
            v.moveTo(i);
            long t = v.timeMs();
            assertThat(t).isEqualTo(base.closeTimeMs(i));
            assertThat(v.index(0)).isEqualTo(i);
            for (int k = 0; k < v.levels(); k++) {
                BarSeries s = v.series(k);
                int idx = v.index(k);
                if (idx >= 0) {
                    assertThat(s.closeTimeMs(idx)).as("level %d bar %d closes after the decision time", k, idx).isLessThanOrEqualTo(t);
                    assertThat(v.close(k)).isEqualTo(s.close(idx));
                } else {
                    assertThat(v.close(k)).isNaN();
                }
                if (idx + 1 < s.size()) {
                    assertThat(s.closeTimeMs(idx + 1)).as("level %d hides a bar already closed", k).isGreaterThan(t);
                }
            }
        }
    }

    @Property(tries = 200)
    void cursorsAgreeWithBinarySearchOnAnyClockIncludingJumpsBack(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int n) {
        MultiTimeframeView v = randomView(seed, n, 10);
        Rng rng = new Rng(seed ^ 0x5DEECE66DL);
        long from = v.series(0).firstOpenTimeMs() - 3_600_000L;
        long span = v.series(0).lastCloseTimeMs() + 3_600_000L - from;
        long t = from;
        for (int step = 0; step < 500; step++) {
            double u = rng.nextDouble();
            if (u < 0.1) t = from + (long) (rng.nextDouble() * span);          // anywhere, often back
            else if (u < 0.2) t += (long) (rng.nextDouble() * span / 4);       // a long jump ahead
            else t += rng.nextInt(0, 600_000);                                   // small steps, sometimes none
            v.moveToTime(t);
            for (int k = 0; k < v.levels(); k++) {
                int idx = v.index(k);
                if (idx >= 0) {
                    assertThat(v.series(k).closeTimeMs(idx)).as("visible before its close").isLessThanOrEqualTo(t);
                }
                assertThat(idx).isEqualTo(v.series(k).lastClosedAt(t));
            }
        }
    }

    @Property(tries = 200)
    void batchAlignmentEqualsStepping(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int n) {
        MultiTimeframeView v = randomView(seed, n, 15);
        for (int k = 0; k < v.levels(); k++) {
            int[] a = v.alignment(k);
            v.reset();
            for (int i = 0; i < a.length; i++) {
                v.moveTo(i);
                assertThat(a[i]).isEqualTo(v.index(k));
            }
        }
    }

    @Property(tries = 200)
    void aCoarseBarIsBuiltOnlyFromFineBarsClosedByItsCloseTime(@ForAll long seed, @ForAll @IntRange(min = 1, max = 400) int n) {
        MultiTimeframeView v = randomView(seed, n, 20);
        BarSeries fine = v.series(0);
        for (int k = 1; k <= MULTIPLES.length; k++) {
            BarSeries coarse = v.series(k);
            for (int j = 0; j < coarse.size(); j++) {
                long open = coarse.openTimeMs(j);
                long close = coarse.closeTimeMs(j);
                int first = fine.lowerBound(open);
                int end = fine.lowerBound(close);
                assertThat(end).isGreaterThan(first);
                double hi = Double.NEGATIVE_INFINITY;
                double lo = Double.POSITIVE_INFINITY;
                double vol = 0;
                for (int i = first; i < end; i++) {
                    assertThat(fine.closeTimeMs(i)).isLessThanOrEqualTo(close);
                    hi = Math.max(hi, fine.high(i));
                    lo = Math.min(lo, fine.low(i));
                    vol += fine.volume(i);
                }
                assertThat(coarse.open(j)).isEqualTo(fine.open(first));
                assertThat(coarse.close(j)).isEqualTo(fine.close(end - 1));
                assertThat(coarse.high(j)).isEqualTo(hi);
                assertThat(coarse.low(j)).isEqualTo(lo);
                assertThat(coarse.volume(j)).isCloseTo(vol, within(1e-9));
            }
        }
    }
}
