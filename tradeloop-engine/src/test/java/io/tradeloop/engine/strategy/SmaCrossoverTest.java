package io.tradeloop.engine.strategy;

import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.order.Side;
import io.tradeloop.core.random.Rng;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.engine.backtest.Backtest;
import io.tradeloop.engine.backtest.BacktestConfig;
import io.tradeloop.engine.backtest.BacktestResult;
import io.tradeloop.engine.backtest.DefaultRisk;
import io.tradeloop.engine.market.MarketFeed;
import io.tradeloop.engine.strategy.sma.SmaCrossover;
import io.tradeloop.engine.venue.JournalEntry;
import io.tradeloop.engine.venue.SlippageModel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmaCrossoverTest {
    static final Instrument SPOT = Instrument.spot("test", "BTC", "USD");

    static BarSeries closes(double... c) {
        var b = BarSeries.builder("closes", Timeframe.H1);
        for (int i = 0; i < c.length; i++) {
            double open = i == 0 ? c[0] : c[i - 1];
            b.add(i * 3_600_000L, open, Math.max(open, c[i]), Math.min(open, c[i]), c[i], 1000);
        }
        return b.build();
    }

    static BacktestResult run(BarSeries bars, int fast, int slow) {
        return new Backtest(List.of(MarketFeed.of(SPOT, bars)), new SmaCrossover(new SmaCrossover.Config(0, fast, slow, 0.95, 1)),
                DefaultRisk.directional(), new BacktestConfig(10_000, SlippageModel.none(), Double.NaN)).run();
    }

    @Test
    void buysTheBarAfterACrossUpAndSellsTheBarAfterACrossDown() {
        // closes 10, 10, 10, 12, 14, 9, 8, 8 with SMA 2 and SMA 3:
        //   bar:   2     3       4     5        6        7
        //   SMA2: 10    11      13    11.5      8.5      8
        //   SMA3: 10    10.667  12    11.667   10.333    8.333
        //   diff:  0    +0.333  +1    −0.167   −1.833   −0.333
        // Bar 3: previous diff 0 ≤ 0 and now > 0 → buy, filled at bar 4's open (= bar 3's close, 12).
        // Bar 5: previous diff +1 ≥ 0 and now < 0 → sell, filled at bar 6's open (9).
        var r = run(closes(10, 10, 10, 12, 14, 9, 8, 8), 2, 3);
        var fills = r.journal().entries(JournalEntry.Filled.class);
        assertThat(fills).hasSize(2);
        assertThat(fills.get(0).bar()).isEqualTo(4);
        assertThat(fills.get(0).fill().side()).isEqualTo(Side.BUY);
        assertThat(fills.get(0).fill().price()).isEqualTo(12);
        assertThat(fills.get(1).bar()).isEqualTo(6);
        assertThat(fills.get(1).fill().side()).isEqualTo(Side.SELL);
        assertThat(fills.get(1).fill().price()).isEqualTo(9);
        // Sized at 95% of equity at the decision close: 0.95 × 10,000 / 12 = 791.67 BTC (lot 1e-8).
        assertThat(fills.get(0).fill().qty()).isBetween(791.666, 791.667);
    }

    @Test
    void runningSumsDecideExactlyLikeRecomputedAveragesOverLongSeries() {
        // 20,000 bars (past several exact re-sums every 4096 bars) against a naive reference.
        Rng rng = new Rng(7);
        double[] c = new double[20_000];
        double p = 1000;
        for (int i = 0; i < c.length; i++) {
            p *= Math.exp(0.01 * rng.nextGaussian());
            c[i] = p;
        }
        int fast = 10;
        int slow = 40;
        var r = run(closes(c), fast, slow);
        List<Integer> expected = new ArrayList<>();
        boolean in = false;
        double prev = Double.NaN;
        for (int i = slow - 1; i < c.length - 1; i++) {
            double f = 0;
            double s = 0;
            for (int j = i - fast + 1; j <= i; j++) f += c[j];
            for (int j = i - slow + 1; j <= i; j++) s += c[j];
            double diff = f / fast - s / slow;
            if (i >= slow) {
                if (!in && prev <= 0 && diff > 0) {
                    expected.add(i + 1);
                    in = true;
                } else if (in && prev >= 0 && diff < 0) {
                    expected.add(i + 1);
                    in = false;
                }
            }
            prev = diff;
        }
        var actual = r.journal().entries(JournalEntry.Filled.class).stream().map(JournalEntry.Filled::bar).toList();
        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void refusesAFastWindowNotBelowTheSlowOne() {
        assertThatThrownBy(() -> new SmaCrossover.Config(0, 50, 50, 0.95, 1)).hasMessageContaining("fast").hasMessageContaining("50");
    }
}
