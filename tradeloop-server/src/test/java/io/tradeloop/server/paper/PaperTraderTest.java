package io.tradeloop.server.paper;

import io.tradeloop.server.agent.AgentConfig;
import io.tradeloop.server.agent.RiskCheck;
import io.tradeloop.server.brain.GreedyCarryBrain;
import io.tradeloop.server.market.TestMarkets;
import org.junit.jupiter.api.Test;

import static io.tradeloop.server.market.TestMarkets.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PaperTraderTest {
    // capital 10,000, max_leverage 2 (entry leverage min(2, 0.9 / 0.15) = 2), util 0.6, 3 positions, slippage 0
    static final AgentConfig CFG = new AgentConfig("t", "greedy-carry", 10_000, 2, 0.6, 3, -0.02, 0.15, 15, 3, 0, 28_800);

    @Test
    void enterCollectFundingAndExitWorkedByHand() {
        var m = TestMarkets.twoVenues(
                tick(20_000, 20_000, 0.0001, 0.0005),  // APR 43.8 % → ENTER LARGE
                tick(20_100, 20_120, 0.0001, 0.0003),  // APR 21.9 %: hold
                tick(20_200, 20_200, 0.0002, 0.0002)); // APR 0 % < 3 %: exit
        var t = PaperTrader.startRun(7, 1, CFG, m, new GreedyCarryBrain());

        var r0 = t.step(1000, 0);
        // size = 10000 × 0.6 / 3 × 0.30 = 600; qty = 600 / 2 × 2 / 20000 = 0.03 BTC each leg
        // fees 0.03 × 20000 × 0.0005 = 0.30 per leg; margin 600 / 2 = 300 per leg
        assertThat(r0.decision().action()).isEqualTo("ENTER_OPP_0_LARGE");
        assertThat(r0.decision().orders()).hasSize(2).allSatisfy(o -> {
            assertThat(o.qty()).isCloseTo(0.03, within(1e-12));
            assertThat(o.feeUsd()).isCloseTo(0.30, within(1e-9));
            assertThat(o.status()).isEqualTo("FILLED");
        });
        assertThat(r0.decision().orders().get(0).clientOrderId()).isEqualTo("a7-r1-t0-0");
        assertThat(t.portfolio().cashUsd()).isCloseTo(10_000 - 0.6 - 600, within(1e-9)); // 9399.40
        assertThat(r0.decision().equityUsd()).isCloseTo(9_999.4, within(1e-9));
        assertThat(r0.positions()).hasSize(2);
        assertThat(r0.decision().risk()).extracting(RiskCheck::verdict).containsOnly("APPROVED");

        var r1 = t.step(2000, 0);
        // funding: long binance pays 0.03 × 20100 × 0.0001 = 0.0603; short okx receives 0.03 × 20120 × 0.0003 = 0.18108
        assertThat(r1.ledger()).hasSize(2);
        assertThat(t.portfolio().fundingUsd()).isCloseTo(0.18108 - 0.0603, within(1e-12));
        assertThat(r1.decision().action()).isEqualTo("HOLD");
        // equity = 9399.4 + 0.12078 + 600 margin + (3.0 − 3.6) unrealised = 9998.92078
        assertThat(r1.decision().equityUsd()).isCloseTo(9_998.92078, within(1e-9));

        var r2 = t.step(3000, 0);
        // funding nets to zero (equal rates); exits at 20200 each: fees 0.303 per leg, realised +6 and −6
        assertThat(r2.decision().action()).isEqualTo("EXIT_POS_0");
        // carry-decay: 0.5 + (3 − 0) / (2 × 12) = 0.625
        assertThat(r2.decision().confidence()).isCloseTo(0.625, within(1e-12));
        assertThat(r2.decision().closed()).singleElement().satisfies(c -> {
            // net = funding 0.12078 − fees 1.206 = −1.08522; / 600 = −0.18087 %
            assertThat(c.netPnlUsd()).isCloseTo(-1.08522, within(1e-9));
            assertThat(c.netPnlPct()).isCloseTo(-1.08522 / 600 * 100, within(1e-9));
            assertThat(c.hoursHeld()).isEqualTo(16.0);
            assertThat(c.reason()).isEqualTo("brain");
        });
        assertThat(t.portfolio().cashUsd()).isCloseTo(9_998.91478, within(1e-9));
        assertThat(r2.positions()).isEmpty();
        var s = r2.stats();
        assertThat(s.predictions()).isEqualTo(3);
        assertThat(s.trades()).isEqualTo(1);
        assertThat(s.wins()).isZero();
        assertThat(s.losses()).isEqualTo(1);
        assertThat(s.pnlTotalUsd()).isCloseTo(-1.08522, within(1e-9));
        assertThat(s.pnlTodayUsd()).isCloseTo(-1.08522, within(1e-9)); // all three ticks fall on 2023-01-01
        assertThat(s.maxDrawdownPct()).isCloseTo(1.08522 / 10_000, within(1e-12));
        assertThat(s.ledgerSeq()).isEqualTo(2 + 2 + 2 + 2); // 2 entry fills, 2 + 2 funding, 2 exit fills
        assertThat(s.finished()).isTrue();
    }

    @Test
    void stopLossClosesAtTheMark() {
        var m = TestMarkets.twoVenues(
                tick(20_000, 20_000, 0.0001, 0.0005),
                tick(19_000, 20_000, 0.0001, 0.0005)); // long leg −30 USD: net (−30 − 0.6 + funding) / 600 < −2 %
        var t = PaperTrader.startRun(1, 1, CFG, m, new GreedyCarryBrain());
        t.step(0, 0);
        var r = t.step(0, 0);
        assertThat(r.decision().risk().get(0)).satisfies(c -> {
            assertThat(c.rule()).isEqualTo("stop-loss");
            assertThat(c.verdict()).isEqualTo("EXIT");
        });
        // funding: long pays 0.03 × 19000 × 0.0001 = 0.057; short receives 0.03 × 20000 × 0.0005 = 0.3
        // closing fees: 0.03 × 19000 × 0.0005 = 0.285 and 0.03 × 20000 × 0.0005 = 0.3
        // net = −30 + 0.243 − (0.6 + 0.585) = −30.942
        assertThat(r.decision().closed()).singleElement().satisfies(c -> {
            assertThat(c.reason()).isEqualTo("stop-loss");
            assertThat(c.netPnlUsd()).isCloseTo(-30.942, within(1e-9));
        });
        // the brain then re-enters the same (still attractive) pair in the same tick
        assertThat(r.decision().action()).isEqualTo("ENTER_OPP_0_LARGE");
        assertThat(r.decision().reasoning()).contains("Risk stop-loss closed BTC long binance / short okx");
    }

    @Test
    void liquidatedLegClosesAtItsLiquidationPrice() {
        var m = TestMarkets.twoVenues(
                tick(20_000, 20_000, 0.0001, 0.0005),
                tick(10_000, 20_000, 0.0001, 0.0005));
        var t = PaperTrader.startRun(1, 1, CFG, m, new GreedyCarryBrain());
        t.step(0, 0);
        var r = t.step(0, 0);
        // long liquidation price = 20000 × (1 − 0.9 / 2) = 11000: the leg loses 0.03 × 9000 = 270 = 0.9 × margin
        assertThat(r.decision().risk().get(0).rule()).isEqualTo("liquidation");
        assertThat(r.decision().orders().get(0).fillPrice()).isEqualTo(11_000.0);
        // net = −270 + funding (−0.03 × 10000 × 0.0001 + 0.03 × 20000 × 0.0005 = 0.27) − fees (0.6 + 0.165 + 0.3)
        assertThat(r.decision().closed().get(0).netPnlUsd()).isCloseTo(-270 + 0.27 - 1.065, within(1e-9));
    }

    @Test
    void riskRefusesEntriesBeyondTheMarginLimitAndTheRecordSaysWhy() {
        // utilisation 1 with one position: LARGE = 10000 × 1 / 1 × 0.3 = 3000 of margin: fine; then no slot is free
        var cfg = new AgentConfig("t", "greedy-carry", 10_000, 2, 1.0, 1, -0.05, 0.15, 15, 3, 0, 28_800);
        var m = TestMarkets.random(3, 30);
        var t = PaperTrader.startRun(1, 1, cfg, m, new FixedBrain(
                new io.tradeloop.server.agent.FundingAction.Enter(0, io.tradeloop.server.agent.SizeClass.LARGE)));
        var first = t.step(0, 0);
        assertThat(first.decision().orders()).extracting(o -> o.status()).containsOnly("FILLED");
        var second = t.step(0, 0);
        assertThat(second.decision().risk()).anySatisfy(c -> {
            assertThat(c.rule()).isEqualTo("max-open-positions");
            assertThat(c.verdict()).isEqualTo("REFUSED");
        });
        assertThat(second.decision().orders()).extracting(o -> o.status()).containsOnly("REFUSED");
        assertThat(second.decision().reasoning()).contains("Refused by max-open-positions");
    }
}
