package io.tradeloop.data.bars;

import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.core.time.TimeFormat;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BarResamplerTest {
    static final long T0 = TimeFormat.parse("2024-01-01T00:00:00Z");
    static final long M = 60_000;

    /** 5m bars from 00:05 to 00:50 with 00:35 missing. */
    static BarSeries fiveMinute() {
        return BarSeries.builder("x", Timeframe.M5)
                .add(T0 + 5 * M, 10, 12, 9, 11, 1)
                .add(T0 + 10 * M, 11, 13, 10, 12, 2)
                .add(T0 + 15 * M, 12, 15, 11, 14, 3)
                .add(T0 + 20 * M, 14, 14, 8, 9, 4)
                .add(T0 + 25 * M, 9, 10, 8.5, 10, 5)
                .add(T0 + 30 * M, 10, 11, 9.5, 10.5, 6)
                .add(T0 + 40 * M, 10.5, 16, 10, 15, 7)
                .add(T0 + 45 * M, 15, 15, 14, 14.5, 8)
                .add(T0 + 50 * M, 14.5, 15, 13, 13, 9)
                .build();
    }

    @Test
    void resamplesToFifteenMinutesDroppingPartialEnds() {
        Aggregation a = BarResampler.resample(fiveMinute(), Timeframe.M15, PartialBars.DROP);
        BarSeries b = a.bars();
        // coverage [00:05, 00:55): [00:00,00:15) starts before it, [00:45,01:00) ends after it -> both dropped
        assertThat(a.droppedPartial()).isEqualTo(2);
        assertThat(b.size()).isEqualTo(2);
        // [00:15, 00:30): O 12 (first open), H max(15,14,10) = 15, L min(11,8,8.5) = 8, C 10 (last close), V 3+4+5 = 12
        assertThat(b.openTimeMs(0)).isEqualTo(T0 + 15 * M);
        assertThat(new double[] {b.open(0), b.high(0), b.low(0), b.close(0), b.volume(0)}).containsExactly(12, 15, 8, 10, 12);
        // [00:30, 00:45) lacks 00:35: O 10, H max(11,16) = 16, L min(9.5,10) = 9.5, C 15, V 6+7 = 13; incomplete, kept
        assertThat(new double[] {b.open(1), b.high(1), b.low(1), b.close(1), b.volume(1)}).containsExactly(10, 16, 9.5, 15, 13);
        assertThat(a.incompleteBars()).isEqualTo(1);
        assertThat(a.emptyPeriods()).isZero();
    }

    @Test
    void keepsPartialEndsWhenAsked() {
        Aggregation a = BarResampler.resample(fiveMinute(), Timeframe.M15, PartialBars.KEEP);
        BarSeries b = a.bars();
        assertThat(b.size()).isEqualTo(4);
        assertThat(a.firstPartial()).isTrue();
        assertThat(a.lastPartial()).isTrue();
        // [00:00, 00:15) from 00:05 and 00:10: O 10, H 13, L 9, C 12, V 3
        assertThat(new double[] {b.open(0), b.high(0), b.low(0), b.close(0), b.volume(0)}).containsExactly(10, 13, 9, 12, 3);
        // [00:45, 01:00) from 00:45 and 00:50: O 15, H 15, L 13, C 13, V 17
        assertThat(new double[] {b.open(3), b.high(3), b.low(3), b.close(3), b.volume(3)}).containsExactly(15, 15, 13, 13, 17);
    }

    @Test
    void chainsFiveMinutesToFourHoursOnUtcBoundaries() {
        BarSeries.Builder b = BarSeries.builder("y", Timeframe.M5);
        long start = T0 + 2 * 3_600_000; // 02:00: inside the 00:00-04:00 four-hour bar
        for (int i = 0; i < 12 * 30; i++) { // 30 hours of 5m bars: 02:00 .. 08:00 next day
            b.add(start + i * 5 * M, 100 + i, 101 + i, 99 + i, 100.5 + i, 1);
        }
        BarSeries m5 = b.build();
        BarSeries m15 = BarResampler.resample(m5, Timeframe.M15, PartialBars.DROP).bars();
        BarSeries h1 = BarResampler.resample(m15, Timeframe.H1, PartialBars.DROP).bars();
        Aggregation h4 = BarResampler.resample(h1, Timeframe.H4, PartialBars.DROP);
        // 02:00..08:00(+1d): the 00:00 bar lacks 00:00-02:00 -> dropped; 04:00 .. 04:00(+1d) complete:
        // 28 h / 4 h = 7 bars, the last ending exactly when the data does
        assertThat(h4.droppedPartial()).isEqualTo(1);
        assertThat(h4.bars().size()).isEqualTo(7);
        assertThat(TimeFormat.iso(h4.bars().openTimeMs(0))).isEqualTo("2024-01-01T04:00:00Z");
        // first 4h bar = 5m bars 24..71: open 100+24, close 100.5+71, volume 48
        assertThat(h4.bars().open(0)).isEqualTo(124);
        assertThat(h4.bars().close(0)).isEqualTo(171.5);
        assertThat(h4.bars().volume(0)).isEqualTo(48);
        assertThat(BarResampler.resample(m5, Timeframe.H4, PartialBars.DROP).bars().closes()).containsExactly(h4.bars().closes());
    }

    @Test
    void refusesTargetsThatAreNotWholeMultiplesAndMisalignedSources() {
        assertThatThrownBy(() -> BarResampler.resample(fiveMinute(), Timeframe.parse("7m"), PartialBars.DROP))
                .hasMessageContaining("whole multiple");
        BarSeries shifted = BarSeries.builder("z", Timeframe.M5).add(T0 + 12 * M, 1, 1, 1, 1, 1).build();
        assertThatThrownBy(() -> BarResampler.resample(shifted, Timeframe.M15, PartialBars.DROP))
                .hasMessageContaining("straddles");
    }
}
