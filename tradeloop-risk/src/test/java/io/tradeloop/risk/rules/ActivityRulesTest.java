package io.tradeloop.risk.rules;

import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.order.Side;
import io.tradeloop.core.portfolio.Portfolio;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.risk.Leg;
import io.tradeloop.risk.MarketView;
import io.tradeloop.risk.ReturnHistory;
import io.tradeloop.risk.RiskContext;
import io.tradeloop.risk.RiskVerdict;
import io.tradeloop.risk.TradeProposal;
import io.tradeloop.risk.TradingActivity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ActivityRulesTest {
    private static final Instrument BTC = Instrument.linearPerp("binance", "BTC");
    private static final long H = 3_600_000L;
    private static final TradeProposal ENTRY = new TradeProposal(List.of(new Leg(BTC, Side.BUY, 0.01, 20_000, 1, false)), 0, "t");
    private static final TradeProposal EXIT = new TradeProposal(List.of(new Leg(BTC, Side.SELL, 0.01, 20_000, 1, true)), 0, "t");

    private static RiskContext at(long t, TradingActivity a) {
        return at(t, a, t);
    }

    private static RiskContext at(long t, TradingActivity a, long lastData) {
        return new RiskContext(new Portfolio(10_000, 2), t, new MarketView() {
            @Override
            public ReturnHistory returns(String id) {
                return null;
            }

            @Override
            public long lastDataTimeMs() {
                return lastData;
            }
        }, a);
    }

    @Test
    void dailyTradeCapCountsFromMidnightUtc() {
        long day = TimeFormat.parse("2023-07-01");
        var a = new TradingActivity(16);
        a.recordEntry(day - 2 * H);   // yesterday: not counted
        a.recordEntry(day + 1 * H);
        a.recordEntry(day + 5 * H);
        var cap = new DailyTradeCap(2);
        // 2 entries today, cap 2 → the third is refused at 10:00; exits still pass
        assertThat(cap.check(ENTRY, at(day + 10 * H, a))).isInstanceOf(RiskVerdict.Refused.class);
        assertThat(cap.check(EXIT, at(day + 10 * H, a))).isInstanceOf(RiskVerdict.Approved.class);
        // the next day starts at zero
        assertThat(cap.check(ENTRY, at(day + 25 * H, a))).isInstanceOf(RiskVerdict.Approved.class);
        assertThat(new DailyTradeCap(3).check(ENTRY, at(day + 10 * H, a))).isInstanceOf(RiskVerdict.Approved.class);
    }

    @Test
    void cooldownAfterExitAndLongerAfterLoss() {
        var a = new TradingActivity(16);
        var rule = new Cooldown(4 * H, 12 * H);
        a.recordExit(100 * H, +50);  // a winning exit at hour 100
        assertThat(rule.check(ENTRY, at(103 * H, a))).isInstanceOf(RiskVerdict.Refused.class); // 3 h < 4 h
        assertThat(rule.check(ENTRY, at(104 * H, a))).isInstanceOf(RiskVerdict.Approved.class); // 4 h: over
        a.recordExit(110 * H, -20);  // a loss at hour 110
        var v = rule.check(ENTRY, at(121 * H, a));                                              // 11 h < 12 h
        assertThat(((RiskVerdict.Refused) v).reason()).contains("11.0 h").contains("12.0 h");
        assertThat(rule.check(ENTRY, at(122 * H, a))).isInstanceOf(RiskVerdict.Approved.class);
    }

    @Test
    void dailyDrawdownHaltsEntriesForADay() {
        long day = TimeFormat.parse("2023-07-01");
        var a = new TradingActivity(64);
        a.recordEquity(day - 4 * H, 10_000);  // last mark of June 30: the reference for July 1
        a.recordEquity(day + 4 * H, 9_800);   // −2%
        a.recordEquity(day + 8 * H, 9_450);   // −5.5% ≥ 5% → breach at 08:00
        a.recordEquity(day + 12 * H, 9_600);
        var rule = DailyDrawdownHalt.of(0.05);
        var v = rule.check(ENTRY, at(day + 12 * H, a));
        assertThat(((RiskVerdict.Refused) v).reason()).contains("2023-07-01T08:00:00Z").contains("2023-07-02T08:00:00Z");
        // July 2, 07:00: still inside the 24 h halt (new day's reference 9,600, no new breach)
        a.recordEquity(day + 28 * H, 9_650);
        assertThat(rule.check(ENTRY, at(day + 31 * H, a))).isInstanceOf(RiskVerdict.Refused.class);
        // 08:00 on July 2: 24 h have passed
        assertThat(rule.check(ENTRY, at(day + 32 * H, a))).isInstanceOf(RiskVerdict.Approved.class);
        // −4.9% alone does not halt
        var b = new TradingActivity(8);
        b.recordEquity(day + H, 10_000);
        b.recordEquity(day + 2 * H, 9_510);
        assertThat(rule.check(ENTRY, at(day + 3 * H, b))).isInstanceOf(RiskVerdict.Approved.class);
        assertThat(rule.check(EXIT, at(day + 12 * H, a))).isInstanceOf(RiskVerdict.Approved.class);
    }

    @Test
    void circuitBreakerTripsOnLossesSlippageAndStaleData() {
        var breaker = new CircuitBreaker(3, 4, 20, 30 * 60_000L, 6 * H);
        var a = new TradingActivity(16);
        a.recordExit(1 * H, -1);
        a.recordExit(2 * H, -1);
        assertThat(breaker.check(ENTRY, at(3 * H, a))).isInstanceOf(RiskVerdict.Approved.class);
        a.recordExit(3 * H, -1);       // third loss in a row → tripped until hour 9
        assertThat(((RiskVerdict.Refused) breaker.check(ENTRY, at(4 * H, a))).reason()).contains("3 losing exits");
        assertThat(breaker.check(ENTRY, at(9 * H, a))).isInstanceOf(RiskVerdict.Approved.class);
        a.recordExit(10 * H, +1);      // a win resets the streak
        assertThat(a.consecutiveLosses()).isZero();

        // slippage: last 4 fills 10, 15, 30, 30 bps → mean 21.25 ≥ 20 → tripped for 6 h after the newest
        var s = new TradingActivity(16);
        s.recordSlippage(20 * H, 2);
        s.recordSlippage(21 * H, 10);
        s.recordSlippage(22 * H, 15);
        s.recordSlippage(23 * H, 30);
        assertThat(breaker.check(ENTRY, at(23 * H, s))).isInstanceOf(RiskVerdict.Approved.class); // 2, 10, 15, 30 → 14.25
        s.recordSlippage(24 * H, 30);
        // 21.25 is printed to one decimal as 21.3
        assertThat(((RiskVerdict.Refused) breaker.check(ENTRY, at(25 * H, s))).reason()).contains("21.3 bps");
        assertThat(breaker.check(ENTRY, at(30 * H, s))).isInstanceOf(RiskVerdict.Approved.class);

        // stale data: 31 minutes old > 30
        var fresh = new TradingActivity(4);
        assertThat(((RiskVerdict.Refused) breaker.check(ENTRY, at(50 * H, fresh, 50 * H - 31 * 60_000L))).reason()).contains("31.0 min");
        assertThat(breaker.check(ENTRY, at(50 * H, fresh, 50 * H - 29 * 60_000L))).isInstanceOf(RiskVerdict.Approved.class);
        assertThat(breaker.check(ENTRY, new RiskContext(new Portfolio(1000, 1), 0))).isInstanceOf(RiskVerdict.Refused.class);
        // exits pass even when tripped
        assertThat(breaker.check(EXIT, at(4 * H, a))).isInstanceOf(RiskVerdict.Approved.class);
    }
}
