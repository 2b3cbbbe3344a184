package io.tradeloop.core.portfolio;

import io.tradeloop.core.instrument.Instrument;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PortfolioTest {
    private static final Instrument BTC = Instrument.linearPerp("binance", "BTC");
    private static final Instrument SPOT = Instrument.spot("coinbase", "BTC", "USD");

    @Test
    void openMarkReduceAndCloseALongByHand() {
        var p = new Portfolio(1000, 1);
        p.fill(0, BTC, 2, 100, 0.2, 5);
        // margin = 2 × 100 / 5 = 40; cash = 1000 − 0.2 − 40 = 959.8
        assertThat(p.marginUsd(0)).isCloseTo(40, within(1e-12));
        assertThat(p.cashUsd()).isCloseTo(959.8, within(1e-12));
        p.mark(0, 110);
        // unrealised = 2 × (110 − 100) = 20; equity = 959.8 + 40 + 20
        assertThat(p.unrealisedPnlUsd()).isCloseTo(20, within(1e-12));
        assertThat(p.equityUsd()).isCloseTo(1019.8, within(1e-12));

        p.fill(0, BTC, -1, 110, 0.11, 5);
        // realised 1 × 10 = 10; half the margin (20) comes back: 959.8 − 0.11 + 20 + 10
        assertThat(p.realisedPnlUsd()).isCloseTo(10, within(1e-12));
        assertThat(p.cashUsd()).isCloseTo(989.69, within(1e-9));
        assertThat(p.marginUsd(0)).isCloseTo(20, within(1e-12));
        assertThat(p.qty(0)).isEqualTo(1);

        p.fill(0, BTC, -1, 90, 0, 5);
        // realised −10, last 20 of margin back: 989.69 + 20 − 10
        assertThat(p.cashUsd()).isCloseTo(999.69, within(1e-9));
        assertThat(p.isOpen(0)).isFalse();
        assertThat(p.usedMarginUsd()).isZero();
        assertThat(p.equityUsd()).isCloseTo(999.69, within(1e-9));
        assertThat(p.feesPaidUsd()).isCloseTo(0.31, within(1e-12));
        assertThat(p.tradeCount()).isEqualTo(3);
    }

    @Test
    void flipFromLongToShortClosesThenOpensAtTheFillPrice() {
        var p = new Portfolio(1000, 1);
        p.fill(0, BTC, 1, 100, 0, 2); // margin 50, cash 950
        p.fill(0, BTC, -3, 120, 0, 2); // close 1: +20 realised, +50 margin; open −2 @120: margin 120
        assertThat(p.qty(0)).isEqualTo(-2);
        assertThat(p.entryPrice(0)).isEqualTo(120);
        assertThat(p.marginUsd(0)).isCloseTo(120, within(1e-12));
        assertThat(p.cashUsd()).isCloseTo(900, within(1e-12));
        assertThat(p.realisedPnlUsd()).isCloseTo(20, within(1e-12));
        p.mark(0, 110); // short gains 2 × 10
        assertThat(p.equityUsd()).isCloseTo(1040, within(1e-12));
    }

    @Test
    void increasingAveragesTheEntryAndAddsMarginAtTheBooksLeverage() {
        var p = new Portfolio(10_000, 1);
        p.fill(0, BTC, 1, 100, 0, 4);
        p.fill(0, BTC, 1, 110, 0, 4);
        assertThat(p.entryPrice(0)).isCloseTo(105, within(1e-12));
        assertThat(p.marginUsd(0)).isCloseTo(25 + 27.5, within(1e-12));
    }

    @Test
    void fundingLongPaysPositiveRateShortReceives() {
        var p = new Portfolio(1000, 2);
        p.fill(0, BTC, 2, 100, 0, 1);
        p.fill(1, BTC, -2, 100, 0, 1);
        // payment = −qty × mark × rate
        assertThat(p.settleFunding(0, 0.0001, 100)).isCloseTo(-0.02, within(1e-15));
        assertThat(p.settleFunding(1, 0.0001, 100)).isCloseTo(0.02, within(1e-15));
        assertThat(p.settleFunding(0, -0.0003, 110)).isCloseTo(0.066, within(1e-15));
        assertThat(p.fundingUsd()).isCloseTo(0.066, within(1e-12));
        assertThat(p.fundingUsd(0)).isCloseTo(0.046, within(1e-12));
    }

    @Test
    void liquidationPricesFollowTheContract() {
        // long: entry × (1 − 0.9/L); short: entry × (1 + 0.9/L)
        assertThat(Margin.liquidationPrice(100, 10, true)).isCloseTo(91, within(1e-12));
        assertThat(Margin.liquidationPrice(100, 10, false)).isCloseTo(109, within(1e-12));
        assertThat(Margin.liquidationPrice(2000, 3, true)).isCloseTo(1400, within(1e-9));
        var p = new Portfolio(1000, 2);
        p.fill(0, BTC, 1, 100, 0, 10);
        p.fill(1, BTC, -1, 100, 0, 10);
        p.mark(0, 95);
        p.mark(1, 95);
        assertThat(p.liquidationPrice(0)).isCloseTo(91, within(1e-12));
        assertThat(p.liquidationDistance(0)).isCloseTo(4.0 / 95, within(1e-12));
        assertThat(p.liquidationDistance(1)).isCloseTo(14.0 / 95, within(1e-12));
    }

    @Test
    void drawdownIsMeasuredFromThePeak() {
        var p = new Portfolio(1000, 1);
        p.fill(0, BTC, 10, 100, 0, 1);
        p.mark(0, 110);
        assertThat(p.updateDrawdown()).isCloseTo(1100, within(1e-9));
        p.mark(0, 99);
        p.updateDrawdown(); // equity 990: (1100 − 990) / 1100 = 0.1
        assertThat(p.maxDrawdownPct()).isCloseTo(0.1, within(1e-12));
        assertThat(p.drawdownPct()).isCloseTo(0.1, within(1e-12));
        p.mark(0, 105);
        p.updateDrawdown();
        assertThat(p.maxDrawdownPct()).isCloseTo(0.1, within(1e-12));
        assertThat(p.drawdownPct()).isCloseTo(50.0 / 1100, within(1e-12));
    }

    @Test
    void spotRefusesLeverageShortsAndFunding() {
        var p = new Portfolio(1000, 1);
        assertThatThrownBy(() -> p.fill(0, SPOT, 1, 100, 0, 2)).hasMessageContaining("cannot be leveraged");
        assertThatThrownBy(() -> p.fill(0, SPOT, -1, 100, 0, 1)).hasMessageContaining("cannot be sold short");
        p.fill(0, SPOT, 1, 100, 0.1, 1);
        assertThat(p.cashUsd()).isCloseTo(899.9, within(1e-12));
        assertThatThrownBy(() -> p.settleFunding(0, 0.001, 100)).hasMessageContaining("spot");
        assertThat(p.liquidationPrice(0)).isNaN();
    }

    @Test
    void badFillsAreRefusedWithTheValue() {
        var p = new Portfolio(1000, 1);
        assertThatThrownBy(() -> p.fill(0, BTC, 1, Double.NaN, 0, 1)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> p.fill(0, BTC, 0, 100, 0, 1)).hasMessageContaining("non-zero");
        assertThatThrownBy(() -> p.fill(0, BTC, 1, 100, 0, 0.5)).hasMessageContaining("leverage");
        p.fill(0, BTC, 1, 100, 0, 1);
        assertThatThrownBy(() -> p.fill(0, Instrument.linearPerp("bybit", "ETH"), 1, 100, 0, 1))
                .hasMessageContaining("book 0 holds binance:BTCUSDT");
    }
}
