package io.tradeloop.engine.walkforward;

import io.tradeloop.core.config.ConfigException;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WalkForwardTest {
    static final long DAY = 86_400_000L;

    @Test
    void rollingFoldsOverAHundredDays() {
        // train 30 d, embargo 2 d, test 10 d, step 10 d over [0, 100 d):
        // fold k: train [10k, 10k + 30), test [10k + 32, 10k + 42); the last fits while 10k + 42 ≤ 100 → k = 0..5.
        var wf = WalkForward.rolling(Duration.ofDays(30), Duration.ofDays(10), Duration.ofDays(2));
        var splits = wf.splits(new TimeRange(0, 100 * DAY));
        assertThat(splits).hasSize(6);
        assertThat(splits.get(0).train()).isEqualTo(new TimeRange(0, 30 * DAY));
        assertThat(splits.get(0).test()).isEqualTo(new TimeRange(32 * DAY, 42 * DAY));
        assertThat(splits.get(5).train()).isEqualTo(new TimeRange(50 * DAY, 80 * DAY));
        assertThat(splits.get(5).test()).isEqualTo(new TimeRange(82 * DAY, 92 * DAY));
        assertThat(splits.get(5).gapMs()).isEqualTo(2 * DAY);
    }

    @Test
    void anchoredFoldsGrowFromTheStart() {
        var wf = WalkForward.anchored(Duration.ofDays(30), Duration.ofDays(10), Duration.ofDays(2));
        var splits = wf.splits(new TimeRange(0, 100 * DAY));
        assertThat(splits).hasSize(6);
        assertThat(splits.get(3).train()).isEqualTo(new TimeRange(0, 60 * DAY));
        assertThat(splits.get(3).test()).isEqualTo(new TimeRange(62 * DAY, 72 * DAY));
    }

    @Test
    void barsWithinLeaveOutBarsStraddlingTheEdges() {
        var b = BarSeries.builder("d", Timeframe.D1);
        for (int i = 0; i < 10; i++) b.add(i * DAY, 1, 1, 1, 1, 1);
        var bars = b.build();
        // [1.5 d, 6 d): bar 1 (opens 1 d) straddles the start, bars 2..5 lie inside (bar 5 closes at 6 d).
        var idx = new TimeRange(DAY + DAY / 2, 6 * DAY).barsWithin(bars);
        assertThat(idx).isEqualTo(new TimeRange.IndexRange(2, 6));
    }

    @Test
    void saysWhyNoFoldFits() {
        var wf = WalkForward.rolling(Duration.ofDays(80), Duration.ofDays(30), Duration.ofDays(0));
        assertThatThrownBy(() -> wf.splits(new TimeRange(0, 100 * DAY))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("no fold fits");
    }
}
