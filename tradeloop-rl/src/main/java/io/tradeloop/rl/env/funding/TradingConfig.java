package io.tradeloop.rl.env.funding;

import io.tradeloop.core.config.Checks;
import io.tradeloop.core.portfolio.Margin;
import io.tradeloop.core.random.Rng;

/**
 * The user's trading configuration, the first five floats of the observation (DESIGN.md, "The
 * funding-rate arbitrage agent"; plan section 1.1). One policy serves every configuration in these ranges.
 *
 * @param maxLeverage        leverage allowed per leg, 1–10
 * @param targetUtilization  share of available capital the agent aims to deploy, 0–1
 * @param maxPositions       concurrent arbitrage positions, 1–5
 * @param stopLossThreshold  net P&amp;L of a position, as a fraction of its size, at which it is closed, −0.05…−0.01
 * @param liquidationBuffer  the closest an entry may start to liquidation, as a fraction of the mark, 0.1–0.3
 */
public record TradingConfig(double maxLeverage, double targetUtilization, int maxPositions, double stopLossThreshold,
                            double liquidationBuffer) {
    public static final double MIN_LEVERAGE = 1;
    public static final double MAX_LEVERAGE = 10;
    public static final int MAX_POSITIONS = 5;

    public TradingConfig {
        Checks.inRange("max_leverage", maxLeverage, MIN_LEVERAGE, MAX_LEVERAGE);
        Checks.inRange("target_utilization", targetUtilization, 0.0, 1.0);
        Checks.inRange("max_positions", maxPositions, 1, MAX_POSITIONS);
        Checks.inRange("stop_loss_threshold", stopLossThreshold, -0.05, -0.01);
        Checks.inRange("liquidation_buffer", liquidationBuffer, 0.1, 0.3);
    }

    /** The plan's defaults: 1x, 50% utilisation, 3 positions, −2% stop, 15% buffer. */
    public static TradingConfig defaults() {
        return new TradingConfig(1, 0.5, 3, -0.02, 0.15);
    }

    /** The curriculum's first stage (plan 3.2, phase 3.1): leverage 1x, utilisation 50%, 2 positions. */
    public static TradingConfig simple() {
        return new TradingConfig(1, 0.5, 2, -0.02, 0.15);
    }

    /**
     * A training configuration as the plan samples it (1.3 {@code sample_random}): leverage U(1, 10),
     * utilisation U(0.3, 0.8), positions uniform in 1–5, stop-loss U(−0.05, −0.01), buffer U(0.1, 0.3).
     */
    public static TradingConfig sampleRandom(Rng rng) {
        return new TradingConfig(rng.uniform(1, 10), rng.uniform(0.3, 0.8), rng.nextInt(1, MAX_POSITIONS),
                rng.uniform(-0.05, -0.01), rng.uniform(0.1, 0.3));
    }

    /** Every parameter uniform over its whole contract range (utilisation U(0.05, 1): zero would forbid every entry). */
    public static TradingConfig sampleFullRange(Rng rng) {
        return new TradingConfig(rng.uniform(1, 10), rng.uniform(0.05, 1), rng.nextInt(1, MAX_POSITIONS),
                rng.uniform(-0.05, -0.01), rng.uniform(0.1, 0.3));
    }

    /**
     * The leverage entries use. {@link EntryLeverage#MAX_LEVERAGE} takes {@code max_leverage} as it is (entries
     * that start inside the buffer are then refused by the risk layer); {@link EntryLeverage#BUFFER_CAPPED}
     * takes the highest leverage not above {@code max_leverage} whose entry distance 0.9 / L keeps the buffer.
     */
    public double entryLeverage(EntryLeverage policy) {
        return switch (policy) {
            case MAX_LEVERAGE -> maxLeverage;
            case BUFFER_CAPPED -> Math.max(1, Math.min(maxLeverage, Margin.LIQUIDATION_MARGIN_FRACTION / liquidationBuffer));
        };
    }

    /** Writes the five config features in contract order. */
    public void write(float[] out, int offset) {
        out[offset + ObservationLayout.C_MAX_LEVERAGE] = (float) maxLeverage;
        out[offset + ObservationLayout.C_TARGET_UTILIZATION] = (float) targetUtilization;
        out[offset + ObservationLayout.C_MAX_POSITIONS] = maxPositions;
        out[offset + ObservationLayout.C_STOP_LOSS] = (float) stopLossThreshold;
        out[offset + ObservationLayout.C_LIQUIDATION_BUFFER] = (float) liquidationBuffer;
    }

    /** How an entry picks its leverage from the configuration. */
    public enum EntryLeverage {
        /** Always {@code max_leverage}; the liquidation-buffer rule refuses entries that start too close. */
        MAX_LEVERAGE,
        /** {@code min(max_leverage, 0.9 / liquidation_buffer)}: as much leverage as the buffer allows. */
        BUFFER_CAPPED
    }
}
