package io.tradeloop.risk.rules;

import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.order.Side;
import io.tradeloop.core.portfolio.Portfolio;
import io.tradeloop.risk.Leg;
import io.tradeloop.risk.RiskContext;
import io.tradeloop.risk.RiskEngine;
import io.tradeloop.risk.RiskVerdict;
import io.tradeloop.risk.TradeProposal;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BasicRulesTest {
    private static final Instrument BIN = Instrument.linearPerp("binance", "BTC");
    private static final Instrument BYB = Instrument.linearPerp("bybit", "BTC");

    private static TradeProposal pair(double qty, double price, double leverage) {
        return new TradeProposal(List.of(new Leg(BIN, Side.BUY, qty, price, leverage, false),
                new Leg(BYB, Side.SELL, qty, price, leverage, false)), 0, "test");
    }

    @Test
    void maxOpenPositionsCountsPairsOfBooks() {
        var p = new Portfolio(10_000, 4);
        p.fill(0, BIN, 1, 100, 0, 2);
        p.fill(1, BYB, -1, 100, 0, 2);
        var ctx = new RiskContext(p, 0);
        assertThat(new MaxOpenPositions(1, 2).check(pair(1, 100, 2), ctx)).isInstanceOf(RiskVerdict.Refused.class);
        assertThat(new MaxOpenPositions(2, 2).check(pair(1, 100, 2), ctx)).isInstanceOf(RiskVerdict.Approved.class);
        var exit = new TradeProposal(List.of(new Leg(BIN, Side.SELL, 1, 100, 2, true)), 0, "t");
        assertThat(new MaxOpenPositions(1, 2).check(exit, ctx)).isInstanceOf(RiskVerdict.Approved.class);
    }

    @Test
    void marginUseLimitScalesOrRefusesByHand() {
        var p = new Portfolio(1000, 4);
        p.fill(0, BIN, 4, 100, 0, 1); // margin 400, equity 1000
        var ctx = new RiskContext(p, 0);
        // room = 0.95 × 1000 − 400 = 550; a pair of 2 × 5 @100 at leverage 1 needs 1000 → scale 0.55
        var v = new MarginUseLimit(0.95, 0.1).check(pair(5, 100, 1), ctx);
        assertThat(v).isInstanceOf(RiskVerdict.Adjusted.class);
        assertThat(((RiskVerdict.Adjusted) v).scale()).isCloseTo(0.55, within(1e-12));
        assertThat(MarginUseLimit.refuseAbove(0.95).check(pair(5, 100, 1), ctx)).isInstanceOf(RiskVerdict.Refused.class);
        assertThat(MarginUseLimit.refuseAbove(0.95).check(pair(2, 100, 1), ctx)).isInstanceOf(RiskVerdict.Approved.class);
    }

    @Test
    void liquidationBufferBoundsLeverage() {
        var ctx = new RiskContext(new Portfolio(1000, 2), 0);
        // distance at entry = 0.9 / L: L = 6 → 0.15 passes a 0.15 buffer, L = 7 → 0.1286 fails
        assertThat(new LiquidationBuffer(0.15).check(pair(1, 100, 6), ctx)).isInstanceOf(RiskVerdict.Approved.class);
        var refused = new LiquidationBuffer(0.15).check(pair(1, 100, 7), ctx);
        assertThat(refused).isInstanceOf(RiskVerdict.Refused.class);
        assertThat(((RiskVerdict.Refused) refused).reason()).contains("12.9%").contains("15.0%");
    }

    @Test
    void sufficientCashCountsMarginAndTakerFees() {
        var ctx = new RiskContext(new Portfolio(100, 2), 0);
        // two legs of 1 @ 100 at leverage 2: margin 50 + 50, fees 2 × 100 × 0.0005 = 0.1 → 100.1 > 100
        assertThat(new SufficientCash().check(pair(1, 100, 2), ctx)).isInstanceOf(RiskVerdict.Refused.class);
        assertThat(new SufficientCash().check(pair(0.99, 100, 2), ctx)).isInstanceOf(RiskVerdict.Approved.class);
    }

    @Test
    void engineChainsRulesScalesAndStopsAtARefusal() {
        var p = new Portfolio(1000, 4);
        var engine = new RiskEngine(List.of(new MarginUseLimit(0.5, 0.1), new SufficientCash(), new LiquidationBuffer(0.2)));
        var d = engine.check(pair(5, 100, 1), new RiskContext(p, 0));
        // room 500 of need 1000 → scaled by 0.5 to 2.5 per leg; then cash and buffer (0.9) pass
        assertThat(d.isRefused()).isFalse();
        assertThat(d.approved().legs().get(0).qty()).isCloseTo(2.5, within(1e-12));
        assertThat(d.trail()).hasSize(3);
        var refused = engine.check(pair(1, 100, 5), new RiskContext(p, 0)); // 0.9/5 = 0.18 < 0.2
        assertThat(refused.isRefused()).isTrue();
        assertThat(refused.finalVerdict().rule()).isEqualTo("liquidation-buffer");
    }
}
