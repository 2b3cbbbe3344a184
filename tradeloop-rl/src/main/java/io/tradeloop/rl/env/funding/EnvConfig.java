package io.tradeloop.rl.env.funding;

import io.tradeloop.core.config.Checks;
import io.tradeloop.core.config.ConfigException;

/**
 * Everything about the funding-arbitrage environment that is not the user's {@link TradingConfig}: the
 * layout, capital, costs, clock, episode lengths and the constants of the contract. Defaults are the
 * contract's (DESIGN.md, "The funding-rate arbitrage agent").
 *
 * @param layout              slots and entry sizes (full: 275 floats and 36 actions)
 * @param initialCapitalUsd   capital at the start of an episode (10,000)
 * @param feeRatePerSide      fee per leg and trade as a fraction of notional (0.001: 0.1% per side)
 * @param stepHours           hours per step (1; must divide 24)
 * @param minEpisodeHours     shortest episode (72)
 * @param maxEpisodeHours     longest episode (168)
 * @param maxDrawdown         the episode ends (terminated) when equity falls this far below its peak (0.25)
 * @param maxMarginUse        margin in use may not exceed this share of equity after an entry (0.95)
 * @param minOrderUsd         the smallest position size an entry may have, per leg (10 USD)
 * @param entryLeverage       how entries take their leverage from the config
 * @param qualityVolumeUsd    composite score: volume at or above this keeps quality 1, below halves it (1e6)
 * @param qualityBidAskPct    composite score: bid-ask below this keeps quality 1, at or above halves it (0.1%)
 * @param liquidity           the model for the liquidity fields the data lacks
 * @param reward              the reward's constants
 */
public record EnvConfig(EnvLayout layout, double initialCapitalUsd, double feeRatePerSide, int stepHours,
                        int minEpisodeHours, int maxEpisodeHours, double maxDrawdown, double maxMarginUse,
                        double minOrderUsd, TradingConfig.EntryLeverage entryLeverage, double qualityVolumeUsd,
                        double qualityBidAskPct, LiquidityModel liquidity, RewardSpec reward) {
    /** Hours that {@code hours_held} is divided by (contract: hours_held / 72). */
    public static final double HOLDING_NORM_HOURS = 72;

    public EnvConfig {
        Checks.notNull("layout", layout);
        Checks.inRange("initial_capital_usd", initialCapitalUsd, 100, 1e12);
        Checks.inRange("fee_rate_per_side", feeRatePerSide, 0, 0.01);
        Checks.inRange("step_hours", stepHours, 1, 24);
        if (24 % stepHours != 0) {
            throw new ConfigException("step_hours", "value " + stepHours + " must divide 24 (1, 2, 3, 4, 6, 8, 12 or 24)");
        }
        Checks.inRange("min_episode_hours", minEpisodeHours, stepHours, 24 * 366);
        Checks.inRange("max_episode_hours", maxEpisodeHours, minEpisodeHours, 24 * 366 * 5);
        Checks.inRange("max_drawdown", maxDrawdown, 0.001, 1.0);
        Checks.inRange("max_margin_use", maxMarginUse, 0.01, 1.0);
        Checks.inRange("min_order_usd", minOrderUsd, 0, 1e9);
        Checks.notNull("entry_leverage", entryLeverage);
        Checks.inRange("quality_volume_usd", qualityVolumeUsd, 0, 1e15);
        Checks.inRange("quality_bid_ask_pct", qualityBidAskPct, 0, 100);
        Checks.notNull("liquidity", liquidity);
        Checks.notNull("reward", reward);
    }

    /** The contract with the full layout. */
    public static EnvConfig defaults() {
        return new EnvConfig(EnvLayout.full(), 10_000, 0.001, 1, 72, 168, 0.25, 0.95, 10,
                TradingConfig.EntryLeverage.BUFFER_CAPPED, 1e6, 0.1, LiquidityModel.defaults(), RewardSpec.contract());
    }

    /** The simple mode: one opportunity, one position, three actions. */
    public static EnvConfig simple() {
        return defaults().withLayout(EnvLayout.simple());
    }

    public EnvConfig withLayout(EnvLayout l) {
        return new EnvConfig(l, initialCapitalUsd, feeRatePerSide, stepHours, minEpisodeHours, maxEpisodeHours, maxDrawdown,
                maxMarginUse, minOrderUsd, entryLeverage, qualityVolumeUsd, qualityBidAskPct, liquidity, reward);
    }

    public EnvConfig withEpisodeHours(int min, int max) {
        return new EnvConfig(layout, initialCapitalUsd, feeRatePerSide, stepHours, min, max, maxDrawdown,
                maxMarginUse, minOrderUsd, entryLeverage, qualityVolumeUsd, qualityBidAskPct, liquidity, reward);
    }

    public EnvConfig withStepHours(int hours) {
        return new EnvConfig(layout, initialCapitalUsd, feeRatePerSide, hours, minEpisodeHours, maxEpisodeHours, maxDrawdown,
                maxMarginUse, minOrderUsd, entryLeverage, qualityVolumeUsd, qualityBidAskPct, liquidity, reward);
    }

    public EnvConfig withEntryLeverage(TradingConfig.EntryLeverage policy) {
        return new EnvConfig(layout, initialCapitalUsd, feeRatePerSide, stepHours, minEpisodeHours, maxEpisodeHours, maxDrawdown,
                maxMarginUse, minOrderUsd, policy, qualityVolumeUsd, qualityBidAskPct, liquidity, reward);
    }

    public EnvConfig withInitialCapital(double usd) {
        return new EnvConfig(layout, usd, feeRatePerSide, stepHours, minEpisodeHours, maxEpisodeHours, maxDrawdown,
                maxMarginUse, minOrderUsd, entryLeverage, qualityVolumeUsd, qualityBidAskPct, liquidity, reward);
    }

    public EnvConfig withFeeRate(double feeRate) {
        return new EnvConfig(layout, initialCapitalUsd, feeRate, stepHours, minEpisodeHours, maxEpisodeHours, maxDrawdown,
                maxMarginUse, minOrderUsd, entryLeverage, qualityVolumeUsd, qualityBidAskPct, liquidity, reward);
    }

    public EnvConfig withLiquidity(LiquidityModel model) {
        return new EnvConfig(layout, initialCapitalUsd, feeRatePerSide, stepHours, minEpisodeHours, maxEpisodeHours, maxDrawdown,
                maxMarginUse, minOrderUsd, entryLeverage, qualityVolumeUsd, qualityBidAskPct, model, reward);
    }

    public EnvConfig withMaxDrawdown(double fraction) {
        return new EnvConfig(layout, initialCapitalUsd, feeRatePerSide, stepHours, minEpisodeHours, maxEpisodeHours, fraction,
                maxMarginUse, minOrderUsd, entryLeverage, qualityVolumeUsd, qualityBidAskPct, liquidity, reward);
    }

    /** Steps in a window of {@code hours} (24 h → 24 steps at 1 h). */
    public int stepsIn(double hours) {
        return (int) Math.round(hours / stepHours);
    }
}
