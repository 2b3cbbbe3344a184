package io.tradeloop.rl.env.funding;

import io.tradeloop.core.config.Checks;

/**
 * The documented model for the liquidity fields the data does not have (bid-ask spread and order-book
 * depth everywhere, 24-hour volume on the rates-only venues). It is a model, not data: the constants give
 * plausible magnitudes for BTC/ETH perpetuals and the shapes follow the usual microstructure relations
 * (spreads widen with volatility and narrow with the square root of turnover; depth grows with volume and
 * shrinks with volatility).
 *
 * <pre>
 *   bid_ask_pct = clamp(100 × spreadCoefficient × σ_1h / sqrt(volume_24h / 1e6 USD), minBidAskPct, maxBidAskPct)
 *   depth_usd   = depthFraction × volume_24h × referenceVol / max(σ_1h, 1e-4)
 *   volume_24h  = (where a venue has no volume) the median 24 h volume of the venues that have it, same asset, same step
 * </pre>
 * σ_1h is the asset's hourly volatility: sqrt(Σ squared log returns of the reference price over the last 24 h / 24).
 *
 * @param spreadCoefficient    c in the spread formula (0.063: 0.001% at σ = 0.5%/h and 1e9 USD a day)
 * @param depthFraction        share of a day's volume resting within reach (0.01)
 * @param referenceVol         hourly volatility at which depth is {@code depthFraction × volume} (0.005)
 * @param minBidAskPct         floor, about one tick (0.0005%)
 * @param maxBidAskPct         ceiling (1%)
 */
public record LiquidityModel(double spreadCoefficient, double depthFraction, double referenceVol, double minBidAskPct,
                             double maxBidAskPct) {
    public LiquidityModel {
        Checks.inRange("liquidity.spread_coefficient", spreadCoefficient, 0, 100);
        Checks.inRange("liquidity.depth_fraction", depthFraction, 1e-9, 1);
        Checks.inRange("liquidity.reference_vol", referenceVol, 1e-6, 1);
        Checks.inRange("liquidity.min_bid_ask_pct", minBidAskPct, 0, 10);
        Checks.inRange("liquidity.max_bid_ask_pct", maxBidAskPct, minBidAskPct, 10);
    }

    public static LiquidityModel defaults() {
        return new LiquidityModel(0.063, 0.01, 0.005, 0.0005, 1.0);
    }

    /** Bid-ask spread in percent of the mid. */
    public double bidAskPct(double volume24hUsd, double hourlyVol) {
        double turnover = Math.max(volume24hUsd, 1.0) / 1e6;
        double pct = 100 * spreadCoefficient * hourlyVol / Math.sqrt(turnover);
        return Math.min(maxBidAskPct, Math.max(minBidAskPct, pct));
    }

    /** Order-book depth in USD. */
    public double depthUsd(double volume24hUsd, double hourlyVol) {
        return depthFraction * Math.max(volume24hUsd, 0) * referenceVol / Math.max(hourlyVol, 1e-4);
    }
}
