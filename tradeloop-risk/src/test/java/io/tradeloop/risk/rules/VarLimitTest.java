package io.tradeloop.risk.rules;

import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.order.Side;
import io.tradeloop.core.portfolio.Portfolio;
import io.tradeloop.risk.ActivityView;
import io.tradeloop.risk.Leg;
import io.tradeloop.risk.MarketView;
import io.tradeloop.risk.ReturnHistory;
import io.tradeloop.risk.RiskContext;
import io.tradeloop.risk.RiskVerdict;
import io.tradeloop.risk.TradeProposal;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class VarLimitTest {
    private static final Instrument BTC = Instrument.linearPerp("binance", "BTC");
    private static final Instrument ETH = Instrument.linearPerp("binance", "ETH");

    /** Ten returns −5%, −4%, −3%, −2%, −1%, 0, +1%, +2%, +3%, +4% (pushed in this order). */
    private static ReturnHistory tenReturns() {
        var h = new ReturnHistory(100);
        for (int i = -5; i <= 4; i++) h.push(i / 100.0);
        return h;
    }

    private static MarketView market(Map<String, ReturnHistory> m) {
        return new MarketView() {
            @Override
            public ReturnHistory returns(String id) {
                return m.get(id);
            }

            @Override
            public long lastDataTimeMs() {
                return 0;
            }
        };
    }

    @Test
    void historicalVarByHand() {
        // P&L of a 10,000 USD long: −500, −400, …, +400. At 80% confidence k = ⌈0.2 × 10⌉ = 2 → 2nd smallest −400 → VaR 400
        double[] pnl = new double[10];
        for (int i = 0; i < 10; i++) pnl[i] = 10_000 * (i - 5) / 100.0;
        assertThat(VarLimit.valueAtRisk(VarLimit.Method.HISTORICAL, pnl.clone(), 10, 0.8, 1)).isCloseTo(400, within(1e-9));
        // a 4-bar horizon scales by √4 = 2 → 800
        assertThat(VarLimit.valueAtRisk(VarLimit.Method.HISTORICAL, pnl.clone(), 10, 0.8, 4)).isCloseTo(800, within(1e-9));
    }

    @Test
    void parametricVarByHand() {
        // same P&L: mean −50, sample sd = 100 × √(82.5 / 9) = 302.7650; z(0.95) = 1.6448536
        // VaR = 1.6448536 × 302.7650 − (−50) = 498.0043 + 50 = 548.0043
        double[] pnl = new double[10];
        for (int i = 0; i < 10; i++) pnl[i] = 10_000 * (i - 5) / 100.0;
        assertThat(VarLimit.valueAtRisk(VarLimit.Method.PARAMETRIC, pnl, 10, 0.95, 1)).isCloseTo(548.0043, within(1e-3));
    }

    @Test
    void limitScalesTheEntryToFit() {
        var p = new Portfolio(10_000, 2);
        var ctx = new RiskContext(p, 0, market(Map.of(BTC.id(), tenReturns())), ActivityView.NONE);
        // buy 10,000 USD of BTC: historical VaR(80%) = 400 USD = 4% of equity; limit 2% = 200 → scale 0.5
        var rule = new VarLimit(VarLimit.Method.HISTORICAL, 0.8, 1, 0.02, 10, 0.1);
        var v = rule.check(new TradeProposal(List.of(new Leg(BTC, Side.BUY, 0.5, 20_000, 1, false)), 0, "t"), ctx);
        assertThat(v).isInstanceOf(RiskVerdict.Adjusted.class);
        assertThat(((RiskVerdict.Adjusted) v).scale()).isCloseTo(0.5, within(1e-6));
        // a short of the same size: P&L −400 … +500 → VaR(80%) = 300 (2nd smallest −300) → scale 200 / 300
        var s = rule.check(new TradeProposal(List.of(new Leg(BTC, Side.SELL, 0.5, 20_000, 1, false)), 0, "t"), ctx);
        assertThat(((RiskVerdict.Adjusted) s).scale()).isCloseTo(2.0 / 3, within(1e-6));
        // under the limit: approved
        assertThat(rule.check(new TradeProposal(List.of(new Leg(BTC, Side.BUY, 0.2, 20_000, 1, false)), 0, "t"), ctx))
                .isInstanceOf(RiskVerdict.Approved.class);
    }

    @Test
    void hedgedPortfolioCarriesLessVar() {
        // ETH returns equal BTC's: a short ETH 10,000 cancels a long BTC 10,000 → VaR 0 → approved even with a tiny limit
        var p = new Portfolio(10_000, 2);
        p.fill(0, BTC, 0.5, 20_000, 0, 1);
        var ctx = new RiskContext(p, 0, market(Map.of(BTC.id(), tenReturns(), ETH.id(), tenReturns())), ActivityView.NONE);
        var rule = new VarLimit(VarLimit.Method.PARAMETRIC, 0.99, 1, 0.001, 10, 0.1);
        assertThat(rule.check(new TradeProposal(List.of(new Leg(ETH, Side.SELL, 5, 2_000, 1, false)), 0, "t"), ctx))
                .isInstanceOf(RiskVerdict.Approved.class);
        // the held BTC alone breaches it: adding more BTC is refused outright
        var more = rule.check(new TradeProposal(List.of(new Leg(BTC, Side.BUY, 0.1, 20_000, 1, false)), 0, "t"), ctx);
        assertThat(((RiskVerdict.Refused) more).reason()).contains("held positions alone");
    }

    @Test
    void refusesWithoutEnoughHistory() {
        var v = new VarLimit(VarLimit.Method.HISTORICAL, 0.95, 1, 0.02, 30, 0.1)
                .check(new TradeProposal(List.of(new Leg(BTC, Side.BUY, 0.1, 20_000, 1, false)), 0, "t"), new RiskContext(new Portfolio(10_000, 2), 0));
        assertThat(((RiskVerdict.Refused) v).reason()).contains("0 returns").contains("at least 30");
    }
}
