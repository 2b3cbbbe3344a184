package io.tradeloop.learn.label;

import io.tradeloop.core.config.Checks;

/**
 * Triple-barrier labelling parameters (López de Prado, <i>Advances in Financial Machine Learning</i>,
 * ch. 3). The horizontal barriers sit at ± a multiple of the target return τᵢ = σᵢ × √horizon, where
 * σᵢ is the standard deviation of the last {@code volWindow} one-bar log returns ending at bar i; the
 * vertical barrier is {@code horizonBars} bars after entry.
 *
 * @param profitTakeMult multiple of τ for the profit-take barrier, in [0.1, 10] (default 1.0)
 * @param stopLossMult   multiple of τ for the stop-loss barrier, in [0.1, 10] (default 1.0)
 * @param horizonBars    bars until the vertical barrier, in [1, 10 000] (default 12 = 2 days of 4h bars)
 * @param volWindow      bars in the volatility estimate, in [2, 10 000] (default 50)
 * @param minTargetReturn floor on τ so a dead-calm window does not make barriers at the tick, in [0, 1] (default 0.002)
 */
public record TripleBarrierConfig(double profitTakeMult, double stopLossMult, int horizonBars, int volWindow,
                                  double minTargetReturn) {
    public TripleBarrierConfig {
        Checks.inRange("profit_take_mult", profitTakeMult, 0.1, 10);
        Checks.inRange("stop_loss_mult", stopLossMult, 0.1, 10);
        Checks.inRange("horizon_bars", horizonBars, 1, 10_000);
        Checks.inRange("vol_window", volWindow, 2, 10_000);
        Checks.inRange("min_target_return", minTargetReturn, 0.0, 1.0);
    }

    public static TripleBarrierConfig defaults() {
        return new TripleBarrierConfig(1.0, 1.0, 12, 50, 0.002);
    }
}
