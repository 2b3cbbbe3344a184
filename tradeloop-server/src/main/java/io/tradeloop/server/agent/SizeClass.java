package io.tradeloop.server.agent;

/**
 * The three entry sizes of the funding-arbitrage action space: a fraction of the maximum position size
 * {@code available capital × target_utilization / max_positions} (DESIGN.md, "Actions, 36").
 */
public enum SizeClass {
    SMALL(0.10), MEDIUM(0.20), LARGE(0.30);

    private final double fraction;

    SizeClass(double fraction) {
        this.fraction = fraction;
    }

    /** The fraction of the maximum size. */
    public double fraction() {
        return fraction;
    }

    /** max_size = available × target_utilization / max_positions. */
    public static double maxSizeUsd(double availableUsd, double targetUtilization, int maxPositions) {
        return Math.max(0, availableUsd) * targetUtilization / maxPositions;
    }

    /** The USD notional per leg this class opens: max_size × fraction (as the funding environment sizes entries). */
    public double sizeUsd(double availableUsd, double targetUtilization, int maxPositions) {
        return maxSizeUsd(availableUsd, targetUtilization, maxPositions) * fraction;
    }
}
