package io.tradeloop.core.portfolio;

/**
 * Margin formulas shared by the portfolio, the risk layer and the RL environments (DESIGN.md, "The
 * funding-rate arbitrage agent": liquidation price).
 */
public final class Margin {
    /**
     * The fraction of the initial margin a position may lose before the venue liquidates it; the
     * remaining 10% stands in for maintenance margin and liquidation fees.
     */
    public static final double LIQUIDATION_MARGIN_FRACTION = 0.9;

    private Margin() {
    }

    /** Initial margin of a position: notional / leverage. */
    public static double initialMarginUsd(double notionalUsd, double leverage) {
        return Math.abs(notionalUsd) / leverage;
    }

    /** Long: entry × (1 − 0.9 / leverage); short: entry × (1 + 0.9 / leverage). */
    public static double liquidationPrice(double entryPrice, double leverage, boolean isLong) {
        double move = LIQUIDATION_MARGIN_FRACTION / leverage;
        return isLong ? entryPrice * (1 - move) : entryPrice * (1 + move);
    }

    /**
     * How far the mark is from the liquidation price, as a fraction of the mark: (mark − liq) / mark for a
     * long, (liq − mark) / mark for a short. Zero or negative means the position is (being) liquidated.
     */
    public static double liquidationDistance(double markPrice, double liquidationPrice, boolean isLong) {
        return isLong ? (markPrice - liquidationPrice) / markPrice : (liquidationPrice - markPrice) / markPrice;
    }

    /** Funding received by a position: −qty × mark × rate (a long pays a positive rate, a short receives it). */
    public static double fundingPaymentUsd(double signedQty, double markPrice, double rate) {
        return -signedQty * markPrice * rate;
    }
}
