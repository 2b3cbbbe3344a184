package io.tradeloop.risk;

import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.order.Side;
import io.tradeloop.core.portfolio.Portfolio;
import io.tradeloop.core.random.Rng;
import io.tradeloop.risk.rules.LiquidationBuffer;
import io.tradeloop.risk.rules.MarginUseLimit;
import io.tradeloop.risk.rules.MaxOpenPositions;
import io.tradeloop.risk.rules.SufficientCash;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code maxApprovedScale} agrees with {@code check}: f times the proposal is approved unchanged exactly when f ≤ the answer. */
class MaxApprovedScaleProperties {
    private static final Instrument BIN = Instrument.linearPerp("binance", "BTC").withFees(0.001, 0.001);
    private static final Instrument BYB = Instrument.linearPerp("bybit", "BTC");

    private static TradeProposal pair(double qty, double price, double leverage) {
        return new TradeProposal(List.of(new Leg(BIN, Side.BUY, qty, price, leverage, false),
                new Leg(BYB, Side.SELL, qty, price * 1.001, leverage, false)), 0, "test");
    }

    private static Portfolio randomPortfolio(Rng rng) {
        var p = new Portfolio(rng.uniform(100, 100_000), 6);
        int open = rng.nextInt(4);
        for (int b = 0; b < open; b++) {
            double price = rng.uniform(50, 50_000);
            p.fill(b, b % 2 == 0 ? BIN : BYB, (rng.nextBoolean() ? 1 : -1) * rng.uniform(0.1, 2) * p.initialCashUsd() / price / 4,
                    price, 0, rng.nextInt(1, 8));
            p.mark(b, price * Math.exp(0.05 * rng.nextGaussian()));
        }
        return p;
    }

    @Property(tries = 400)
    void everyRuleAndTheEngineAgreeWithCheck(@ForAll long seed) {
        var rng = new Rng(seed);
        Portfolio p = randomPortfolio(rng);
        var rules = List.<PreTradeRule>of(new MaxOpenPositions(rng.nextInt(1, 3), 2), new LiquidationBuffer(rng.uniform(0.1, 0.3)),
                MarginUseLimit.refuseAbove(0.95), new SufficientCash());
        var unit = pair(1.0 / 30_000, 30_000, rng.nextInt(1, 10)); // one dollar per leg
        var ctx = new RiskContext(p, 0);
        for (PreTradeRule rule : rules) {
            assertAgrees(rule.maxApprovedScale(unit, p, 0), f -> rule.check(unit.scaled(f), ctx) instanceof RiskVerdict.Approved);
        }
        var engine = new RiskEngine(rules);
        assertAgrees(engine.maxApprovedScale(unit, p, 0), f -> engine.check(unit.scaled(f), ctx).finalVerdict() instanceof RiskVerdict.Approved);
    }

    private static void assertAgrees(double max, java.util.function.DoublePredicate approved) {
        assertThat(max).isGreaterThanOrEqualTo(0);
        if (Double.isInfinite(max)) {
            assertThat(approved.test(1e9)).isTrue();
            return;
        }
        if (max > 0) {
            assertThat(approved.test(max * (1 - 1e-9))).as("just below %s", max).isTrue();
        }
        assertThat(approved.test(Math.max(max * (1 + 1e-9), 1e-9))).as("just above %s", max).isFalse();
    }

    @Test
    void marginAndCashBoundsByHand() {
        var p = new Portfolio(1000, 4);
        p.fill(0, BYB, 4, 100, 0, 1); // margin 400, cash 600, equity 1000
        // a pair of one dollar per leg at leverage 2: margin 2 × 0.5 = 1.0 USD
        var unit = new TradeProposal(List.of(new Leg(BIN, Side.BUY, 0.01, 100, 2, false),
                new Leg(BYB, Side.SELL, 0.01, 100, 2, false)), 0, "t");
        // margin room = 0.95 × 1000 − 400 = 550 → 550 / 1.0 = 550
        assertThat(MarginUseLimit.refuseAbove(0.95).maxApprovedScale(unit, p, 0)).isCloseTo(550, within(1e-9));
        // cash need = margin 1.0 + fees 1 × 0.001 + 1 × 0.0005 = 1.0015; cash 600 → 600 / 1.0015 = 599.1013...
        assertThat(new SufficientCash().maxApprovedScale(unit, p, 0)).isCloseTo(600 / 1.0015, within(1e-9));
        var engine = new RiskEngine(List.of(MarginUseLimit.refuseAbove(0.95), new SufficientCash()));
        assertThat(engine.maxApprovedScale(unit, p, 0)).isCloseTo(550, within(1e-9));
        assertThat(new MaxOpenPositions(1, 2).maxApprovedScale(unit, p, 0)).isZero(); // one book open = one position
        assertThat(new LiquidationBuffer(0.5).maxApprovedScale(unit, p, 0)).isZero(); // 0.9 / 2 = 0.45 < 0.5
        assertThat(new LiquidationBuffer(0.45).maxApprovedScale(unit, p, 0)).isInfinite();
    }

    @Test
    void theDefaultBisectsCheckForRulesWithoutAClosedForm() {
        // a rule that refuses notional above 250 USD and knows nothing of maxApprovedScale
        PreTradeRule cap = new PreTradeRule() {
            @Override
            public String name() {
                return "cap";
            }

            @Override
            public RiskVerdict check(TradeProposal proposal, RiskContext context) {
                return proposal.notionalUsd() <= 250 ? RiskVerdict.approved(name()) : RiskVerdict.refused(name(), "too big");
            }
        };
        var unit = pair(0.01, 100, 1); // notional 1 + 1.001 = 2.001 USD
        assertThat(cap.maxApprovedScale(unit, new Portfolio(1000, 2), 0)).isCloseTo(250 / 2.001, within(1e-6));
    }
}
