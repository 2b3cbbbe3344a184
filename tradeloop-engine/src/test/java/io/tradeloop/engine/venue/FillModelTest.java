package io.tradeloop.engine.venue;

import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.order.Liquidity;
import io.tradeloop.core.order.OrderType;
import io.tradeloop.core.order.Side;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.FundingSeries;
import io.tradeloop.engine.Scripted;
import io.tradeloop.engine.backtest.Backtest;
import io.tradeloop.engine.backtest.BacktestConfig;
import io.tradeloop.engine.backtest.BacktestResult;
import io.tradeloop.engine.backtest.DefaultRisk;
import io.tradeloop.engine.market.MarketFeed;
import io.tradeloop.engine.strategy.OrderRequest;
import io.tradeloop.risk.RiskVerdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The simulated venue's fill model with hand-worked numbers: decided at a bar's close, filled in the
 * next bar at its open ± slippage (never outside its range), limits only when traded through.
 */
class FillModelTest {
    static final long H = 3_600_000L;
    static final long T0 = 1_672_531_200_000L; // 2023-01-01T00:00Z, open of bar 0
    static final Instrument SPOT = Instrument.spot("test", "BTC", "USD").withFees(0.0005, 0.001);
    static final Instrument PERP = Instrument.linearPerp("test", "BTC").withFees(0.0005, 0.001);
    static final SlippageModel SLIP = new SlippageModel(10, 0.5, 500);

    /** o, h, l, c, v. */
    static final BarSeries S1 = Scripted.bars(
            new double[] {100, 102, 98, 100, 100},
            new double[] {101, 104, 100, 103, 100},
            new double[] {103, 105, 99, 100, 100},
            new double[] {99, 101, 95, 96, 100});

    static BacktestResult run(MarketFeed feed, Scripted s, SlippageModel slip, double capital) {
        return new Backtest(List.of(feed), s, DefaultRisk.directional(), new BacktestConfig(capital, slip, Double.NaN)).run();
    }

    static List<JournalEntry.Filled> fills(BacktestResult r) {
        return r.journal().entries(JournalEntry.Filled.class);
    }

    @Test
    void marketOrdersFillAtTheNextOpenPlusSlippageFromTheDecisionBar() {
        var s = new Scripted().at(0, OrderRequest.market(0, Side.BUY, 4, 1)).at(1, OrderRequest.close(0, Side.SELL, 4));
        var r = run(MarketFeed.of(SPOT, S1), s, SLIP, 10_000);
        var f = fills(r);
        assertThat(f).hasSize(2);
        // Buy decided at bar 0's close (T0 + 1h). Slippage from bar 0: 10 bps + 10⁴ × 0.5 × (102 − 98)/100 × √(4/100)
        // = 10 + 40 = 50 bps. Price = bar 1 open 101 × 1.005 = 101.505; taker fee 4 × 101.505 × 0.001 = 0.40602.
        var buy = f.get(0);
        assertThat(buy.bar()).isEqualTo(1);
        assertThat(buy.fill().timeMs()).isEqualTo(T0 + H).isEqualTo(s.decidedAtMs.get(0));
        assertThat(buy.slippageFraction()).isCloseTo(0.005, within(1e-15));
        assertThat(buy.fill().price()).isCloseTo(101.505, within(1e-9));
        assertThat(buy.fill().feeUsd()).isCloseTo(0.40602, within(1e-9));
        assertThat(buy.fill().liquidity()).isEqualTo(Liquidity.TAKER);
        // Sell decided at bar 1's close: slippage from bar 1: 10 + 10⁴ × 0.5 × (104 − 100)/103 × 0.2 = 48.835 bps;
        // price = 103 × (1 − 0.0048835) = 102.497.
        var sell = f.get(1);
        double slip = (10 + 1e4 * 0.5 * (4.0 / 103) * 0.2) / 1e4;
        assertThat(slip).isCloseTo(0.0048835, within(1e-7));
        assertThat(sell.bar()).isEqualTo(2);
        assertThat(sell.fill().price()).isCloseTo(103 * (1 - slip), within(1e-9)).isCloseTo(102.497, within(1e-3));
        // The trade: (102.497 − 101.505) × 4 = 3.968 of price P&L, less both fees.
        var trade = r.trades().getFirst();
        assertThat(trade.pricePnlUsd()).isCloseTo(4 * (103 * (1 - slip) - 101.505), within(1e-9));
        assertThat(trade.feesUsd()).isCloseTo(0.40602 + 4 * 103 * (1 - slip) * 0.001, within(1e-9));
    }

    @Test
    void aFillNeverLeavesTheBarsRange() {
        // Bar 1's high is 101.2: the slipped price 101.505 is clamped to it.
        var bars = Scripted.bars(new double[] {100, 102, 98, 100, 100}, new double[] {101, 101.2, 100, 101, 100});
        var r = run(MarketFeed.of(SPOT, bars), new Scripted().at(0, OrderRequest.market(0, Side.BUY, 4, 1)), SLIP, 10_000);
        assertThat(fills(r).getFirst().fill().price()).isEqualTo(101.2);
    }

    @Test
    void aRestingLimitFillsAtItsPriceOnlyWhenABarTradesThroughIt() {
        // Buy 4 at 99.5 decided at bar 0's close: bar 1 opens 101 (not marketable) and its low 100 stays above;
        // bar 2's low 99 < 99.5 → filled at 99.5 as a maker when bar 2 closes; fee 4 × 99.5 × 0.0005 = 0.199.
        var r = run(MarketFeed.of(SPOT, S1), new Scripted().at(0, OrderRequest.limit(0, Side.BUY, 4, 99.5, 1)), SLIP, 10_000);
        var f = fills(r).getFirst();
        assertThat(f.bar()).isEqualTo(2);
        assertThat(f.fill().timeMs()).isEqualTo(T0 + 3 * H);
        assertThat(f.fill().price()).isEqualTo(99.5);
        assertThat(f.fill().liquidity()).isEqualTo(Liquidity.MAKER);
        assertThat(f.fill().feeUsd()).isCloseTo(0.199, within(1e-12));
    }

    @Test
    void aTouchIsNotAFill() {
        // Limit 100: bar 1's low is exactly 100 (a touch, queue position unknown) → no fill; bar 2 trades through.
        var r = run(MarketFeed.of(SPOT, S1), new Scripted().at(0, OrderRequest.limit(0, Side.BUY, 4, 100, 1)), SLIP, 10_000);
        assertThat(fills(r).getFirst().bar()).isEqualTo(2);
        assertThat(fills(r).getFirst().fill().price()).isEqualTo(100);
    }

    @Test
    void aBarThatGapsThroughARestingLimitFillsItAtTheBetterOpen() {
        var bars = Scripted.bars(new double[] {100, 101, 99.5, 100, 100}, new double[] {100, 101, 99.6, 100.5, 100},
                new double[] {98, 99, 97, 98.5, 100});
        // Limit 99.5 rests through bar 1 (open 100, low 99.6); bar 2 opens at 98 < 99.5 → maker fill at 98.
        var r = run(MarketFeed.of(SPOT, bars), new Scripted().at(0, OrderRequest.limit(0, Side.BUY, 4, 99.5, 1)), SLIP, 10_000);
        var f = fills(r).getFirst();
        assertThat(f.bar()).isEqualTo(2);
        assertThat(f.fill().timeMs()).isEqualTo(T0 + 2 * H);
        assertThat(f.fill().price()).isEqualTo(98);
        assertThat(f.fill().liquidity()).isEqualTo(Liquidity.MAKER);
    }

    @Test
    void aLimitMarketableOnArrivalTakesAtTheOpenPlusSlippageCappedByTheLimit() {
        // Limit 102 ≥ bar 1's open 101: taker at min(101 × 1.005, 102) = 101.505.
        var r = run(MarketFeed.of(SPOT, S1), new Scripted().at(0, OrderRequest.limit(0, Side.BUY, 4, 102, 1)), SLIP, 10_000);
        assertThat(fills(r).getFirst().fill().price()).isCloseTo(101.505, within(1e-9));
        assertThat(fills(r).getFirst().fill().liquidity()).isEqualTo(Liquidity.TAKER);
        // Limit 101.2: the slippage would cross it, so the limit caps the price.
        var r2 = run(MarketFeed.of(SPOT, S1), new Scripted().at(0, OrderRequest.limit(0, Side.BUY, 4, 101.2, 1)), SLIP, 10_000);
        assertThat(fills(r2).getFirst().fill().price()).isEqualTo(101.2);
    }

    @Test
    void sellLimitsMirrorBuys() {
        // Short 4 at 104.5 on a perpetual: bar 1 opens 101 and its high 104 stays below; bar 2's high 105 > 104.5.
        var r = run(MarketFeed.of(PERP, S1), new Scripted().at(0, OrderRequest.limit(0, Side.SELL, 4, 104.5, 1)), SLIP, 10_000);
        var f = fills(r).getFirst();
        assertThat(f.bar()).isEqualTo(2);
        assertThat(f.fill().price()).isEqualTo(104.5);
        assertThat(f.fill().side()).isEqualTo(Side.SELL);
    }

    @Test
    void aRepeatedClientOrderIdIsNeverFilledTwice() {
        var s = new Scripted().at(0, OrderRequest.market(0, Side.BUY, 1, 1).withClientOrderId("order-1"))
                .at(1, OrderRequest.market(0, Side.BUY, 1, 1).withClientOrderId("order-1"));
        var r = run(MarketFeed.of(SPOT, S1), s, SlippageModel.none(), 10_000);
        assertThat(fills(r)).hasSize(1);
        assertThat(r.journal().entries(JournalEntry.Rejected.class)).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("duplicate client order id order-1"));
        // Both proposals were risk-checked and approved; the venue is what refuses the repeat.
        assertThat(s.decisions).hasSize(2).allSatisfy(d -> assertThat(d.isRefused()).isFalse());
    }

    @Test
    void reduceOnlyIsClampedToThePositionAndRefusedWithoutOne() {
        var s = new Scripted().at(0, OrderRequest.close(0, Side.SELL, 1)) // nothing to reduce yet
                .at(0, OrderRequest.market(0, Side.BUY, 4, 1))
                .at(1, OrderRequest.close(0, Side.SELL, 10));
        var r = run(MarketFeed.of(SPOT, S1), s, SlippageModel.none(), 10_000);
        assertThat(s.decisions.get(0).finalVerdict()).isInstanceOfSatisfying(RiskVerdict.Refused.class,
                v -> assertThat(v.reason()).contains("no opposite position"));
        assertThat(fills(r)).hasSize(2);
        assertThat(fills(r).get(1).fill().qty()).isEqualTo(4);
        assertThat(r.openPositions()).isEmpty();
    }

    @Test
    void anOpeningFillTheCashCannotPayIsRejected() {
        var bars = Scripted.bars(new double[] {100, 101, 99, 100, 100}, new double[] {110, 111, 109, 110, 100});
        // Risk at the decision price: 9.8 × 100 + fee 0.98 = 980.98 ≤ 1000 cash → approved.
        // At bar 1's open of 110: 9.8 × 110 + 1.078 = 1079.078 > 1000 → the venue rejects it.
        var s = new Scripted().at(0, OrderRequest.market(0, Side.BUY, 9.8, 1));
        var r = run(MarketFeed.of(SPOT, bars), s, SlippageModel.none(), 1000);
        assertThat(s.decisions.getFirst().isRefused()).isFalse();
        assertThat(fills(r)).isEmpty();
        assertThat(r.journal().entries(JournalEntry.Rejected.class)).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("insufficient funds").contains("1079.08"));
        assertThat(r.metrics().finalEquityUsd()).isEqualTo(1000);
    }

    @Test
    void spotIsNeverSoldShort() {
        var r = run(MarketFeed.of(SPOT, S1), new Scripted().at(0, OrderRequest.market(0, Side.SELL, 1, 1)), SlippageModel.none(), 10_000);
        assertThat(fills(r)).isEmpty();
        assertThat(r.journal().entries(JournalEntry.Rejected.class)).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("cannot be sold short"));
    }

    @Test
    void fundingSettlesOnPositionsHeldAtTheSettlementTimeAtTheLastClose() {
        // Settlements at the opens of bars 0..3 (T0, T0+1h, T0+2h, T0+3h), rates 0.001, 0.0001, 0.0001, −0.0002.
        var funding = new FundingSeries("test", "BTC", 1, new long[] {T0, T0 + H, T0 + 2 * H, T0 + 3 * H},
                new double[] {0.001, 0.0001, 0.0001, -0.0002});
        var feed = new MarketFeed(PERP.withFundingIntervalHours(1), S1, funding);
        var r = run(feed, new Scripted().at(0, OrderRequest.market(0, Side.BUY, 4, 1)), SlippageModel.none(), 10_000);
        // The long fills at bar 1's open (T0 + 1h), after the T0 + 1h settlement: it takes no part in it.
        // T0 + 2h: mark = bar 1's close 103 → −4 × 103 × 0.0001 = −0.0412 (a long pays a positive rate).
        // T0 + 3h: mark = bar 2's close 100 → −4 × 100 × (−0.0002) = +0.08.
        var settled = r.journal().entries(JournalEntry.FundingSettled.class);
        assertThat(settled).hasSize(2);
        assertThat(settled.get(0).paymentUsd()).isCloseTo(-0.0412, within(1e-12));
        assertThat(settled.get(0).markPrice()).isEqualTo(103);
        assertThat(settled.get(1).paymentUsd()).isCloseTo(0.08, within(1e-12));
        assertThat(r.metrics().fundingPaidUsd()).isCloseTo(-(0.08 - 0.0412), within(1e-12));
    }

    @Test
    void aPositionThatReachesItsLiquidationPriceIsClosedThere() {
        var bars = Scripted.bars(new double[] {100, 101, 99, 100, 100}, new double[] {101, 102, 100, 101, 100},
                new double[] {100, 100.5, 91, 92, 100}, new double[] {92, 93, 90, 91, 100});
        // Long 4 at 10× filled at 101: liquidation price 101 × (1 − 0.9/10) = 91.91; bar 2's low 91 reaches it.
        var r = run(MarketFeed.of(PERP, bars), new Scripted().at(0, OrderRequest.market(0, Side.BUY, 4, 10)), SlippageModel.none(), 10_000);
        var liq = r.journal().entries(JournalEntry.Liquidated.class);
        assertThat(liq).singleElement().satisfies(l -> {
            assertThat(l.bar()).isEqualTo(2);
            assertThat(l.liquidationPrice()).isCloseTo(91.91, within(1e-9));
            assertThat(l.fill().price()).isCloseTo(91.91, within(1e-9));
            assertThat(l.fill().feeUsd()).isCloseTo(4 * 91.91 * 0.001, within(1e-9));
        });
        var t = r.trades().getFirst();
        assertThat(t.liquidated()).isTrue();
        // Price P&L 4 × (91.91 − 101) = −36.36 of the 40.4 margin.
        assertThat(t.pricePnlUsd()).isCloseTo(-36.36, within(1e-9));
        assertThat(r.metrics().liquidations()).isEqualTo(1);
        assertThat(r.openPositions()).isEmpty();
    }

    @Test
    void ordersStillPendingAtTheEndExpire() {
        var r = run(MarketFeed.of(SPOT, S1), new Scripted().at(3, OrderRequest.market(0, Side.BUY, 1, 1)), SlippageModel.none(), 10_000);
        assertThat(fills(r)).isEmpty();
        assertThat(r.journal().entries(JournalEntry.Cancelled.class)).singleElement()
                .satisfies(c -> assertThat(c.reason()).contains("expired"));
        assertThat(OrderType.MARKET).isEqualTo(r.journal().entries(JournalEntry.Cancelled.class).getFirst().order().type());
    }
}
