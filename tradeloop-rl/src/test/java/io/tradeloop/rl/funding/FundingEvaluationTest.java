package io.tradeloop.rl.funding;

import io.tradeloop.core.funding.CarryRule;
import io.tradeloop.core.random.Rng;
import io.tradeloop.rl.env.funding.EnvConfig;
import io.tradeloop.rl.env.funding.FundingArbitrageEnv;
import io.tradeloop.rl.env.funding.MarketCalibration;
import io.tradeloop.rl.env.funding.MarketSeries;
import io.tradeloop.rl.env.funding.MarketTape;
import io.tradeloop.rl.env.funding.RealMarketLoader;
import io.tradeloop.rl.env.funding.TestMarkets;
import io.tradeloop.rl.env.funding.TradingConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The evaluation walk on the hand-made market of {@code FundingArbitrageEnvTest} ("lo" 100 funds 1 bp, "hi"
 * 100.1 funds 3 bp per 8 h, bid-ask 0.02%, fee 0.1% per side): train on hours [0, 150), walk hours 150 … 299.
 */
class FundingEvaluationTest {
    static final TradingConfig CFG = new TradingConfig(1, 0.5, 2, -0.02, 0.15);

    static FundingData data() {
        EnvConfig env = TestMarkets.handConfig();
        MarketSeries series = TestMarkets.flatTwoLegs(300);
        var split = new FundingData.Split(TestMarkets.T0, TestMarkets.T0 + 150 * TestMarkets.HOUR, TestMarkets.T0 + 150 * TestMarkets.HOUR,
                TestMarkets.T0 + 300 * TestMarkets.HOUR);
        MarketSeries fitOn = TestMarkets.random(new Rng(3), 24 * 30);
        return new FundingData(env, split, new RealMarketLoader.Loaded(series, List.of(), Map.of(), "hand"), MarketTape.build(series, env),
                MarketCalibration.fit(fitOn, TestMarkets.T0 + 72 * TestMarkets.HOUR, TestMarkets.T0 + 24 * 30 * TestMarkets.HOUR));
    }

    @Test
    void alwaysHoldKeepsTheCapital() {
        FundingData d = data();
        var run = FundingEvaluation.run(new FundingPolicy.AlwaysHold(), d, d.testReplay(), CFG, 72);
        assertThat(run.timeMs()).hasSize(150); // hours 150 … 299
        assertThat(run.equityUsd()).containsOnly(10_000.0);
        assertThat(run.trades()).isEmpty();
        assertThat(run.holds()).isEqualTo(149);
        assertThat(run.stoppedByDrawdown()).isFalse();
    }

    @Test
    void greedyCarryEntersOnceAndPaysMoreInCostsThanItEarns() {
        FundingData d = data();
        var run = FundingEvaluation.run(new FundingPolicy.GreedyCarry(CarryRule.defaults()), d, d.testReplay(), CFG, 72);
        // the rule's edge: 2 bp − 2 × (0.1% + 0.1%) / 21 = 0.0002 − 0.00019048 > 0 → enter LARGE: 0.3 × 10,000 × 0.5 / 2 = 750 per leg;
        // the same pair is not entered twice and the differential never turns, so it is held to the end (chained 72 h episodes)
        assertThat(run.entries()).isEqualTo(1);
        assertThat(run.trades()).hasSize(1);
        var trade = run.trades().getFirst();
        assertThat(trade.reason()).isEqualTo(FundingArbitrageEnv.ExitReason.END);
        assertThat(trade.sizeUsd()).isCloseTo(750, within(1e-9));
        assertThat(trade.holdHours()).isEqualTo(149);
        // funding: settlements at hours 152, 160, …, 296 = 19 × 0.15003 = 2.85057;
        // costs: fees 0.75 per leg in and out = 3.0; the spread, bought at 100.01 / sold at 99.99 (long) and sold at 100.08999 /
        // bought back at 100.11001 (short): 750/100.01 × 0.02 + 750/100.08999 × 0.02002 = 0.15 + 0.15 = 0.30
        // net = 2.85057 − 3.0 − 0.30 = −0.44943
        assertThat(trade.netPnlUsd()).isCloseTo(-0.44943, within(1e-4));
        assertThat(run.equityUsd()[run.equityUsd().length - 1]).isCloseTo(10_000 - 0.44943, within(1e-4));
    }

    @Test
    void randomValidTradesAndStaysConsistent() {
        FundingData d = data();
        var run = FundingEvaluation.run(new FundingPolicy.RandomValid(new Rng(4)), d, d.testReplay(), CFG, 72);
        assertThat(run.entries()).isPositive();
        double closed = run.trades().stream().mapToDouble(FundingEvaluation.Trade::netPnlUsd).sum();
        // everything is closed at the end: equity = initial + Σ net P&L of the trades
        assertThat(run.equityUsd()[run.equityUsd().length - 1]).isCloseTo(10_000 + closed, within(1e-6));
    }
}
