package io.tradeloop.rl.env.funding;

import io.tradeloop.core.config.Checks;

import static io.tradeloop.rl.env.funding.ObservationLayout.*;

/**
 * One arbitrage opportunity as the policy sees it: perpetuals of one asset on two venues, long where funding
 * is lower (paid to longs), short where it is higher. This record is the single place the 20 opportunity
 * features are computed ({@link #encode}), for the environment's market tape and for serving
 * ({@code POST /api/predict-multi}) alike.
 *
 * @param asset             base asset
 * @param longVenue         where the long leg trades (leg name, e.g. {@code binance:BTCUSDT})
 * @param shortVenue        where the short leg trades
 * @param longFundingRate   latest settled funding rate of the long leg, per its own interval (fraction)
 * @param shortFundingRate  same for the short leg
 * @param longIntervalHours funding interval of the long leg in hours
 * @param shortIntervalHours funding interval of the short leg
 * @param profit8h24hAvg    mean of the 8-hour differential (short − long, per 8 h, fraction) over the last 24 h
 * @param profit8h3dAvg     same over the last 3 days
 * @param spread30AvgBp     mean of the last 30 samples of the price spread (short − long) / mid, in basis points
 * @param spread24hAvgBp    mean spread over the last 24 h (bp)
 * @param spread3dAvgBp     mean spread over the last 3 days (bp)
 * @param spreadStdBp       standard deviation of the last 30 spread samples (bp)
 * @param volume24hUsd      24-hour volume of the thinner leg (USD)
 * @param longBidAskPct     bid-ask spread of the long leg, % of mid
 * @param shortBidAskPct    bid-ask spread of the short leg, % of mid
 * @param depthUsd          order-book depth of the thinner leg (USD)
 * @param longFeeRate       fee per trade of the long leg (fraction of notional)
 * @param shortFeeRate      fee per trade of the short leg
 */
public record Opportunity(String asset, String longVenue, String shortVenue, double longFundingRate, double shortFundingRate,
                          double longIntervalHours, double shortIntervalHours, double profit8h24hAvg, double profit8h3dAvg,
                          double spread30AvgBp, double spread24hAvgBp, double spread3dAvgBp, double spreadStdBp,
                          double volume24hUsd, double longBidAskPct, double shortBidAskPct, double depthUsd,
                          double longFeeRate, double shortFeeRate) {
    /** Basis points per unit. */
    static final double BP = 1e4;
    /** Eight-hour periods in a year: APR = 8-hour rate × 3 × 365. */
    static final double PERIODS_8H_PER_YEAR = 3 * 365;

    public Opportunity {
        Checks.notBlank("asset", asset);
        Checks.notBlank("long_venue", longVenue);
        Checks.notBlank("short_venue", shortVenue);
        Checks.inRange("long_funding_rate", longFundingRate, -0.1, 0.1);
        Checks.inRange("short_funding_rate", shortFundingRate, -0.1, 0.1);
        Checks.inRange("long_interval_hours", longIntervalHours, 1.0 / 60, 24);
        Checks.inRange("short_interval_hours", shortIntervalHours, 1.0 / 60, 24);
        Checks.inRange("profit_8h_24h_avg", profit8h24hAvg, -1, 1);
        Checks.inRange("profit_8h_3d_avg", profit8h3dAvg, -1, 1);
        Checks.inRange("spread_30_avg_bp", spread30AvgBp, -1e5, 1e5);
        Checks.inRange("spread_24h_avg_bp", spread24hAvgBp, -1e5, 1e5);
        Checks.inRange("spread_3d_avg_bp", spread3dAvgBp, -1e5, 1e5);
        Checks.inRange("spread_std_bp", spreadStdBp, 0, 1e5);
        Checks.inRange("volume_24h_usd", volume24hUsd, 0, 1e15);
        Checks.inRange("long_bid_ask_pct", longBidAskPct, 0, 100);
        Checks.inRange("short_bid_ask_pct", shortBidAskPct, 0, 100);
        Checks.inRange("depth_usd", depthUsd, 0, 1e15);
        Checks.inRange("long_fee_rate", longFeeRate, 0, 0.01);
        Checks.inRange("short_fee_rate", shortFeeRate, 0, 0.01);
    }

    /** Current 8-hour differential: short rate × 8 / its interval − long rate × 8 / its interval (fraction). */
    public double profit8h() {
        return shortFundingRate * 8 / shortIntervalHours - longFundingRate * 8 / longIntervalHours;
    }

    /** Round-trip cost in % of position size: fees on entry and exit of both legs plus half the bid-ask each way. */
    public double positionCostPct() {
        return 2 * (longFeeRate + shortFeeRate) * 100 + longBidAskPct + shortBidAskPct;
    }

    /** Funding expected over the next 24 h at the 24-hour average, minus the round-trip cost, in % of size. */
    public double estimatedProfitPct() {
        return 3 * profit8h24hAvg * 100 - positionCostPct();
    }

    /** APR of the 24-hour projection (fraction per year), the score's return term. */
    public double apr24hProj() {
        return profit8h24hAvg * PERIODS_8H_PER_YEAR;
    }

    /**
     * The composite score that ranks opportunities for the top-10 (plan 4.3): APR of the 24-hour projection ×
     * quality, quality = (volume ≥ volume threshold ? 1 : 0.5) × (worse bid-ask &lt; bid-ask threshold ? 1 : 0.5).
     */
    public double compositeScore(double qualityVolumeUsd, double qualityBidAskPct) {
        double quality = (volume24hUsd >= qualityVolumeUsd ? 1 : 0.5)
                * (Math.max(longBidAskPct, shortBidAskPct) < qualityBidAskPct ? 1 : 0.5);
        return apr24hProj() * quality;
    }

    /**
     * Writes the 20 features of an opportunity slot in contract order (units in {@link ObservationLayout}):
     * is_valid, the two rates (bp per own interval), the two intervals / 8 h, the 8-hour differential and its
     * 24 h and 3 d averages (bp), their APRs (fraction per year), the spread statistics (bp), log10 volume,
     * the worse bid-ask (%), log10 depth, estimated profit (%) and position cost (%).
     */
    public void encode(float[] out, int offset) {
        double profit8h = profit8h();
        out[offset + O_IS_VALID] = 1f;
        out[offset + O_LONG_RATE] = (float) (longFundingRate * BP);
        out[offset + O_SHORT_RATE] = (float) (shortFundingRate * BP);
        out[offset + O_LONG_INTERVAL] = (float) (longIntervalHours / 8);
        out[offset + O_SHORT_INTERVAL] = (float) (shortIntervalHours / 8);
        out[offset + O_PROFIT_8H] = (float) (profit8h * BP);
        out[offset + O_PROFIT_8H_24H] = (float) (profit8h24hAvg * BP);
        out[offset + O_PROFIT_8H_3D] = (float) (profit8h3dAvg * BP);
        out[offset + O_APR] = (float) (profit8h * PERIODS_8H_PER_YEAR);
        out[offset + O_APR_24H] = (float) (profit8h24hAvg * PERIODS_8H_PER_YEAR);
        out[offset + O_APR_3D] = (float) (profit8h3dAvg * PERIODS_8H_PER_YEAR);
        out[offset + O_SPREAD_30] = (float) spread30AvgBp;
        out[offset + O_SPREAD_24H] = (float) spread24hAvgBp;
        out[offset + O_SPREAD_3D] = (float) spread3dAvgBp;
        out[offset + O_SPREAD_STD] = (float) spreadStdBp;
        out[offset + O_VOLUME_LOG] = (float) Math.log10(Math.max(volume24hUsd, 1));
        out[offset + O_BID_ASK_PCT] = (float) Math.max(longBidAskPct, shortBidAskPct);
        out[offset + O_DEPTH_LOG] = (float) Math.log10(Math.max(depthUsd, 1));
        out[offset + O_EST_PROFIT_PCT] = (float) estimatedProfitPct();
        out[offset + O_POSITION_COST_PCT] = (float) positionCostPct();
    }
}
