package io.tradeloop.core.series;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BarSeriesTest {
    private static BarSeries hourly(int n) {
        var b = BarSeries.builder("t", Timeframe.H1);
        for (int i = 0; i < n; i++) {
            b.add(i * 3_600_000L, 1, 2, 0.5, 1 + i, 10);
        }
        return b.build();
    }

    @Test
    void lastClosedAtSeesABarOnlyFromItsCloseTime() {
        var s = hourly(5);
        assertThat(s.lastClosedAt(0)).isEqualTo(-1);
        assertThat(s.lastClosedAt(3_599_999)).isEqualTo(-1);
        assertThat(s.lastClosedAt(3_600_000)).isEqualTo(0);
        assertThat(s.lastClosedAt(3 * 3_600_000L + 5)).isEqualTo(2);
        assertThat(s.lastClosedAt(100 * 3_600_000L)).isEqualTo(4);
    }

    @Test
    void sliceAndBuilderGrowth() {
        var s = hourly(2000);
        assertThat(s.size()).isEqualTo(2000);
        var part = s.slice(10 * 3_600_000L, 20 * 3_600_000L);
        assertThat(part.size()).isEqualTo(10);
        assertThat(part.close(0)).isEqualTo(11);
        assertThat(part.closeTimeMs(9)).isEqualTo(20 * 3_600_000L);
    }

    @Test
    void builderRefusesOutOfOrderBars() {
        var b = BarSeries.builder("x", Timeframe.M5).add(600_000, 1, 1, 1, 1, 1);
        assertThatThrownBy(() -> b.add(300_000, 1, 1, 1, 1, 1)).hasMessageContaining("not after");
    }

    @Test
    void timeframesParseAndPrint() {
        assertThat(Timeframe.parse("5m")).isEqualTo(Timeframe.M5);
        assertThat(Timeframe.parse("4h").millis()).isEqualTo(14_400_000L);
        assertThat(Timeframe.parse("1d").toString()).isEqualTo("1d");
        assertThat(Timeframe.M15.divides(Timeframe.H4)).isTrue();
        assertThat(Timeframe.H4.floor(5 * 3_600_000L + 7)).isEqualTo(4 * 3_600_000L);
        assertThatThrownBy(() -> Timeframe.parse("5x")).hasMessageContaining("unknown unit");
    }

    @Test
    void fundingSeriesNormalisesToEightHours() {
        var f = new FundingSeries("dydx", "BTC", 1, new long[] {0, 3_600_000}, new double[] {0.00001, -0.00002});
        assertThat(f.rate8h(0)).isEqualTo(0.00008);
        assertThat(f.lastAtOrBefore(3_599_999)).isEqualTo(0);
        assertThat(f.lastAtOrBefore(-1)).isEqualTo(-1);
        assertThatThrownBy(() -> new FundingSeries("x", "BTC", 8, new long[] {5, 5}, new double[] {0, 0}))
                .hasMessageContaining("row 1");
    }
}
