package io.tradeloop.risk.rules;

import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.order.Side;
import io.tradeloop.core.portfolio.Portfolio;
import io.tradeloop.risk.Leg;
import io.tradeloop.risk.RiskContext;
import io.tradeloop.risk.RiskVerdict;
import io.tradeloop.risk.TradeProposal;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LimitRulesTest {
    private static final Instrument BTC = Instrument.linearPerp("binance", "BTC");
    private static final Instrument ETH = Instrument.linearPerp("binance", "ETH");

    private static TradeProposal buy(Instrument i, double qty, double price, double lev) {
        return new TradeProposal(List.of(new Leg(i, Side.BUY, qty, price, lev, false)), 0, "t");
    }

    private static TradeProposal sell(Instrument i, double qty, double price, double lev) {
        return new TradeProposal(List.of(new Leg(i, Side.SELL, qty, price, lev, false)), 0, "t");
    }

    @Test
    void positionLimitScalesToTheRoomLeft() {
        var p = new Portfolio(100_000, 4);
        p.fill(0, BTC, 0.5, 20_000, 0, 1); // holds 10,000 USD long
        var ctx = new RiskContext(p, 0);
        var rule = new PositionLimit(25_000, 0.1);
        // buying 1 BTC @ 20,000 would hold 30,000 > 25,000: room 25,000 − 10,000 = 15,000 of 20,000 → scale 0.75
        var v = rule.check(buy(BTC, 1, 20_000, 1), ctx);
        assertThat(v).isInstanceOf(RiskVerdict.Adjusted.class);
        assertThat(((RiskVerdict.Adjusted) v).scale()).isCloseTo(0.75, within(1e-12));
        // selling 2 BTC flips to −30,000: the flip allows (25,000 + 10,000) / 40,000 = 0.875
        var flip = rule.check(sell(BTC, 2, 20_000, 1), ctx);
        assertThat(((RiskVerdict.Adjusted) flip).scale()).isCloseTo(0.875, within(1e-12));
        // another instrument has its own room
        assertThat(rule.check(buy(ETH, 10, 2_000, 1), ctx)).isInstanceOf(RiskVerdict.Approved.class);
        // already at the limit: nothing fits → refused
        var full = new Portfolio(100_000, 2);
        full.fill(0, BTC, 1.25, 20_000, 0, 1);
        assertThat(rule.check(buy(BTC, 0.1, 20_000, 1), new RiskContext(full, 0))).isInstanceOf(RiskVerdict.Refused.class);
    }

    @Test
    void grossExposureLimitCountsEveryBook() {
        var p = new Portfolio(10_000, 4);
        p.fill(0, BTC, 0.5, 20_000, 0, 5);   // 10,000 notional long
        p.fill(1, ETH, -5, 2_000, 0, 5);     // 10,000 notional short
        var ctx = new RiskContext(p, 0);      // equity 10,000, gross 20,000 = 2x
        // limit 3x → room 30,000 − 20,000 = 10,000; a 20,000 entry is scaled by 0.5
        var v = new GrossExposureLimit(3, 0.25).check(buy(BTC, 1, 20_000, 5), ctx);
        assertThat(((RiskVerdict.Adjusted) v).scale()).isCloseTo(0.5, within(1e-12));
        assertThat(new GrossExposureLimit(3, 0.6).check(buy(BTC, 1, 20_000, 5), ctx)).isInstanceOf(RiskVerdict.Refused.class);
        assertThat(new GrossExposureLimit(3, 0.6).check(buy(BTC, 0.5, 20_000, 5), ctx)).isInstanceOf(RiskVerdict.Approved.class);
    }

    @Test
    void leverageLimitRefusesOnlyEntries() {
        var ctx = new RiskContext(new Portfolio(1_000, 2), 0);
        assertThat(new LeverageLimit(5).check(buy(BTC, 0.01, 20_000, 5), ctx)).isInstanceOf(RiskVerdict.Approved.class);
        var v = new LeverageLimit(5).check(buy(BTC, 0.01, 20_000, 6), ctx);
        assertThat(((RiskVerdict.Refused) v).reason()).contains("6.00").contains("5.00");
        var exit = new TradeProposal(List.of(new Leg(BTC, Side.SELL, 0.01, 20_000, 20, true)), 0, "t");
        assertThat(new LeverageLimit(5).check(exit, ctx)).isInstanceOf(RiskVerdict.Approved.class);
    }
}
