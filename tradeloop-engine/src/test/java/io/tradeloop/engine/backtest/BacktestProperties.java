package io.tradeloop.engine.backtest;

import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.random.Rng;
import io.tradeloop.core.series.FundingSeries;
import io.tradeloop.engine.market.MarketFeed;
import io.tradeloop.engine.venue.FillModelPropertiesAccess;
import io.tradeloop.engine.venue.JournalEntry;
import io.tradeloop.engine.venue.SlippageModel;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Accounting and record-keeping invariants of any run. */
class BacktestProperties {
    static List<MarketFeed> feed(Rng rng) {
        var bars = FillModelPropertiesAccess.randomBars(rng, 30 + rng.nextInt(50));
        long[] t = new long[bars.size()];
        double[] r = new double[bars.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = bars.openTimeMs(i);
            r[i] = 0.0005 * rng.nextGaussian();
        }
        return List.of(new MarketFeed(Instrument.linearPerp("test", "BTC"), bars, new FundingSeries("test", "BTC", 1, t, r)));
    }

    @Property(tries = 150)
    void theBooksBalanceAndEveryOrderPassedTheRiskEngine(@ForAll long seed) {
        Rng rng = new Rng(seed);
        var feeds = feed(rng);
        var trader = FillModelPropertiesAccess.trader(rng.split());
        var r = new Backtest(feeds, trader, DefaultRisk.directional(),
                new BacktestConfig(1e6, new SlippageModel(5, 0.5, 500), Double.NaN)).run();
        var m = r.metrics();
        var journal = r.journal();
        // Fees and funding in the metrics are the sums over the journal's fills and settlements.
        double fees = journal.fills().stream().mapToDouble(f -> f.feeUsd()).sum();
        double funding = journal.entries(JournalEntry.FundingSettled.class).stream().mapToDouble(JournalEntry.FundingSettled::paymentUsd).sum();
        assertThat(m.feesPaidUsd()).isCloseTo(fees, within(1e-6));
        assertThat(m.fundingPaidUsd()).isCloseTo(-funding, within(1e-6));
        // Equity = initial + closed trades' net P&L + what the open positions carry (unrealised + realised,
        // funding and fees since they opened); with nothing open, closed trades explain every dollar.
        if (r.openPositions().isEmpty()) {
            double closed = r.trades().stream().mapToDouble(t -> t.pnlUsd()).sum();
            assertThat(m.finalEquityUsd()).isCloseTo(m.initialEquityUsd() + closed, within(1e-6));
        }
        // Every order the venue accepted belongs to a proposal the risk engine approved.
        Set<Long> approved = new HashSet<>();
        for (var rc : journal.entries(JournalEntry.RiskChecked.class)) {
            if (!rc.decision().isRefused()) approved.add(rc.proposalId());
        }
        for (var acc : journal.entries(JournalEntry.Accepted.class)) {
            assertThat(approved).contains(acc.proposalId());
        }
        assertThat(journal.entries(JournalEntry.RiskChecked.class)).hasSize(trader.submitted());
    }

    @Property(tries = 30)
    void aRunIsReproducible(@ForAll long seed) {
        var a = new Backtest(feed(new Rng(seed)), FillModelPropertiesAccess.trader(new Rng(seed + 1)), DefaultRisk.directional(),
                BacktestConfig.defaults()).run();
        var b = new Backtest(feed(new Rng(seed)), FillModelPropertiesAccess.trader(new Rng(seed + 1)), DefaultRisk.directional(),
                BacktestConfig.defaults()).run();
        assertThat(b.curve().equity()).containsExactly(a.curve().equity());
        assertThat(b.metrics()).isEqualTo(a.metrics());
    }
}
