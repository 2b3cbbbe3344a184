package io.tradeloop.engine.backtest;

import io.tradeloop.core.config.Checks;
import io.tradeloop.engine.venue.SlippageModel;

/**
 * The settings of one backtest run (fees come with each feed's instrument).
 *
 * @param initialCashUsd starting capital, &gt; 0 (default 10,000)
 * @param slippage       the venue's slippage model (default {@link SlippageModel#defaults()})
 * @param periodsPerYear annualisation factor for the metrics; NaN (the default) derives it from the
 *                       shortest bar timeframe as 365 days / timeframe. Set 252 for daily equity bars.
 */
public record BacktestConfig(double initialCashUsd, SlippageModel slippage, double periodsPerYear) {
    public BacktestConfig {
        Checks.positive("capital", initialCashUsd);
        Checks.notNull("slippage", slippage);
        if (!Double.isNaN(periodsPerYear)) {
            Checks.inRange("periods_per_year", periodsPerYear, 1, 1e8);
        }
    }

    public static BacktestConfig defaults() {
        return new BacktestConfig(10_000, SlippageModel.defaults(), Double.NaN);
    }

    public BacktestConfig withSlippage(SlippageModel model) {
        return new BacktestConfig(initialCashUsd, model, periodsPerYear);
    }

    public BacktestConfig withCapital(double usd) {
        return new BacktestConfig(usd, slippage, periodsPerYear);
    }
}
