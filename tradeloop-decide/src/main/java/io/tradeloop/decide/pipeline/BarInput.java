package io.tradeloop.decide.pipeline;

/**
 * What the decision stack reads on one closed bar: everything here is known at the bar's close.
 * The arrays are the caller's reusable buffers (read during the call only).
 *
 * @param timeMs        the bar's close time
 * @param price         its close
 * @param features      the scaled feature row (NaN-free)
 * @param window        the last {@code window} scaled rows, oldest first, flattened (null until enough bars have closed)
 * @param adx           ADX of the base timeframe (NaN while warming up)
 * @param realisedVol   realised volatility of the base timeframe
 * @param baseSlope     base-timeframe trend slope (e.g. the 42-bar return)
 * @param higherSlope   higher-timeframe slope (e.g. the 7-day return), NaN when absent
 * @param momentumZ     short return divided by its volatility (the adapter's momentum)
 * @param targetReturn  τ, the barrier width the labels used (σ × √horizon) at this bar
 * @param drawdown      the account's drawdown from its peak, [0, 1]
 * @param positionSide  −1, 0 or +1: what the account holds in this instrument
 * @param barsHeld      bars the open position has been held (0 when flat)
 */
public record BarInput(long timeMs, double price, float[] features, float[] window, double adx, double realisedVol, double baseSlope,
                       double higherSlope, double momentumZ, double targetReturn, double drawdown, int positionSide, int barsHeld) {
}
