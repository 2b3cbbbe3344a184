package io.tradeloop.bench.backtest;

import io.tradeloop.core.order.Side;
import io.tradeloop.engine.metrics.EquityCurve;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark compares like with like: our SMA crossover trades at exactly the bars ta4j's does. */
class SmaParityTest {
    @Test
    void sameEntriesAndExitsAsTa4jOnTheSameBars() {
        var bars = RandomWalkBars.generate(30_000, 11);
        var ours = SmaBacktests.runOurs(SmaBacktests.feed(bars), 10, 30, new EquityCurve(30_002));
        var theirs = SmaBacktests.runTa4j(SmaBacktests.toTa4j(bars), 10, 30);
        int[] a = SmaBacktestBenchmark.entryExitBars(ours, bars);
        int[] b = SmaBacktestBenchmark.entryExitBars(theirs);
        assertThat(a.length).isGreaterThan(200);
        assertThat(a).isEqualTo(b);
        // Long/flat: buys and sells alternate, starting with a buy.
        var sides = SmaBacktestBenchmark.sides(ours);
        for (int i = 0; i < sides.size(); i++) {
            assertThat(sides.get(i)).isEqualTo(i % 2 == 0 ? Side.BUY : Side.SELL);
        }
    }

    @Test
    void theRandomWalkIsDeterministicForASeed() {
        var a = RandomWalkBars.generate(1000, 5);
        var b = RandomWalkBars.generate(1000, 5);
        var c = RandomWalkBars.generate(1000, 6);
        assertThat(a.closes()).isEqualTo(b.closes());
        assertThat(a.closes()).isNotEqualTo(c.closes());
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.low(i)).isLessThanOrEqualTo(Math.min(a.open(i), a.close(i)));
            assertThat(a.high(i)).isGreaterThanOrEqualTo(Math.max(a.open(i), a.close(i)));
        }
    }
}
