package io.tradeloop.rl.env.funding;

import io.tradeloop.core.config.Checks;

/**
 * The reward's constants (DESIGN.md, "The funding-rate arbitrage agent": reward per step). The defaults are
 * the contract; they are data so a run's provenance records them, not so they drift.
 *
 * @param pnlScale           multiplies the step's P&amp;L in % of initial capital (3)
 * @param entryFeeScale      multiplies the entry fee in % of position size on entries (3)
 * @param liquidationLevel   the liquidation distance below which the penalty starts (0.15)
 * @param liquidationScale   penalty per unit of distance below that level (20)
 * @param stopLossPenalty    subtracted on a step where any position breaches its stop-loss (2)
 */
public record RewardSpec(double pnlScale, double entryFeeScale, double liquidationLevel, double liquidationScale,
                         double stopLossPenalty) {
    public RewardSpec {
        Checks.inRange("reward.pnl_scale", pnlScale, 0, 1000);
        Checks.inRange("reward.entry_fee_scale", entryFeeScale, 0, 1000);
        Checks.inRange("reward.liquidation_level", liquidationLevel, 0, 1);
        Checks.inRange("reward.liquidation_scale", liquidationScale, 0, 1000);
        Checks.inRange("reward.stop_loss_penalty", stopLossPenalty, 0, 1000);
    }

    /** The contract: 3 × P&amp;L %, − 3 × entry fee %, − 20 × (0.15 − min distance), − 2 on a stop-loss. */
    public static RewardSpec contract() {
        return new RewardSpec(3, 3, 0.15, 20, 2);
    }

    /** −liquidationScale × (level − distance) when the distance is below the level, else 0. */
    public double liquidationPenalty(double minLiquidationDistance) {
        return minLiquidationDistance < liquidationLevel ? -liquidationScale * (liquidationLevel - minLiquidationDistance) : 0;
    }
}
