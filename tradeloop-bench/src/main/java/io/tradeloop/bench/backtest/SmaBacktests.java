package io.tradeloop.bench.backtest;

import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.engine.backtest.Backtest;
import io.tradeloop.engine.backtest.BacktestConfig;
import io.tradeloop.engine.backtest.BacktestResult;
import io.tradeloop.engine.backtest.DefaultRisk;
import io.tradeloop.engine.market.MarketFeed;
import io.tradeloop.engine.metrics.EquityCurve;
import io.tradeloop.engine.strategy.sma.SmaCrossover;
import io.tradeloop.engine.venue.SlippageModel;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.analysis.cost.LinearTransactionCostModel;
import org.ta4j.core.analysis.cost.ZeroCostModel;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.backtest.TradeOnNextOpenModel;
import org.ta4j.core.indicators.averages.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The same SMA crossover (long/flat, decide at the close, trade at the next open, fee on every fill)
 * run two ways on the same bars: through tradeloop's engine and through ta4j's {@link BarSeriesManager}.
 * Used by the bench table, the JMH benchmark and the parity test.
 */
public final class SmaBacktests {
    /** Fee on every fill in both engines: 0.1% of notional. */
    public static final double FEE = 0.001;

    private SmaBacktests() {
    }

    /** A spot feed charging {@link #FEE} as maker and taker. */
    public static MarketFeed feed(BarSeries bars) {
        return MarketFeed.of(Instrument.spot("bench", "RW", "USD").withFees(FEE, FEE), bars);
    }

    /** Fees only, no slippage: the same cost model ta4j's linear transaction cost applies. */
    public static BacktestConfig config() {
        return new BacktestConfig(1_000_000, SlippageModel.none(), Double.NaN);
    }

    /** tradeloop: the full engine (risk engine on every order, venue, portfolio, journal, equity curve, metrics). */
    public static BacktestResult runOurs(MarketFeed feed, int fast, int slow, EquityCurve reusableCurve) {
        var strategy = new SmaCrossover(new SmaCrossover.Config(0, fast, slow, 0.95, 1));
        return new Backtest(List.of(feed), strategy, DefaultRisk.directional(), config(), reusableCurve).run();
    }

    /** The bars as a ta4j series of {@code DoubleNum} (ta4j's fast number type). */
    public static org.ta4j.core.BarSeries toTa4j(BarSeries bars) {
        var series = new BaseBarSeriesBuilder().withName(bars.name()).withNumFactory(DoubleNumFactory.getInstance()).build();
        Duration period = Duration.ofMillis(bars.timeframe().millis());
        for (int i = 0; i < bars.size(); i++) {
            series.barBuilder().timePeriod(period).endTime(Instant.ofEpochMilli(bars.closeTimeMs(i)))
                    .openPrice(bars.open(i)).highPrice(bars.high(i)).lowPrice(bars.low(i)).closePrice(bars.close(i))
                    .volume(bars.volume(i)).add();
        }
        return series;
    }

    /** ta4j: fresh indicators (their caches start empty), BarSeriesManager with next-open execution and a linear fee. */
    public static TradingRecord runTa4j(org.ta4j.core.BarSeries series, int fast, int slow) {
        var close = new ClosePriceIndicator(series);
        var smaFast = new SMAIndicator(close, fast);
        var smaSlow = new SMAIndicator(close, slow);
        var strategy = new BaseStrategy("sma", new CrossedUpIndicatorRule(smaFast, smaSlow),
                new CrossedDownIndicatorRule(smaFast, smaSlow), slow);
        var manager = new BarSeriesManager(series, new LinearTransactionCostModel(FEE), new ZeroCostModel(), new TradeOnNextOpenModel());
        return manager.run(strategy);
    }
}
