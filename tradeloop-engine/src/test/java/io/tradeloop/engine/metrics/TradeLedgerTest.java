package io.tradeloop.engine.metrics;

import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.order.Fill;
import io.tradeloop.core.order.Liquidity;
import io.tradeloop.core.order.Side;
import io.tradeloop.core.portfolio.Portfolio;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TradeLedgerTest {
    static final Instrument A = Instrument.linearPerp("a", "BTC");
    static final Instrument B = Instrument.linearPerp("b", "BTC");

    private static void book(Portfolio p, TradeLedger l, long proposal, Instrument inst, int book, Side side, double qty,
                             double price, double fee, long t) {
        Fill f = new Fill("o" + t, inst, side, qty, price, fee, Liquidity.TAKER, 1, book, t);
        p.apply(f);
        l.onFill(f, proposal, false);
    }

    @Test
    void aRoundTripCarriesItsPriceFundingAndFees() {
        var p = new Portfolio(10_000, 3);
        var l = new TradeLedger(p);
        book(p, l, 1, A, 0, Side.BUY, 2, 100, 0.2, 1);
        p.settleFunding(0, 0.001, 105); // a long pays: −2 × 105 × 0.001 = −0.21
        book(p, l, 2, A, 0, Side.SELL, 2, 110, 0.22, 2);
        var t = l.closedTrades().getFirst();
        // price 2 × (110 − 100) = 20; funding −0.21; fees 0.2 + 0.22 = 0.42; net 20 − 0.21 − 0.42 = 19.37.
        assertThat(t.pricePnlUsd()).isCloseTo(20, within(1e-12));
        assertThat(t.fundingUsd()).isCloseTo(-0.21, within(1e-12));
        assertThat(t.feesUsd()).isCloseTo(0.42, within(1e-12));
        assertThat(t.pnlUsd()).isCloseTo(19.37, within(1e-12));
        assertThat(t.entryNotionalUsd()).isEqualTo(200);
        assertThat(t.description()).isEqualTo("long a:BTCUSDT");
        assertThat(l.tradedNotionalUsd()).isEqualTo(200 + 220);
    }

    @Test
    void legsOfOneProposalAreOneTradeUntilTheLastIsFlat() {
        var p = new Portfolio(10_000, 3);
        var l = new TradeLedger(p);
        book(p, l, 7, A, 1, Side.BUY, 1, 50, 0.05, 1);
        book(p, l, 7, B, 2, Side.SELL, 1, 51, 0.051, 1);
        book(p, l, 8, A, 1, Side.SELL, 1, 52, 0.052, 2);
        assertThat(l.closedTrades()).isEmpty();
        assertThat(l.openTrades()).isEqualTo(1);
        book(p, l, 8, B, 2, Side.BUY, 1, 50, 0.05, 3);
        var t = l.closedTrades().getFirst();
        // long leg +2, short leg +1 → 3; fees 0.05 + 0.051 + 0.052 + 0.05 = 0.203; net 2.797.
        assertThat(t.legs()).isEqualTo(2);
        assertThat(t.pricePnlUsd()).isCloseTo(3, within(1e-12));
        assertThat(t.feesUsd()).isCloseTo(0.203, within(1e-12));
        assertThat(t.pnlUsd()).isCloseTo(2.797, within(1e-12));
        assertThat(t.entryNotionalUsd()).isCloseTo(101, within(1e-12));
        assertThat(t.description()).isEqualTo("long a:BTCUSDT / short b:BTCUSDT");
        assertThat(t.exitMs()).isEqualTo(3);
    }

    @Test
    void aFlipEndsOneTradeAndStartsTheNext() {
        var p = new Portfolio(10_000, 1);
        var l = new TradeLedger(p);
        book(p, l, 1, A, 0, Side.BUY, 1, 100, 0.1, 1);
        book(p, l, 2, A, 0, Side.SELL, 3, 90, 0.27, 2); // closes the long at 90 and opens a short of 2
        assertThat(l.closedTrades()).singleElement().satisfies(t -> {
            assertThat(t.pricePnlUsd()).isCloseTo(-10, within(1e-12));
            assertThat(t.feesUsd()).isCloseTo(0.37, within(1e-12)); // the flip's fee goes to the trade it ends
        });
        book(p, l, 3, A, 0, Side.BUY, 2, 80, 0.16, 3);
        var second = l.closedTrades().get(1);
        assertThat(second.description()).isEqualTo("short a:BTCUSDT");
        assertThat(second.pricePnlUsd()).isCloseTo(20, within(1e-12)); // 2 × (90 − 80)
        assertThat(second.feesUsd()).isCloseTo(0.16, within(1e-12));
    }
}
