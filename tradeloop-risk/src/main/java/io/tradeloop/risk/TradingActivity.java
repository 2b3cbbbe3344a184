package io.tradeloop.risk;

import io.tradeloop.core.config.Checks;

/**
 * The ledger of recent activity the stateful rules read: entry times, exits (with win/loss), fill
 * slippage and equity marks, each in a fixed ring so recording allocates nothing. The loop that
 * trades (backtest, paper, live) records into it; rules only read it through {@link ActivityView}.
 */
public final class TradingActivity implements ActivityView {
    private final long[] entryTimes;
    private int entryNext;
    private int entryCount;
    private long lastExitMs = Long.MIN_VALUE;
    private long lastLossMs = Long.MIN_VALUE;
    private int consecutiveLosses;
    private final double[] slippage;
    private final long[] slippageTime;
    private int slipNext;
    private int slipCount;
    private final double[] equity;
    private final long[] equityTime;
    private int eqNext;
    private int eqCount;

    /** A ledger keeping the last {@code capacity} entries, slippage samples and equity marks. */
    public TradingActivity(int capacity) {
        Checks.inRange("activity_capacity", capacity, 2, 10_000_000);
        entryTimes = new long[capacity];
        slippage = new double[capacity];
        slippageTime = new long[capacity];
        equity = new double[capacity];
        equityTime = new long[capacity];
    }

    /** A ledger sized for two days of one-minute marks. */
    public static TradingActivity standard() {
        return new TradingActivity(4096);
    }

    public void recordEntry(long timeMs) {
        entryTimes[entryNext] = timeMs;
        entryNext = (entryNext + 1) % entryTimes.length;
        if (entryCount < entryTimes.length) entryCount++;
    }

    /** A closed (or reduced) position: its realised P&amp;L decides whether it was a loss. */
    public void recordExit(long timeMs, double pnlUsd) {
        lastExitMs = timeMs;
        if (pnlUsd < 0) {
            lastLossMs = timeMs;
            consecutiveLosses++;
        } else {
            consecutiveLosses = 0;
        }
    }

    /** Slippage of a fill against the price the decision expected, in basis points (positive = worse). */
    public void recordSlippage(long timeMs, double bps) {
        if (!Double.isFinite(bps)) {
            throw new IllegalArgumentException("slippage must be finite, got " + bps);
        }
        slippage[slipNext] = bps;
        slippageTime[slipNext] = timeMs;
        slipNext = (slipNext + 1) % slippage.length;
        if (slipCount < slippage.length) slipCount++;
    }

    public void recordEquity(long timeMs, double equityUsd) {
        equity[eqNext] = equityUsd;
        equityTime[eqNext] = timeMs;
        eqNext = (eqNext + 1) % equity.length;
        if (eqCount < equity.length) eqCount++;
    }

    @Override
    public int entriesSince(long fromMs) {
        int n = 0;
        for (int k = 0; k < entryCount; k++) {
            if (entryTimes[Math.floorMod(entryNext - 1 - k, entryTimes.length)] >= fromMs) n++;
            else break; // times are recorded in order
        }
        return n;
    }

    @Override
    public long lastExitMs() {
        return lastExitMs;
    }

    @Override
    public long lastLossMs() {
        return lastLossMs;
    }

    @Override
    public int consecutiveLosses() {
        return consecutiveLosses;
    }

    @Override
    public int slippageSamples() {
        return slipCount;
    }

    @Override
    public double slippageBps(int k) {
        check(k, slipCount);
        return slippage[Math.floorMod(slipNext - 1 - k, slippage.length)];
    }

    @Override
    public long slippageTimeMs(int k) {
        check(k, slipCount);
        return slippageTime[Math.floorMod(slipNext - 1 - k, slippage.length)];
    }

    @Override
    public int equityMarks() {
        return eqCount;
    }

    @Override
    public double equityUsd(int k) {
        check(k, eqCount);
        return equity[Math.floorMod(eqNext - 1 - k, equity.length)];
    }

    @Override
    public long equityTimeMs(int k) {
        check(k, eqCount);
        return equityTime[Math.floorMod(eqNext - 1 - k, equity.length)];
    }

    private static void check(int k, int n) {
        if (k < 0 || k >= n) {
            throw new IndexOutOfBoundsException("sample " + k + " of " + n);
        }
    }
}
