package io.tradeloop.server.agent;

/**
 * The running totals of one run of an agent after its latest committed tick (persisted with the tick).
 *
 * @param runNo             the run (a reset starts a new one)
 * @param initialCapitalUsd the run's starting cash
 * @param nextTick          the replay tick the agent processes next
 * @param simTimeMs         time of the latest processed tick (simulated)
 * @param ledgerSeq         the last ledger sequence number used (fills and funding payments)
 * @param predictions       decisions made
 * @param trades            positions closed
 * @param wins              closed with net P&amp;L &gt; 0
 * @param losses            closed with net P&amp;L ≤ 0
 * @param equityUsd         equity after the latest tick
 * @param peakEquityUsd     highest equity seen
 * @param maxDrawdownPct    deepest drawdown from the peak, fraction
 * @param dayStartMs        start of the current (simulated) UTC day
 * @param dayStartEquityUsd equity at the end of the previous day, the base of today's P&amp;L
 * @param runningMs         wall-clock time spent RUNNING in this run
 * @param finished          true when the replay has no more ticks
 */
public record AgentStats(int runNo, double initialCapitalUsd, int nextTick, long simTimeMs, long ledgerSeq, long predictions,
                         long trades, long wins, long losses, double equityUsd, double peakEquityUsd, double maxDrawdownPct,
                         long dayStartMs, double dayStartEquityUsd, long runningMs, boolean finished) {
    /** The totals of a run that has not made its first decision. */
    public static AgentStats fresh(int runNo, double initialCapitalUsd, long firstTickMs) {
        return new AgentStats(runNo, initialCapitalUsd, 0, firstTickMs, 0, 0, 0, 0, 0, initialCapitalUsd, initialCapitalUsd, 0,
                Math.floorDiv(firstTickMs, 86_400_000L) * 86_400_000L, initialCapitalUsd, 0, false);
    }

    /**
     * The totals after tick {@code k} at {@code timeMs}: one more prediction, {@code closed} positions closed of which
     * {@code wins} won, the new equity with its peak and drawdown, and today's base rolled at a new UTC day.
     */
    public AgentStats afterTick(int k, long timeMs, long newLedgerSeq, int closed, int newWins, double equity, long newRunningMs,
                                boolean last) {
        long day = Math.floorDiv(timeMs, 86_400_000L) * 86_400_000L;
        long dayStart = dayStartMs;
        double dayStartEquity = dayStartEquityUsd;
        if (day != dayStart) {
            dayStart = day;
            dayStartEquity = equityUsd;
        }
        double peak = Math.max(peakEquityUsd, equity);
        double dd = Math.max(maxDrawdownPct, (peak - equity) / peak);
        return new AgentStats(runNo, initialCapitalUsd, k + 1, timeMs, newLedgerSeq, predictions + 1, trades + closed, wins + newWins,
                losses + closed - newWins, equity, peak, dd, dayStart, dayStartEquity, newRunningMs, last);
    }

    public double pnlTotalUsd() {
        return equityUsd - initialCapitalUsd;
    }

    public double pnlTodayUsd() {
        return equityUsd - dayStartEquityUsd;
    }

    /** wins / trades, NaN before the first closed trade. */
    public double winRate() {
        return trades == 0 ? Double.NaN : (double) wins / trades;
    }
}
