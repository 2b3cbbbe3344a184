package io.tradeloop.data.mtf;

import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.data.bars.BarResampler;
import io.tradeloop.data.bars.PartialBars;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

class MultiTimeframeViewTest {
    static final long T0 = TimeFormat.parse("2024-01-01T00:00:00Z");

    static BarSeries fiveMinuteDay(int days) {
        BarSeries.Builder b = BarSeries.builder("m5", Timeframe.M5);
        for (int i = 0; i < 288 * days; i++) {
            b.add(T0 + i * 300_000L, 100 + i, 101 + i, 99 + i, 100.5 + i, 1);
        }
        return b.build();
    }

    @Test
    void aFourHourBarBecomesVisibleToFiveMinuteLogicOnlyWhenItCloses() {
        BarSeries m5 = fiveMinuteDay(1);
        BarSeries h4 = BarResampler.resample(m5, Timeframe.H4, PartialBars.DROP).bars();
        MultiTimeframeView v = MultiTimeframeView.of(m5, h4);
        // 5m bar 46 = [03:50, 03:55): at its close no 4h bar has closed yet
        v.moveTo(46);
        assertThat(TimeFormat.iso(v.timeMs())).isEqualTo("2024-01-01T03:55:00Z");
        assertThat(v.index(1)).isEqualTo(-1);
        assertThat(v.close(1)).isNaN();
        // 5m bar 47 = [03:55, 04:00) closes at 04:00, together with the 00:00 4h bar, whose close is 5m bar 47's close 147.5
        v.moveTo(47);
        assertThat(v.index(1)).isZero();
        assertThat(v.close(1)).isEqualTo(147.5);
        assertThat(v.closeTimeMs(1)).isEqualTo(T0 + 4 * 3_600_000L);
        // 5m bar 95 = [07:55, 08:00): the 04:00 bar (5m bars 48..95) closes, close 100.5 + 95
        v.moveTo(94);
        assertThat(v.index(1)).isZero();
        v.moveTo(95);
        assertThat(v.index(1)).isEqualTo(1);
        assertThat(v.close(1)).isEqualTo(195.5);
        assertThat(v.high(1)).isEqualTo(101 + 95);
        assertThat(v.low(1)).isEqualTo(99 + 48);
        assertThat(v.open(1)).isEqualTo(100 + 48);
        assertThat(v.volume(1)).isEqualTo(48);
    }

    @Test
    void steppingAllocatesNothing() {
        BarSeries m5 = fiveMinuteDay(30);
        BarSeries m15 = BarResampler.resample(m5, Timeframe.M15, PartialBars.DROP).bars();
        BarSeries h1 = BarResampler.resample(m5, Timeframe.H1, PartialBars.DROP).bars();
        BarSeries h4 = BarResampler.resample(m5, Timeframe.H4, PartialBars.DROP).bars();
        MultiTimeframeView v = MultiTimeframeView.of(m5, m15, h1, h4);
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        double sink = 0;
        for (int warm = 0; warm < 3; warm++) {
            v.reset();
            for (int i = 0; i < m5.size(); i++) {
                v.moveTo(i);
                sink += v.index(3);
            }
        }
        long before = mx.getThreadAllocatedBytes(tid);
        for (int round = 0; round < 10; round++) {
            v.reset();
            for (int i = 0; i < m5.size(); i++) { // 8,640 steps x 4 levels per round
                v.moveTo(i);
                if (v.visible(3)) {
                    sink += v.close(1) + v.close(2) + v.close(3);
                }
            }
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertThat(sink).isNotNaN();
        // 86,400 steps: anything per step would be megabytes; allow the measuring call's own few bytes
        assertThat(allocated).isLessThan(4_096);
    }
}
