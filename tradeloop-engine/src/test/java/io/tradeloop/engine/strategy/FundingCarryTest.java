package io.tradeloop.engine.strategy;

import io.tradeloop.core.funding.CarryRule;
import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.order.Side;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.FundingSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.engine.backtest.Backtest;
import io.tradeloop.engine.backtest.BacktestConfig;
import io.tradeloop.engine.backtest.DefaultRisk;
import io.tradeloop.engine.market.MarketFeed;
import io.tradeloop.engine.strategy.carry.FundingCarry;
import io.tradeloop.engine.venue.JournalEntry;
import io.tradeloop.engine.venue.SlippageModel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The carry baseline on two venues with a flat price of 100, funding every 8 h at each bar's open:
 * venue a 0.0001, venue b 0.0005 for settlements 0–3, then b falls to −0.0002.
 */
class FundingCarryTest {
    static final long H8 = 8 * 3_600_000L;

    static MarketFeed venue(String name, double... rates) {
        var b = BarSeries.builder(name, Timeframe.H8);
        long[] t = new long[rates.length];
        for (int i = 0; i < rates.length; i++) {
            b.add(i * H8, 100, 100, 100, 100, 1e9);
            t[i] = i * H8;
        }
        var inst = Instrument.linearPerp(name, "BTC"); // taker 0.0005, maker 0.0002
        return new MarketFeed(inst, b.build(), new FundingSeries(name, "BTC", 8, t, rates));
    }

    @Test
    void entersTheWidestPairAsOneProposalCollectsFundingPerLegAndExitsWhenItTurns() {
        var a = venue("a", 0.0001, 0.0001, 0.0001, 0.0001, 0.0001);
        var b = venue("b", 0.0005, 0.0005, 0.0005, 0.0005, -0.0002);
        var carry = new FundingCarry(new FundingCarry.Config(new CarryRule(0, 0, 21, 0.15), 2, 0.8));
        var r = new Backtest(List.of(a, b), carry, DefaultRisk.carry(1), new BacktestConfig(10_000, SlippageModel.none(), Double.NaN)).run();

        // t = 8h (close of bar 0): rates a 0.0001, b 0.0005 → d = 0.0004; fees 2 × (0.0005 + 0.0005) = 0.002 over
        // 21 periods = 0.0000952; net edge 0.000305 > 0 → long a, short b, one proposal of two legs.
        var first = r.journal().entries(JournalEntry.RiskChecked.class).getFirst();
        assertThat(first.timeMs()).isEqualTo(H8);
        assertThat(first.proposal().legs()).hasSize(2);
        assertThat(first.proposal().legs().get(0).side()).isEqualTo(Side.BUY);
        assertThat(first.proposal().legs().get(0).instrument().venue()).isEqualTo("a");
        assertThat(first.proposal().legs().get(1).side()).isEqualTo(Side.SELL);
        assertThat(first.proposal().legs().get(1).instrument().venue()).isEqualTo("b");
        // Size: margin per leg = 10,000 × 0.8 / 1 asset / 2 legs = 4,000; × 2 leverage / 100 = 80 BTC per leg.
        var fills = r.journal().entries(JournalEntry.Filled.class);
        assertThat(fills.get(0).fill().qty()).isEqualTo(80);
        assertThat(fills.get(0).fill().timeMs()).isEqualTo(H8);

        // Funding per leg, notional 80 × 100 = 8,000:
        //   16h and 24h: long a pays 8,000 × 0.0001 = 0.8, short b receives 8,000 × 0.0005 = 4 → +3.2 each
        //   32h: b = −0.0002, the short pays 8,000 × 0.0002 = 1.6, the long pays 0.8 → −2.4
        var settled = r.journal().entries(JournalEntry.FundingSettled.class);
        assertThat(settled).hasSize(6);
        assertThat(settled.get(0).paymentUsd()).isCloseTo(-0.8, within(1e-9));
        assertThat(settled.get(1).paymentUsd()).isCloseTo(4.0, within(1e-9));
        assertThat(settled.get(5).paymentUsd()).isCloseTo(-1.6, within(1e-9));
        // 32h: d = −0.0002 − 0.0001 = −0.0003 < 0 → both legs closed at bar 4's open.
        var trade = r.trades().getFirst();
        assertThat(trade.legs()).isEqualTo(2);
        assertThat(trade.exitMs()).isEqualTo(4 * H8);
        assertThat(trade.fundingUsd()).isCloseTo(3.2 + 3.2 - 2.4, within(1e-9));
        // Fees: 4 fills × 8,000 × 0.0005 = 16.
        assertThat(trade.feesUsd()).isCloseTo(16, within(1e-9));
        assertThat(trade.pricePnlUsd()).isZero();
        assertThat(r.metrics().finalEquityUsd()).isCloseTo(10_000 + 4.0 - 16, within(1e-9));
        assertThat(r.metrics().fundingPaidUsd()).isCloseTo(-4.0, within(1e-9));
    }

    @Test
    void staysOutWhenTheDifferentialDoesNotPayForTheFees() {
        // d = 0.00009 < 0.002 / 21 = 0.0000952 → no entry, ever.
        var a = venue("a", 0.0001, 0.0001, 0.0001);
        var b = venue("b", 0.00019, 0.00019, 0.00019);
        var r = new Backtest(List.of(a, b), new FundingCarry(FundingCarry.Config.defaults()), DefaultRisk.carry(1),
                new BacktestConfig(10_000, SlippageModel.none(), Double.NaN)).run();
        assertThat(r.journal().entries(JournalEntry.RiskChecked.class)).isEmpty();
        assertThat(r.metrics().finalEquityUsd()).isEqualTo(10_000);
    }
}
