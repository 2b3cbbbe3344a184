package io.tradeloop.features.set;

import io.tradeloop.core.random.Rng;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.features.indicator.BarIndicator;
import io.tradeloop.data.bars.BarResampler;
import io.tradeloop.data.bars.PartialBars;
import io.tradeloop.features.testing.SyntheticBars;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** No look-ahead, on the base series and across timeframes. */
class FeatureStreamProperties {
    private static final FeatureSetDefinition BASE = FeatureSetDefinition.builtin("directional-4h-base");

    private static final FeatureSetDefinition MULTI = new FeatureSetDefinition("mtf", 0, List.of(
            new FeatureSpec.Returns(1),
            new FeatureSpec.OnTimeframe(Timeframe.H4, new FeatureSpec.Returns(1)),
            new FeatureSpec.OnTimeframe(Timeframe.H4, new FeatureSpec.Rsi(3)),
            new FeatureSpec.OnTimeframe(Timeframe.H4, new FeatureSpec.Macd(2, 4, 2, true)),
            new FeatureSpec.OnTimeframe(Timeframe.H4, new FeatureSpec.Stochastic(3, 2)),
            new FeatureSpec.OnTimeframe(Timeframe.H4, new FeatureSpec.Adx(3, 3))));

    @Property(tries = 30)
    void aRowDependsOnlyOnBarsUpToIt(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
                                     @ForAll @IntRange(min = 1, max = 399) int cut) {
        BarSeries bars = SyntheticBars.randomWalk(new Rng(seed), 400, Timeframe.H4, 0);
        FeatureMatrix full = FeatureMatrix.compute(BASE, bars);
        FeatureMatrix truncated = FeatureMatrix.compute(BASE, bars.sliceIndex(0, cut));
        for (int k = 0; k < full.columnCount(); k++) {
            for (int i = 0; i < cut; i++) {
                assertThat(Double.doubleToRawLongBits(truncated.value(k, i))).isEqualTo(Double.doubleToRawLongBits(full.value(k, i)));
            }
        }
    }

    @Property(tries = 30)
    void aCoarseValueIsTheIndicatorOverCoarseBarsClosedByTheRowsCloseTime(
            @ForAll @LongRange(min = 1, max = 1_000_000) long seed, @ForAll @IntRange(min = 0, max = 3) int offsetHours) {
        // base 1h bars starting mid-way into a 4h period, so coarse and base closes interleave
        BarSeries hours = SyntheticBars.randomWalk(new Rng(seed), 240, Timeframe.H1, offsetHours * 3_600_000L);
        BarSeries fourHours = BarResampler.resample(hours, Timeframe.H4, PartialBars.DROP).bars();
        FeatureMatrix m = FeatureMatrix.compute(MULTI, hours, Map.of(Timeframe.H4, fourHours));
        int column = 0;
        for (FeatureSpec spec : MULTI.features()) {
            int outputs = spec.columns().size();
            if (spec.timeframe() != null) {
                for (int i = 0; i < m.rows(); i++) {
                    int last = fourHours.lastClosedAt(m.closeTimeMs(i)); // the newest coarse bar closed by then
                    BarIndicator direct = spec.newIndicator();
                    for (int j = 0; j <= last; j++) {
                        direct.update(fourHours.open(j), fourHours.high(j), fourHours.low(j), fourHours.close(j), fourHours.volume(j));
                    }
                    for (int k = 0; k < outputs; k++) {
                        if (last < 0 || !direct.ready(k)) {
                            assertThat(m.status(column + k, i)).isEqualTo(CellStatus.WARMUP);
                        } else {
                            assertThat(m.value(column + k, i)).as("%s row %d", m.columns().get(column + k), i).isEqualTo(direct.value(k));
                        }
                    }
                }
            }
            column += outputs;
        }
    }

    @Property(tries = 30)
    void changingCoarseBarsThatCloseLaterChangesNothingBefore(
            @ForAll @LongRange(min = 1, max = 1_000_000) long seed, @ForAll @IntRange(min = 5, max = 55) int keep) {
        BarSeries hours = SyntheticBars.randomWalk(new Rng(seed), 240, Timeframe.H1, 0);
        BarSeries fourHours = BarResampler.resample(hours, Timeframe.H4, PartialBars.DROP).bars();
        // the same first `keep` coarse bars, then different ones
        BarSeries other = SyntheticBars.randomWalk(new Rng(seed + 1), 240, Timeframe.H1, 0);
        BarSeries otherFour = BarResampler.resample(other, Timeframe.H4, PartialBars.DROP).bars();
        BarSeries.Builder mixed = BarSeries.builder("mixed", Timeframe.H4);
        for (int j = 0; j < fourHours.size(); j++) {
            BarSeries src = j < keep ? fourHours : otherFour;
            mixed.add(src.openTimeMs(j), src.open(j), src.high(j), src.low(j), src.close(j), src.volume(j));
        }
        FeatureMatrix a = FeatureMatrix.compute(MULTI, hours, Map.of(Timeframe.H4, fourHours));
        FeatureMatrix b = FeatureMatrix.compute(MULTI, hours, Map.of(Timeframe.H4, mixed.build()));
        long changedFrom = fourHours.closeTimeMs(keep); // the first coarse bar that differs becomes visible then
        for (int i = 0; i < a.rows() && a.closeTimeMs(i) < changedFrom; i++) {
            for (int k = 0; k < a.columnCount(); k++) {
                assertThat(Double.doubleToRawLongBits(b.value(k, i))).isEqualTo(Double.doubleToRawLongBits(a.value(k, i)));
            }
        }
    }
}
