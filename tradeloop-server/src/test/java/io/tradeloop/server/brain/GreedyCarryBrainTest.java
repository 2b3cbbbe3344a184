package io.tradeloop.server.brain;

import io.tradeloop.server.agent.AccountView;
import io.tradeloop.server.agent.AgentConfig;
import io.tradeloop.server.agent.BrainDecision;
import io.tradeloop.server.agent.BrainInput;
import io.tradeloop.server.agent.FundingAction;
import io.tradeloop.server.agent.SizeClass;
import io.tradeloop.server.agent.SlotView;
import io.tradeloop.server.market.CarryOpportunity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GreedyCarryBrainTest {
    final GreedyCarryBrain brain = new GreedyCarryBrain();
    // entry 15 %, exit 3 %, util 0.6, 3 positions
    final AgentConfig cfg = AgentConfig.defaults("t");

    static CarryOpportunity opp(String longV, String shortV, double apr, double apr3d) {
        return new CarryOpportunity("BTC", longV, shortV, 0, apr / 109_500, apr / 109_500 * 100, apr, apr, apr3d, 0.01, 5e6, apr, "BTCUSDT", 20_000, 20_002);
    }

    static AccountView account(double available, SlotView... slots) {
        return new AccountView(10_000, 10_000, available, 0, 0, List.of(slots));
    }

    @Test
    void entersLargeWhenTheCarryIsStrongAndPersistent() {
        // apr 40 ≥ 2 × 15 and apr3d 20 ≥ 15 → LARGE; size = 10000 × 0.6 / 3 × 0.30 = 600 USD
        // votes: carry-apr 40 / 30 → 1; carry-persistence 20 / 15 → 1; confidence = mean = 1
        BrainDecision d = brain.decide(new BrainInput(0, List.of(opp("binance", "okx", 40, 20)), account(10_000), cfg));
        assertThat(d.action()).isEqualTo(new FundingAction.Enter(0, SizeClass.LARGE));
        assertThat(d.action().name()).isEqualTo("ENTER_OPP_0_LARGE");
        assertThat(d.action().index()).isEqualTo(21);
        assertThat(d.confidence()).isEqualTo(1.0);
        assertThat(d.gates()).filteredOn(g -> g.name().equals("min-size")).singleElement()
                .satisfies(g -> assertThat(g.value()).isCloseTo(600, within(1e-9)));
    }

    @Test
    void entersSmallWhenOnlyTheCurrentRatePassesAndConfidenceAveragesTheVotes() {
        // apr 18 ≥ 15 but apr3d 3 < 7.5 → SMALL; carry-apr = 18 / 30 = 0.6 (ENTER);
        // carry-persistence votes HOLD with 1 − 3 / 7.5 = 0.6, supporting ENTER with 0.4 → confidence (0.6 + 0.4) / 2 = 0.5
        BrainDecision d = brain.decide(new BrainInput(0, List.of(opp("binance", "okx", 18, 3)), account(10_000), cfg));
        assertThat(d.action()).isEqualTo(new FundingAction.Enter(0, SizeClass.SMALL));
        assertThat(d.confidence()).isCloseTo(0.5, within(1e-12));
        // medium: apr3d 9 ≥ 7.5, apr 18 < 30
        assertThat(brain.decide(new BrainInput(0, List.of(opp("binance", "okx", 18, 9)), account(10_000), cfg)).action())
                .isEqualTo(new FundingAction.Enter(0, SizeClass.MEDIUM));
    }

    @Test
    void holdsBelowTheThresholdAndSkipsHeldPairs() {
        // apr 12 < 15: hold; carry-apr 12/30 = 0.4 (ENTER), persistence 12 ≥ 7.5 votes ENTER 12/15 = 0.8 → HOLD support (0.6 + 0.2)/2 = 0.4
        BrainDecision d = brain.decide(new BrainInput(0, List.of(opp("binance", "okx", 12, 12)), account(10_000), cfg));
        assertThat(d.action()).isInstanceOf(FundingAction.Hold.class);
        assertThat(d.confidence()).isCloseTo(0.4, within(1e-12));
        assertThat(d.reasoning()).contains("below the entry threshold 15.00%");
        // the best pair is held: the brain enters the second one (index 1)
        var held = new SlotView(0, "BTC:binance>okx", "BTC long binance / short okx", 600, 8, 1, 0.1, 40, 0.4, 0, 0, null);
        BrainDecision d2 = brain.decide(new BrainInput(0, List.of(opp("binance", "okx", 40, 20), opp("bybit", "okx", 35, 20)),
                account(9_000, held), cfg));
        assertThat(d2.action()).isEqualTo(new FundingAction.Enter(1, SizeClass.LARGE));
    }

    @Test
    void exitsTheMostDecayedPairFirst() {
        var a = new SlotView(0, "BTC:binance>okx", "A", 600, 8, 1, 0.1, 2.0, 0.4, 0, 0, null);
        var b = new SlotView(1, "BTC:bybit>okx", "B", 600, 8, 1, 0.1, -6.0, 0.4, 0, 0, null);
        BrainDecision d = brain.decide(new BrainInput(0, List.of(opp("binance", "bybit", 50, 50)), account(8_000, a, b), cfg));
        assertThat(d.action()).isEqualTo(new FundingAction.Exit(1));
        // 0.5 + (3 − (−6)) / (2 × (15 − 3)) = 0.5 + 9 / 24 = 0.875
        assertThat(d.confidence()).isCloseTo(0.875, within(1e-12));
    }

    @Test
    void refusesSizesBelowTheMinimum() {
        // available 200: LARGE size = 200 × 0.6 / 3 × 0.3 = 12 USD < 20
        BrainDecision d = brain.decide(new BrainInput(0, List.of(opp("binance", "okx", 40, 20)), account(200), cfg));
        assertThat(d.action()).isInstanceOf(FundingAction.Hold.class);
        assertThat(d.reasoning()).contains("12.00 USD");
    }

    @Test
    void actionTableMatchesTheContract() {
        assertThat(FundingAction.NAMES).hasSize(36);
        assertThat(FundingAction.NAMES.get(1)).isEqualTo("ENTER_OPP_0_SMALL");
        assertThat(FundingAction.NAMES.get(20)).isEqualTo("ENTER_OPP_9_MEDIUM");
        assertThat(FundingAction.NAMES.get(30)).isEqualTo("ENTER_OPP_9_LARGE");
        assertThat(FundingAction.NAMES.get(35)).isEqualTo("EXIT_POS_4");
        for (int i = 0; i < 36; i++) {
            assertThat(FundingAction.of(i).index()).isEqualTo(i);
        }
    }
}
