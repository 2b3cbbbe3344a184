package io.tradeloop.server.market;

import io.tradeloop.core.config.ConfigException;
import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bar replay: where it starts, what tick k holds, and that nothing after tick k is visible at tick k. */
class BarReplayTest {
    static final long H4 = 4 * 3_600_000L;
    static final long T0 = 1_688_169_600_000L - 10 * H4; // ten bars before 2023-07-01T00:00Z
    static final Instrument BTC = Instrument.linearPerp("coinbase", "BTC").withFees(0.0005, 0.001);

    /** 40 bars from T0; bar i opens at T0 + i·4h with close 100 + i (so a value names its bar). */
    static BarSeries bars() {
        var b = BarSeries.builder("BTC", Timeframe.H4);
        for (int i = 0; i < 40; i++) {
            b.add(T0 + i * H4, 99.5 + i, 101 + i, 99 + i, 100 + i, 10 + i);
        }
        return b.build();
    }

    @Test
    void theFirstTickIsTheFirstBarClosingAtOrAfterTheStart() {
        // bar 9 opens at T0 + 36h and closes at T0 + 40h = 2023-07-01: the first decision time
        var r = new BarReplay("BTC", BTC, bars(), T0 + 10 * H4, "test");
        assertThat(r.timeMs(0)).isEqualTo(T0 + 10 * H4);
        assertThat(r.close(0)).isEqualTo(109);
        assertThat(r.size()).isEqualTo(31);
        assertThat(r.history().size()).isEqualTo(9);
        assertThat(r.history().lastCloseTimeMs()).isEqualTo(T0 + 9 * H4); // warm-up ends one bar before the first tick
        // a start between closes rounds up to the next close
        var mid = new BarReplay("BTC", BTC, bars(), T0 + 10 * H4 + 1, "test");
        assertThat(mid.timeMs(0)).isEqualTo(T0 + 11 * H4);
        assertThat(mid.close(0)).isEqualTo(110);
    }

    @Test
    void tickKHoldsItsBarsOhlcv() {
        var r = new BarReplay("BTC", BTC, bars(), T0 + 10 * H4, "test");
        assertThat(r.open(3)).isEqualTo(99.5 + 12);
        assertThat(r.high(3)).isEqualTo(101 + 12);
        assertThat(r.low(3)).isEqualTo(99 + 12);
        assertThat(r.close(3)).isEqualTo(112);
        assertThat(r.volume(3)).isEqualTo(22);
        assertThat(r.timeMs(3)).isEqualTo(T0 + 13 * H4);
        assertThatThrownBy(() -> r.close(31)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("outside [0, 30]");
        assertThatThrownBy(() -> r.close(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Property(tries = 60)
    void nothingKnownAtTickKClosesAfterIt(@ForAll @IntRange(min = 0, max = 30) int k) {
        var r = new BarReplay("BTC", BTC, bars(), T0 + 10 * H4, "test");
        BarSeries known = r.knownAt(k);
        assertThat(known.size()).isEqualTo(9 + k + 1);
        assertThat(known.lastCloseTimeMs()).isEqualTo(r.timeMs(k));
        for (int i = 0; i < known.size(); i++) {
            assertThat(known.closeTimeMs(i)).isLessThanOrEqualTo(r.timeMs(k));
        }
        assertThat(known.close(known.size() - 1)).isEqualTo(r.close(k));
        // the daily bars a decision at tick k may use are those already closed (the feature stream's rule)
        int lastDay = r.daily().lastClosedAt(r.timeMs(k));
        if (lastDay >= 0) assertThat(r.daily().closeTimeMs(lastDay)).isLessThanOrEqualTo(r.timeMs(k));
        if (lastDay + 1 < r.daily().size()) assertThat(r.daily().closeTimeMs(lastDay + 1)).isGreaterThan(r.timeMs(k));
    }

    @Test
    void aStartAfterTheLastBarIsRefusedWithTheFileAndTimes() {
        assertThatThrownBy(() -> new BarReplay("BTC", BTC, bars(), T0 + 41 * H4, "btc.csv")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("btc.csv").hasMessageContaining("no bar");
    }
}
