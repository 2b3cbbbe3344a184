package io.tradeloop.cli.eval;

import io.tradeloop.engine.metrics.PerformanceMetrics;
import io.tradeloop.rl.env.funding.FundingArbitrageEnv;
import io.tradeloop.rl.funding.FundingEvaluation;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The evaluation table's numbers for one policy's walk through the hold-out, computed with the backtester's
 * metric functions ({@link PerformanceMetrics}: returns, Sharpe, drawdown, win rate), so a figure here means
 * what it means in a backtest report.
 *
 * @param policy            policy name
 * @param totalReturnPct    (final equity / initial − 1) × 100, everything closed at the end
 * @param monthlyReturnPct  per calendar month (UTC) of the window, equity at the month's last step over its first
 * @param sharpe            of daily returns (equity every 24 h), annualised with √365
 * @param maxDrawdownPct    deepest fall from a peak of the hourly equity, %
 * @param winRatePct        closed positions with net P&amp;L &gt; 0, % (NaN without trades)
 * @param tradesPerDay      positions opened per day
 * @param avgHoldHours      mean holding time of closed positions
 * @param utilizationPct    mean over steps of Σ position sizes / equity, %
 * @param liquidations      positions closed by a liquidation
 * @param stopLosses        positions closed by their stop-loss
 * @param holdShare         share of HOLD actions
 * @param enterShare        share of ENTER actions
 * @param exitShare         share of EXIT actions
 * @param stoppedByDrawdown the walk ended at the 25% drawdown limit
 */
public record FundingEvalMetrics(String policy, double totalReturnPct, Map<String, Double> monthlyReturnPct, double sharpe,
                                 double maxDrawdownPct, double winRatePct, double tradesPerDay, double avgHoldHours,
                                 double utilizationPct, long liquidations, long stopLosses, double holdShare, double enterShare,
                                 double exitShare, boolean stoppedByDrawdown) {

    public static FundingEvalMetrics of(FundingEvaluation.Run run) {
        double[] eq = run.equityUsd();
        long[] time = run.timeMs();
        int n = eq.length;
        double total = 100 * PerformanceMetrics.totalReturn(run.initialCapitalUsd(), eq[n - 1]);
        Map<String, Double> monthly = new LinkedHashMap<>();
        int first = 0;
        for (int i = 1; i <= n; i++) {
            if (i == n || !month(time[i]).equals(month(time[first]))) {
                double startEquity = first == 0 ? run.initialCapitalUsd() : eq[first - 1];
                monthly.put(month(time[first]).toString(), 100 * (eq[i - 1] / startEquity - 1));
                first = i;
            }
        }
        double[] daily = new double[n / 24 + 2];
        int d = 0;
        for (int i = 0; i < n; i++) {
            if ((time[i] - time[0]) % 86_400_000L == 0) {
                daily[d++] = eq[i];
            }
        }
        if ((time[n - 1] - time[0]) % 86_400_000L != 0) {
            daily[d++] = eq[n - 1];
        }
        double sharpe = PerformanceMetrics.sharpe(PerformanceMetrics.ReturnStats.of(daily, d), 365);
        double dd = 100 * PerformanceMetrics.maxDrawdown(eq, n).depth();
        double[] pnl = run.trades().stream().mapToDouble(FundingEvaluation.Trade::netPnlUsd).toArray();
        double win = 100 * PerformanceMetrics.winRate(pnl);
        double hold = run.trades().stream().mapToDouble(FundingEvaluation.Trade::holdHours).average().orElse(Double.NaN);
        double util = 0;
        for (double u : run.utilization()) {
            util += u;
        }
        long liq = run.trades().stream().filter(t -> t.reason() == FundingArbitrageEnv.ExitReason.LIQUIDATION).count();
        long stops = run.trades().stream().filter(t -> t.reason() == FundingArbitrageEnv.ExitReason.STOP_LOSS).count();
        double actions = Math.max(1, run.holds() + run.enters() + run.exits());
        return new FundingEvalMetrics(run.policy(), total, monthly, sharpe, dd, win, run.entries() / run.days(), hold,
                100 * util / n, liq, stops, run.holds() / actions, run.enters() / actions, run.exits() / actions, run.stoppedByDrawdown());
    }

    private static YearMonth month(long ms) {
        return YearMonth.from(Instant.ofEpochMilli(ms).atZone(ZoneOffset.UTC));
    }
}
