package io.tradeloop.features.set;

import io.tradeloop.core.SharedData;
import io.tradeloop.core.random.Rng;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.data.bars.OhlcvCsvReader;
import io.tradeloop.data.csv.ReadPolicy;
import io.tradeloop.data.bars.BarResampler;
import io.tradeloop.data.bars.PartialBars;
import io.tradeloop.features.testing.SyntheticBars;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FeatureStreamTest {
    private static final FeatureSetDefinition BOLLINGER = new FeatureSetDefinition("bb", 0, List.of(new FeatureSpec.Bollinger(3, 2.0)));

    @Test
    void batchEqualsStreamingBitForBitOnRealDataWithADailyTimeframe() {
        Path fourHour = SharedData.file("ohlcv/coinbase_ETH-USD_4h.csv").orElse(null);
        Path daily = SharedData.file("ohlcv/coinbase_ETH-USD_1d.csv").orElse(null);
        assumeTrue(fourHour != null && daily != null, SharedData.ABSENT);
        BarSeries bars = OhlcvCsvReader.read(fourHour, ReadPolicy.STRICT).value();
        BarSeries days = OhlcvCsvReader.read(daily, ReadPolicy.STRICT, Timeframe.D1).value();
        FeatureSetDefinition set = FeatureSetDefinition.builtin("directional-4h");
        Map<Timeframe, BarSeries> coarse = Map.of(Timeframe.D1, days);

        FeatureMatrix batch = FeatureMatrix.compute(set, bars, coarse);

        // live use: one bar at a time from two separately copied halves, as a feed would deliver them
        FeatureStream live = new FeatureStream(set, bars.timeframe(), coarse);
        int half = bars.size() / 2;
        int row = 0;
        for (BarSeries part : List.of(bars.sliceIndex(0, half), bars.sliceIndex(half, bars.size()))) {
            for (int i = 0; i < part.size(); i++, row++) {
                live.update(part.closeTimeMs(i), part.open(i), part.high(i), part.low(i), part.close(i), part.volume(i));
                for (int k = 0; k < live.columnCount(); k++) {
                    assertThat(Double.doubleToRawLongBits(live.value(k)))
                            .as("row %d column %s", row, live.column(k))
                            .isEqualTo(Double.doubleToRawLongBits(batch.value(k, row)));
                    assertThat(live.status(k)).isEqualTo(batch.status(k, row));
                }
            }
        }
        assertThat(live.quality()).isEqualTo(batch.quality());
        // real data has a usable row after warm-up, and every column has real values
        int first = batch.firstReadyRow();
        assertThat(first).isBetween(set.warmupBars(), 400);
        for (FeatureQuality q : batch.quality()) {
            assertThat(q.rows() - q.warmup() - q.bad()).as(q.column()).isGreaterThan(bars.size() - 500);
        }
    }

    @Test
    void warmupIsCountedApartFromBadValuesAndBadValuesAreForwardFilled() {
        // closes 1,2,3,5,5,5,6 with Bollinger(3, 2): rows 0-1 warm up; row 5's window 5,5,5 is flat, so %B is NaN
        // (0 / 0) there: counted as bad and filled with row 4's value; the width is 0 there, a valid value
        FeatureMatrix m = FeatureMatrix.compute(BOLLINGER, SyntheticBars.fromCloses(Timeframe.H1, 1, 2, 3, 5, 5, 5, 6));
        int pctb = m.columnIndex("bb_3_2_pctb");
        FeatureQuality q = m.quality().get(pctb);
        assertThat(q).isEqualTo(new FeatureQuality("bb_3_2_pctb", 7, 2, 1, 0, 0, 1));
        assertThat(m.status(pctb, 0)).isEqualTo(CellStatus.WARMUP);
        assertThat(m.value(pctb, 1)).isNaN();
        assertThat(m.status(pctb, 5)).isEqualTo(CellStatus.NAN);
        assertThat(m.value(pctb, 5)).isEqualTo(m.value(pctb, 4));
        assertThat(m.quality().get(m.columnIndex("bb_3_2_width"))).isEqualTo(new FeatureQuality("bb_3_2_width", 7, 2, 0, 0, 0, 0));
        assertThat(m.firstReadyRow()).isEqualTo(2);
    }

    @Test
    void aBadValueWithNothingBeforeItStaysNaNAndTheSetWarmupAppliesToEveryColumn() {
        FeatureMatrix flat = FeatureMatrix.compute(BOLLINGER, SyntheticBars.fromCloses(Timeframe.H1, 5, 5, 5, 6));
        int pctb = flat.columnIndex("bb_3_2_pctb");
        assertThat(flat.value(pctb, 2)).isNaN();
        assertThat(flat.quality().get(pctb)).isEqualTo(new FeatureQuality("bb_3_2_pctb", 4, 2, 1, 0, 0, 0));

        FeatureSetDefinition longerWarmup = new FeatureSetDefinition("bb", 4, BOLLINGER.features());
        FeatureMatrix m = FeatureMatrix.compute(longerWarmup, SyntheticBars.fromCloses(Timeframe.H1, 1, 2, 3, 5, 5, 5, 6));
        assertThat(m.quality().get(0).warmup()).isEqualTo(4);
        assertThat(m.firstReadyRow()).isEqualTo(4);
    }

    @Test
    void invalidBarsAreRefusedNamingTheBarFieldAndValue() {
        FeatureStream s = new FeatureStream(BOLLINGER, Timeframe.H1);
        s.update(3_600_000, 10, 11, 9, 10, 5);
        assertThatThrownBy(() -> s.update(3_600_000, 10, 11, 9, 10, 5)).hasMessageContaining("closeTime")
                .hasMessageContaining("1970-01-01T01:00:00Z");
        assertThatThrownBy(() -> s.update(7_200_000, 10, 11, 9, Double.NaN, 5)).hasMessageContaining("'close' value NaN");
        assertThatThrownBy(() -> s.update(7_200_000, 10, 11, 9, 10, -1)).hasMessageContaining("'volume' value -1.0");
        assertThatThrownBy(() -> s.update(7_200_000, 10, 9, 11, 10, 1)).hasMessageContaining("high/low");
        assertThat(s.rows()).isEqualTo(1);
    }

    @Test
    void aCoarseTimeframeMustBeBoundCoarserAndAWholeMultiple() {
        FeatureSetDefinition daily = new FeatureSetDefinition("d", 0, List.of(new FeatureSpec.OnTimeframe(Timeframe.D1, new FeatureSpec.Rsi(14))));
        assertThatThrownBy(() -> new FeatureStream(daily, Timeframe.H4)).hasMessageContaining("needs a 1d bar series");
        assertThatThrownBy(() -> new FeatureStream(daily, Timeframe.parse("7h"), Map.of()))
                .hasMessageContaining("whole multiple");
        BarSeries wrong = SyntheticBars.fromCloses(Timeframe.H4, 1, 2, 3);
        assertThatThrownBy(() -> new FeatureStream(daily, Timeframe.H4, Map.of(Timeframe.D1, wrong))).hasMessageContaining("has timeframe 4h");
    }

    @Test
    void aCoarseSeriesThatStopsGivesStaleValuesThatAreCountedNotPassedOff() {
        // 1h bars for 4 days, daily bars only for the first 2 days: from 2 days after the last daily close the
        // daily value is stale (NaN, counted) and forward-filled with its last good value
        BarSeries hours = SyntheticBars.randomWalk(new Rng(7), 96, Timeframe.H1, 0);
        BarSeries days = BarResampler.resample(hours, Timeframe.D1, PartialBars.DROP).bars().sliceIndex(0, 2);
        FeatureSetDefinition set = new FeatureSetDefinition("d", 0, List.of(new FeatureSpec.OnTimeframe(Timeframe.D1, new FeatureSpec.Returns(1))));
        FeatureMatrix m = FeatureMatrix.compute(set, hours, Map.of(Timeframe.D1, days));
        // day 2 closes at hour 48: rows closing at 48..95 h see it; from close time 96 h (row 95) it is 2 days old
        assertThat(m.status(0, 94)).isEqualTo(CellStatus.OK);
        assertThat(m.status(0, 95)).isEqualTo(CellStatus.NAN);
        assertThat(m.value(0, 95)).isEqualTo(m.value(0, 94));
        assertThat(m.quality().get(0).nan()).isEqualTo(1);
    }

    @Test
    void anUpdateAllocatesNothing() {
        BarSeries bars = SyntheticBars.randomWalk(new Rng(3), 20_000, Timeframe.H4, 0);
        BarSeries days = BarResampler.resample(bars, Timeframe.D1, PartialBars.DROP).bars();
        FeatureStream s = new FeatureStream(FeatureSetDefinition.builtin("directional-4h"), Timeframe.H4, Map.of(Timeframe.D1, days));
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        long allocated = 0;
        for (int round = 0; round < 3; round++) { // the last round is measured, after the JIT has seen the loop
            s.reset();
            long before = threads.getThreadAllocatedBytes(tid);
            for (int i = 0; i < bars.size(); i++) {
                s.update(bars.closeTimeMs(i), bars.open(i), bars.high(i), bars.low(i), bars.close(i), bars.volume(i));
            }
            allocated = threads.getThreadAllocatedBytes(tid) - before;
        }
        assertThat(allocated).as("bytes allocated by %d updates", bars.size()).isLessThan(bars.size() / 10);
    }
}
