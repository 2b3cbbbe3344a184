package io.tradeloop.core.portfolio;

import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.random.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PortfolioConservationProperties {
    private static final Instrument[] INSTRUMENTS = {
            Instrument.linearPerp("binance", "BTC"), Instrument.linearPerp("bybit", "ETH"), Instrument.spot("coinbase", "BTC", "USD")};

    /** cash + margin + P&amp;L is conserved: cash + Σ margin = initial − fees + funding + realised, at every step. */
    @Property(tries = 300)
    void cashPlusMarginIsConservedAcrossFillsAndFunding(@ForAll long seed, @ForAll @IntRange(min = 1, max = 200) int steps) {
        var rng = new Rng(seed);
        int books = 4;
        var p = new Portfolio(100_000, books);
        Instrument[] bookInstrument = new Instrument[books];
        double[] price = new double[books];
        for (int b = 0; b < books; b++) {
            bookInstrument[b] = INSTRUMENTS[rng.nextInt(INSTRUMENTS.length)];
            price[b] = rng.uniform(50, 5000);
        }
        for (int s = 0; s < steps; s++) {
            int b = rng.nextInt(books);
            price[b] *= Math.exp(0.03 * rng.nextGaussian());
            Instrument inst = bookInstrument[b];
            switch (rng.nextInt(3)) {
                case 0 -> {
                    double q = rng.uniform(-3, 3);
                    if (inst.kind().isPerpetual() || p.qty(b) + q >= 0) {
                        if (q != 0) {
                            double lev = inst.kind().isPerpetual() ? rng.nextInt(1, 10) : 1;
                            p.fill(b, inst, q, price[b], Math.abs(q) * price[b] * 0.0005, lev);
                        }
                    }
                }
                case 1 -> {
                    if (p.isOpen(b) && inst.kind().isPerpetual()) {
                        p.settleFunding(b, rng.uniform(-0.001, 0.001), price[b]);
                    }
                }
                default -> {
                    if (p.isOpen(b)) {
                        p.mark(b, price[b]);
                    }
                }
            }
            double scale = 1e-9 * (100_000 + Math.abs(p.realisedPnlUsd()) + p.usedMarginUsd());
            assertThat(p.cashUsd() + p.usedMarginUsd())
                    .isCloseTo(p.initialCashUsd() - p.feesPaidUsd() + p.fundingUsd() + p.realisedPnlUsd(), within(scale));
            assertThat(p.equityUsd()).isCloseTo(p.cashUsd() + p.usedMarginUsd() + p.unrealisedPnlUsd(), within(scale));
            double bookSum = 0;
            for (int k = 0; k < books; k++) {
                bookSum += p.realisedPnlUsd(k) + p.fundingUsd(k) - p.feesUsd(k);
                assertThat(p.marginUsd(k)).isGreaterThanOrEqualTo(-scale);
            }
            assertThat(bookSum).isCloseTo(p.realisedPnlUsd() + p.fundingUsd() - p.feesPaidUsd(), within(scale));
        }
    }
    /** Equity, used margin and open books (cached between changes) equal the sums over the books after every change. */
    @Property(tries = 200)
    void cachedSumsEqualTheLoopsOverTheBooksAfterEveryChange(@ForAll long seed, @ForAll @IntRange(min = 1, max = 150) int steps) {
        var rng = new Rng(seed);
        int books = 4;
        var p = new Portfolio(50_000, books);
        Instrument inst = INSTRUMENTS[0];
        double[] price = {100, 200, 300, 400};
        for (int s = 0; s < steps; s++) {
            if (rng.nextInt(2) == 0) {
                p.equityUsd();   // a read between changes: the next change must invalidate it
            }
            int b = rng.nextInt(books);
            price[b] *= Math.exp(0.02 * rng.nextGaussian());
            switch (rng.nextInt(4)) {
                case 0 -> p.fill(b, inst, rng.uniform(0.1, 2) * (rng.nextInt(2) == 0 ? 1 : -1), price[b], 0.1, rng.nextInt(1, 5));
                case 1 -> {
                    if (p.isOpen(b)) {
                        p.settleFunding(b, rng.uniform(-0.001, 0.001), price[b]);
                    }
                }
                case 2 -> {
                    if (p.isOpen(b)) {
                        p.fill(b, inst, -p.qty(b), price[b], 0.1, 1);   // close
                    } else {
                        p.resetBookHistory(b);
                    }
                }
                default -> p.mark(b, price[b]);
            }
            double eq = p.cashUsd();
            double margin = 0;
            int open = 0;
            for (int k = 0; k < books; k++) {
                if (p.qty(k) != 0) {
                    eq += p.marginUsd(k) + p.qty(k) * (p.markPrice(k) - p.entryPrice(k));
                    open++;
                }
                margin += p.marginUsd(k);
            }
            assertThat(p.equityUsd()).isEqualTo(eq);
            assertThat(p.usedMarginUsd()).isEqualTo(margin);
            assertThat(p.openBooks()).isEqualTo(open);
        }
    }
}
