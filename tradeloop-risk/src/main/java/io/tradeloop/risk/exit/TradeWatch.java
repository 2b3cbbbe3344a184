package io.tradeloop.risk.exit;

import io.tradeloop.core.config.Checks;

/**
 * The state the exit rules follow for one open trade: side, entry, leverage, the per-trade stop and
 * take-profit distances chosen at entry, and the best price seen since (highest for a long, lowest
 * for a short). Updated once per bar after the exit check, so a bar's own extreme never moves the
 * stop that bar is tested against (no intrabar look-ahead).
 */
public final class TradeWatch {
    private final int side;
    private final double entryPrice;
    private final long entryTimeMs;
    private final double leverage;
    private final double stopLossPct;
    private final double takeProfitPct;
    private double bestPrice;

    /**
     * @param side          +1 long, −1 short
     * @param entryPrice    average entry price
     * @param entryTimeMs   entry time
     * @param leverage      leverage of the position (1 for spot)
     * @param stopLossPct   the trade's stop distance as a fraction of entry (e.g. 2 × ATR / price); NaN for none
     * @param takeProfitPct the trade's take-profit distance as a fraction of entry; NaN for none
     */
    public TradeWatch(int side, double entryPrice, long entryTimeMs, double leverage, double stopLossPct, double takeProfitPct) {
        if (side != 1 && side != -1) {
            throw new IllegalArgumentException("side must be +1 or -1, got " + side);
        }
        Checks.positive("entry_price", entryPrice);
        Checks.inRange("leverage", leverage, 1, 125);
        if (!Double.isNaN(stopLossPct)) Checks.inRange("stop_loss_pct", stopLossPct, 1e-6, 1);
        if (!Double.isNaN(takeProfitPct)) Checks.inRange("take_profit_pct", takeProfitPct, 1e-6, 100);
        this.side = side;
        this.entryPrice = entryPrice;
        this.entryTimeMs = entryTimeMs;
        this.leverage = leverage;
        this.stopLossPct = stopLossPct;
        this.takeProfitPct = takeProfitPct;
        this.bestPrice = entryPrice;
    }

    public int side() {
        return side;
    }

    public double entryPrice() {
        return entryPrice;
    }

    public long entryTimeMs() {
        return entryTimeMs;
    }

    public double leverage() {
        return leverage;
    }

    public double stopLossPct() {
        return stopLossPct;
    }

    public double takeProfitPct() {
        return takeProfitPct;
    }

    public double bestPrice() {
        return bestPrice;
    }

    /** The unlevered return of the trade at {@code price}: side × (price / entry − 1). */
    public double profitAt(double price) {
        return side * (price / entryPrice - 1);
    }

    /** The best unlevered return seen so far. */
    public double peakProfit() {
        return profitAt(bestPrice);
    }

    /** The price at which the trade's return equals {@code profit}: entry × (1 + side × profit). */
    public double priceAtProfit(double profit) {
        return entryPrice * (1 + side * profit);
    }

    /** Moves the best price with a bar's favourable extreme (the high for a long, the low for a short). */
    public void observe(double high, double low) {
        if (side > 0) bestPrice = Math.max(bestPrice, high);
        else bestPrice = Math.min(bestPrice, low);
    }
}
