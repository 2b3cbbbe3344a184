package io.tradeloop.risk.exit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ExitEngineTest {

    @Test
    void stopLossFillsAtTheLevelOrTheGappedOpen() {
        var engine = new ExitEngine(List.of(new StopLoss()));
        // long at 100 with a 2% stop → level 98
        var t = new TradeWatch(1, 100, 0, 1, 0.02, Double.NaN);
        assertThat(engine.onBar(t, 100, 101, 98.5, 99)).isInstanceOf(ExitVerdict.Hold.class);
        var v = (ExitVerdict.Exit) engine.onBar(t, 99, 99.5, 97.5, 98.2);
        assertThat(v.rule()).isEqualTo("stop-loss");
        assertThat(v.price()).isCloseTo(98, within(1e-9));
        // a bar opening at 96 below the stop fills at 96
        var gap = (ExitVerdict.Exit) engine.onBar(new TradeWatch(1, 100, 0, 1, 0.02, Double.NaN), 96, 97, 95, 96.5);
        assertThat(gap.price()).isEqualTo(96);
        // short at 100 with a 3% stop → 103
        var s = (ExitVerdict.Exit) engine.onBar(new TradeWatch(-1, 100, 0, 1, 0.03, Double.NaN), 101, 103.5, 100, 103);
        assertThat(s.price()).isCloseTo(103, within(1e-9));
    }

    @Test
    void tieredTrailingStopTightensAsProfitGrows() {
        var rule = TieredTrailingStop.standard(); // 1% → 1.5%, 3% → 1%, 6% → 0.5%
        var t = new TradeWatch(1, 100, 0, 1, Double.NaN, Double.NaN);
        assertThat(rule.stopLevel(t)).isNaN();           // no profit yet
        t.observe(102, 100);                              // peak +2%: tier 1, stop 102 × 0.985 = 100.47
        assertThat(rule.stopLevel(t)).isCloseTo(100.47, within(1e-9));
        t.observe(104, 101);                              // peak +4%: tier 2, stop 104 × 0.99 = 102.96
        assertThat(rule.stopLevel(t)).isCloseTo(102.96, within(1e-9));
        t.observe(107, 104);                              // peak +7%: tier 3, stop 107 × 0.995 = 106.465
        assertThat(rule.stopLevel(t)).isCloseTo(106.465, within(1e-9));
        // short: entry 100, best 95 (+5%) → tier 2, stop 95 × 1.01 = 95.95
        var s = new TradeWatch(-1, 100, 0, 1, Double.NaN, Double.NaN);
        s.observe(99, 95);
        assertThat(rule.stopLevel(s)).isCloseTo(95.95, within(1e-9));
        assertThatThrownBy(() -> new TieredTrailingStop(List.of(new TieredTrailingStop.Tier(0.01, 0.01), new TieredTrailingStop.Tier(0.02, 0.02))))
                .hasMessageContaining("tighten");
    }

    @Test
    void profitLockKeepsAShareOfThePeak() {
        var rule = new ProfitLock(0.02, 0.5);
        var t = new TradeWatch(1, 100, 0, 1, Double.NaN, Double.NaN);
        t.observe(101.5, 100);                            // +1.5% < 2% trigger
        assertThat(rule.stopLevel(t)).isNaN();
        t.observe(104, 101);                              // +4% → lock +2% → stop 102
        assertThat(rule.stopLevel(t)).isCloseTo(102, within(1e-9));
    }

    @Test
    void liquidationGuardExitsBeforeTheVenueDoes() {
        // long at 100, leverage 10: liq = 100 × (1 − 0.09) = 91; with a 5% buffer the exit is at 91 / 0.95 = 95.789474
        var t = new TradeWatch(1, 100, 0, 10, Double.NaN, Double.NaN);
        assertThat(new LiquidationGuard(0.05).stopLevel(t)).isCloseTo(95.789474, within(1e-6));
        // short at 100, leverage 5: liq = 118; exit at 118 / 1.05 = 112.380952
        assertThat(new LiquidationGuard(0.05).stopLevel(new TradeWatch(-1, 100, 0, 5, Double.NaN, Double.NaN)))
                .isCloseTo(112.380952, within(1e-6));
        assertThat(new LiquidationGuard(0.05).stopLevel(new TradeWatch(1, 100, 0, 1, Double.NaN, Double.NaN))).isNaN();
    }

    @Test
    void engineKeepsTheTightestStopAndChecksBeforeMovingThePeak() {
        var engine = ExitEngine.standard();
        // long at 100, leverage 10, stop 6%: stop-loss 94, liquidation guard 95.79 → guard is tighter
        var t = new TradeWatch(1, 100, 0, 10, 0.06, 0.10);
        var hold = (ExitVerdict.Hold) engine.onBar(t, 100, 104, 99, 103.5); // peak moves to 104 after the check
        assertThat(hold.rule()).isEqualTo("liquidation-guard");
        assertThat(hold.stopLevel()).isCloseTo(95.789474, within(1e-6));
        // now peak +4%: trailing 104 × 0.99 = 102.96, profit lock 102 → trailing is tightest; the bar dips to 102.5
        var exit = (ExitVerdict.Exit) engine.onBar(t, 103.8, 105, 102.5, 103);
        assertThat(exit.rule()).isEqualTo("tiered-trailing-stop");
        assertThat(exit.price()).isCloseTo(102.96, within(1e-9));
        // take-profit at +10% = 110 when no stop is hit
        var t2 = new TradeWatch(1, 100, 0, 1, 0.05, 0.10);
        var tp = (ExitVerdict.Exit) new ExitEngine(List.of(new StopLoss())).onBar(t2, 101, 111, 100.5, 110.5);
        assertThat(tp.rule()).isEqualTo("take-profit");
        assertThat(tp.price()).isCloseTo(110, within(1e-9));
        // a bar reaching both stop (95) and take-profit (110) counts as stopped
        var both = (ExitVerdict.Exit) new ExitEngine(List.of(new StopLoss())).onBar(new TradeWatch(1, 100, 0, 1, 0.05, 0.10), 100, 111, 94, 100);
        assertThat(both.rule()).isEqualTo("stop-loss");
    }
}
