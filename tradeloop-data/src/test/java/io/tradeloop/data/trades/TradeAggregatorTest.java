package io.tradeloop.data.trades;

import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.data.TestFiles;
import io.tradeloop.data.bars.Aggregation;
import io.tradeloop.data.bars.BarResampler;
import io.tradeloop.data.bars.PartialBars;
import io.tradeloop.data.csv.ReadPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TradeAggregatorTest {
    static final long T0 = TimeFormat.parse("2024-01-01T00:00:00Z");

    @TempDir
    Path dir;

    static TradeSeries sample() {
        return TradeSeries.builder("x", 8)
                .add(T0, 100, 1)
                .add(T0 + 60_000, 105, 2)
                .add(T0 + 120_000, 98, 0.5)
                .add(T0 + 299_000, 101, 1)     // bar 00:00: O 100, H 105, L 98, C 101, V 1+2+0.5+1 = 4.5
                .add(T0 + 300_000, 102, 3)
                .add(T0 + 420_000, 99, 1)      // bar 00:05: O 102, H 102, L 99, C 99, V 3+1 = 4
                // 00:10-00:15: no prints, so no bar
                .add(T0 + 960_000, 103, 2)     // bar 00:15: O = H = L = C = 103, V 2; the last print
                .build();
    }

    @Test
    void buildsBarsFromPrintsWithHandWorkedValues() {
        Aggregation a = TradeAggregator.aggregate(sample(), Timeframe.M5, PartialBars.DROP);
        BarSeries b = a.bars();
        assertThat(b.size()).isEqualTo(2); // the 00:15 bar is partial: the data ends at 00:16:00.001
        assertThat(b.openTimeMs(0)).isEqualTo(T0);
        assertThat(new double[] {b.open(0), b.high(0), b.low(0), b.close(0), b.volume(0)}).containsExactly(100, 105, 98, 101, 4.5);
        assertThat(b.openTimeMs(1)).isEqualTo(T0 + 300_000);
        assertThat(new double[] {b.open(1), b.high(1), b.low(1), b.close(1), b.volume(1)}).containsExactly(102, 102, 99, 99, 4);
        assertThat(a.droppedPartial()).isEqualTo(1);
        assertThat(a.lastPartial()).isFalse();
        // periods 00:00, 00:05, 00:10, 00:15 lie in the coverage; 00:10 has no print
        assertThat(a.emptyPeriods()).isEqualTo(1);
    }

    @Test
    void keepsThePartialLastBarWhenAskedAndFlagsIt() {
        Aggregation a = TradeAggregator.aggregate(sample(), Timeframe.M5, PartialBars.KEEP);
        assertThat(a.bars().size()).isEqualTo(3);
        assertThat(a.lastPartial()).isTrue();
        assertThat(a.bars().close(2)).isEqualTo(103);
        assertThat(a.droppedPartial()).isZero();
    }

    @Test
    void aCoverageToTheEndOfThePeriodCompletesTheLastBar() {
        Aggregation a = TradeAggregator.aggregate(sample(), Timeframe.M5, T0, T0 + 1_200_000, PartialBars.DROP);
        assertThat(a.bars().size()).isEqualTo(3);
        assertThat(a.droppedPartial()).isZero();
        assertThatThrownBy(() -> TradeAggregator.aggregate(sample(), Timeframe.M5, T0 + 1, T0 + 1_200_000, PartialBars.DROP))
                .hasMessageContaining("coverage");
    }

    @Test
    void realBitstampFiveMinuteBarsResampleToTheSameHoursAsDirectAggregation() throws IOException {
        TradeSeries t = TradeCsvReader.read(TestFiles.bitstamp(dir), ReadPolicy.STRICT).value();
        BarSeries m5 = TradeAggregator.aggregate(t, Timeframe.M5, PartialBars.DROP).bars();
        Aggregation direct = TradeAggregator.aggregate(t, Timeframe.H1, PartialBars.DROP);
        Aggregation viaBars = BarResampler.resample(m5, Timeframe.H1, PartialBars.DROP);
        BarSeries h1 = direct.bars();
        BarSeries r = viaBars.bars();
        // 2013-11-25T00:00Z .. 2013-12-01T16:02:05Z: hours 00:00 on the 25th to 15:00 on the 1st are complete
        // (6 days x 24 + 16 = 160 bars); 16:00 on the 1st is partial and dropped both ways
        assertThat(h1.size()).isEqualTo(160);
        assertThat(r.size()).isEqualTo(h1.size());
        assertThat(TimeFormat.iso(h1.openTimeMs(h1.size() - 1))).isEqualTo("2013-12-01T15:00:00Z");
        for (int i = 0; i < h1.size(); i++) {
            assertThat(r.openTimeMs(i)).isEqualTo(h1.openTimeMs(i));
            assertThat(r.open(i)).isEqualTo(h1.open(i));
            assertThat(r.high(i)).isEqualTo(h1.high(i));
            assertThat(r.low(i)).isEqualTo(h1.low(i));
            assertThat(r.close(i)).isEqualTo(h1.close(i));
            assertThat(r.volume(i)).isCloseTo(h1.volume(i), within(1e-9 * Math.max(1, h1.volume(i))));
        }
    }
}
