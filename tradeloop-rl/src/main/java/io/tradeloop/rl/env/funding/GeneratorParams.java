package io.tradeloop.rl.env.funding;

import java.util.List;

/**
 * The fitted parameters of the {@link MarketGenerator}, per asset (rates are 8-hour rates as fractions,
 * volatilities per hour). Written into reports and checkpoints as JSON.
 *
 * @param fitFromMs         start of the window the parameters were fitted on
 * @param fitToMs           its end (exclusive)
 * @param returnCorrelation correlation of the assets' price shocks (diffusion and jumps)
 * @param jumpProbability   probability per hour of a market-wide price jump
 * @param assets            one entry per asset; the first one's volatility-regime switching rates drive the
 *                          market-wide regime
 */
public record GeneratorParams(long fitFromMs, long fitToMs, double returnCorrelation, double jumpProbability,
                              List<AssetParams> assets) {
    public GeneratorParams {
        assets = List.copyOf(assets);
    }

    /**
     * One asset.
     *
     * @param asset        base asset
     * @param startPrice   price at the start of a generated path
     * @param price        the price's volatility regimes
     * @param funding      the funding rate common to the asset's venues: regime means and an AR(1) around them
     * @param linearBasis  a linear perpetual's price deviation from the others: AR(1)
     * @param inverseBasis an inverse perpetual's price deviation from the linear ones: mean and AR(1)
     * @param basisKappa   price deviation per unit of funding deviation from the venues' mean
     * @param jumpSigma    standard deviation of the asset's log-price jump
     * @param legs         the venues
     */
    public record AssetParams(String asset, double startPrice, RegimeAr price, RegimeAr funding, Ar1 linearBasis,
                              Ar1 inverseBasis, double basisKappa, double jumpSigma, List<LegParams> legs) {
        public AssetParams {
            legs = List.copyOf(legs);
        }
    }

    /**
     * A two-state Markov regime (low/high) with an AR(1) around the regime's level; for prices the level is
     * 0 and {@code sigmaLow}/{@code sigmaHigh} are the hourly return volatilities of each regime.
     *
     * @param levelLow      level in the low regime
     * @param levelHigh     level in the high regime
     * @param sigmaLow      innovation (prices: return) volatility per hour in the low regime
     * @param sigmaHigh     same in the high regime
     * @param pLowToHigh    probability per hour of switching low → high
     * @param pHighToLow    probability per hour of switching high → low
     * @param phi           hourly AR(1) coefficient of the deviation from the level (0 for prices)
     */
    public record RegimeAr(double levelLow, double levelHigh, double sigmaLow, double sigmaHigh, double pLowToHigh,
                           double pHighToLow, double phi) {
    }

    /**
     * An AR(1) process x_t = mean + phi (x_{t−1} − mean) + sigma × sqrt(1 − phi²) × N(0, 1), hourly.
     *
     * @param mean   long-run mean
     * @param phi    hourly autocorrelation
     * @param sigma  stationary standard deviation
     */
    public record Ar1(double mean, double phi, double sigma) {
        double step(double x, double normal) {
            return mean + phi * (x - mean) + sigma * Math.sqrt(Math.max(0, 1 - phi * phi)) * normal;
        }
    }

    /**
     * One venue's perpetual.
     *
     * @param leg              what it is (venue, kind, funding interval, whether prices and volume are "observed")
     * @param settleOffsetHours hour of the first settlement of the day modulo the interval (KuCoin: 4)
     * @param rate             its funding's deviation from the asset's common rate: mean offset and AR(1)
     * @param hourlyNoise      for venues settling more often than every 8 h: noise of each settled rate (8-hour units)
     * @param logVolume        log10 of 24 h volume in USD: AR(1) (NaN mean: no volume, as in the data)
     * @param pinnedRate       the 8-hour rate the venue settles at whenever its premium is small (most venues:
     *                         1 bp, the interest component; NaN when the venue has none)
     * @param pinBand          rates within this distance of {@code pinnedRate} settle exactly at it (fitted so the
     *                         share of pinned settlements matches the data)
     * @param rateTailDf       degrees of freedom of the Student-t shocks of the venue's rate deviation (funding
     *                         spikes; +∞: normal)
     */
    public record LegParams(LegMarket leg, int settleOffsetHours, Ar1 rate, double hourlyNoise, Ar1 logVolume,
                            double pinnedRate, double pinBand, double rateTailDf) {
        /** The settled 8-hour rate for a latent rate: pinned inside the band, as is outside it. */
        double settle(double rate8h) {
            return !Double.isNaN(pinnedRate) && Math.abs(rate8h - pinnedRate) <= pinBand ? pinnedRate : rate8h;
        }

        LegParams withPinBand(double band) {
            return new LegParams(leg, settleOffsetHours, rate, hourlyNoise, logVolume, pinnedRate, band, rateTailDf);
        }
    }
}
