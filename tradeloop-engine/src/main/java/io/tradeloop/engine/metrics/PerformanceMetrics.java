package io.tradeloop.engine.metrics;

import io.tradeloop.core.config.Checks;

import java.util.List;

/**
 * The performance figures of a run, each computed by one of the static formulas below from the equity
 * curve (one point per event time, the first being the initial capital) and the closed trades.
 *
 * <p>Conventions (docs/backtest.md, "Metrics"): period returns r_k = E_k / E_{k−1} − 1; a year is
 * 365 days (crypto trades every day); periods per year = 365 days / bar timeframe unless overridden
 * (252 for daily equity bars); volatility is the sample standard deviation (n − 1); the risk-free rate
 * is 0; CAGR uses elapsed calendar time; NaN means "undefined" (e.g. Sharpe of a flat curve).
 *
 * @param startMs                 time of the first equity point
 * @param endMs                   time of the last equity point
 * @param periods                 number of returns (points − 1)
 * @param periodsPerYear          annualisation factor
 * @param years                   (endMs − startMs) / 365 days
 * @param initialEquityUsd        E_0
 * @param finalEquityUsd          E_n
 * @param totalReturn             E_n / E_0 − 1
 * @param cagr                    (E_n / E_0)^(1 / years) − 1
 * @param annualVolatility        stdev(r) × √periodsPerYear
 * @param sharpe                  mean(r) / stdev(r) × √periodsPerYear
 * @param sortino                 mean(r) / √(Σ min(r, 0)² / n) × √periodsPerYear
 * @param calmar                  CAGR / max drawdown
 * @param maxDrawdown             max over k of (peak_k − E_k) / peak_k
 * @param maxDrawdownPeriods      periods from the deepest drawdown's peak to its recovery (or to the end)
 * @param maxDrawdownDurationMs   the same in milliseconds
 * @param maxDrawdownRecovered    whether equity regained that peak before the end
 * @param trades                  closed trades
 * @param openTrades              trades still open at the end (not in the trade statistics)
 * @param winRate                 share of closed trades with net P&amp;L &gt; 0
 * @param profitFactor            Σ winning P&amp;L / |Σ losing P&amp;L| (+∞ without losers)
 * @param averageTradeUsd         mean net P&amp;L per closed trade
 * @param averageTradeReturn      mean net P&amp;L / entry notional per closed trade
 * @param exposure                share of points after the first with a position open
 * @param turnover                traded notional / mean equity
 * @param annualTurnover          turnover / years
 * @param tradedNotionalUsd       Σ |qty × price| of all fills
 * @param feesPaidUsd             fees paid
 * @param fundingPaidUsd          funding paid (negative when received on balance)
 * @param liquidations            positions the venue liquidated
 */
public record PerformanceMetrics(long startMs, long endMs, int periods, double periodsPerYear, double years,
                                 double initialEquityUsd, double finalEquityUsd, double totalReturn, double cagr,
                                 double annualVolatility, double sharpe, double sortino, double calmar,
                                 double maxDrawdown, int maxDrawdownPeriods, long maxDrawdownDurationMs,
                                 boolean maxDrawdownRecovered, int trades, int openTrades, double winRate,
                                 double profitFactor, double averageTradeUsd, double averageTradeReturn,
                                 double exposure, double turnover, double annualTurnover, double tradedNotionalUsd,
                                 double feesPaidUsd, double fundingPaidUsd, int liquidations) {
    /** Milliseconds in the 365-day year every annualisation here uses. */
    public static final double YEAR_MS = 365.0 * 86_400_000L;

    /**
     * The totals the equity curve and the trade list do not carry.
     *
     * @param tradedNotionalUsd Σ |qty × price| of all fills
     * @param feesPaidUsd       fees paid
     * @param fundingPaidUsd    funding paid (negative = received)
     * @param openTrades        trades still open at the end
     * @param liquidations      liquidations
     */
    public record Totals(double tradedNotionalUsd, double feesPaidUsd, double fundingPaidUsd, int openTrades, int liquidations) {
    }

    /** The depth and span of the deepest drawdown; indices into the equity curve, recovery −1 when never regained. */
    public record Drawdown(double depth, int peakIndex, int troughIndex, int recoveryIndex) {
    }

    /** Computes every metric of a run (reads the curve in place: no per-point allocation). */
    public static PerformanceMetrics compute(EquityCurve curve, List<ClosedTrade> closed, Totals totals, double periodsPerYear) {
        Checks.positive("periods_per_year", periodsPerYear);
        int n = curve.size();
        if (n < 1) {
            throw new IllegalArgumentException("an equity curve needs at least its initial point");
        }
        double[] eq = curve.equityColumn();
        long[] t = curve.timeColumn();
        double years = years(t[0], t[n - 1]);
        double e0 = eq[0];
        double en = eq[n - 1];
        double cagr = cagr(e0, en, years);
        Drawdown dd = maxDrawdown(eq, n);
        int ddEnd = dd.recoveryIndex() >= 0 ? dd.recoveryIndex() : n - 1;
        double[] pnl = new double[closed.size()];
        double[] ret = new double[closed.size()];
        for (int i = 0; i < pnl.length; i++) {
            pnl[i] = closed.get(i).pnlUsd();
            ret[i] = closed.get(i).returnOnNotional();
        }
        double turnover = turnover(totals.tradedNotionalUsd(), eq, n);
        ReturnStats rs = ReturnStats.of(eq, n);
        return new PerformanceMetrics(t[0], t[n - 1], n - 1, periodsPerYear, years, e0, en, totalReturn(e0, en), cagr,
                annualVolatility(rs, periodsPerYear), sharpe(rs, periodsPerYear), sortino(rs, periodsPerYear),
                calmar(cagr, dd.depth()), dd.depth(), dd.depth() > 0 ? ddEnd - dd.peakIndex() : 0,
                dd.depth() > 0 ? t[ddEnd] - t[dd.peakIndex()] : 0, dd.recoveryIndex() >= 0 || dd.depth() == 0,
                closed.size(), totals.openTrades(), winRate(pnl), profitFactor(pnl), mean(pnl, pnl.length), mean(ret, ret.length),
                exposure(curve), turnover, years > 0 ? turnover / years : Double.NaN, totals.tradedNotionalUsd(),
                totals.feesPaidUsd(), totals.fundingPaidUsd(), totals.liquidations());
    }

    /** 365 days / timeframe: bars per year of a market that trades around the clock. */
    public static double periodsPerYear(long timeframeMs) {
        return YEAR_MS / timeframeMs;
    }

    public static double years(long startMs, long endMs) {
        return (endMs - startMs) / YEAR_MS;
    }

    /** r_k = E_k / E_{k−1} − 1, k = 1..n−1 (0 once equity is gone: nothing is left to gain or lose). */
    public static double periodReturn(double[] equity, int k) {
        return equity[k - 1] > 0 ? equity[k] / equity[k - 1] - 1 : 0;
    }

    public static double totalReturn(double initial, double last) {
        return last / initial - 1;
    }

    /** (E_n / E_0)^(1 / years) − 1; −1 when equity is gone, NaN for a zero-length run. */
    public static double cagr(double initial, double last, double years) {
        if (!(years > 0)) {
            return Double.NaN;
        }
        if (last <= 0) {
            return -1;
        }
        return Math.pow(last / initial, 1 / years) - 1;
    }

    /** Mean of the first {@code n} values; NaN when n = 0. */
    public static double mean(double[] x, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (int i = 0; i < n; i++) s += x[i];
        return s / n;
    }

    /**
     * The moments of the period returns of an equity column, computed in two passes without storing the
     * returns: every return-based metric reads them from here.
     *
     * @param count             number of returns (points − 1)
     * @param mean              mean return
     * @param stdev             sample standard deviation (divides by count − 1; NaN below two returns)
     * @param downsideDeviation √(Σ min(r, 0)² / count), target 0
     */
    public record ReturnStats(int count, double mean, double stdev, double downsideDeviation) {
        public static ReturnStats of(double[] equity, int n) {
            int count = Math.max(0, n - 1);
            if (count == 0) {
                return new ReturnStats(0, Double.NaN, Double.NaN, Double.NaN);
            }
            double sum = 0;
            double down = 0;
            for (int k = 1; k < n; k++) {
                double r = periodReturn(equity, k);
                sum += r;
                if (r < 0) down += r * r;
            }
            double mean = sum / count;
            double ss = 0;
            for (int k = 1; k < n; k++) {
                double d = periodReturn(equity, k) - mean;
                ss += d * d;
            }
            return new ReturnStats(count, mean, count >= 2 ? Math.sqrt(ss / (count - 1)) : Double.NaN, Math.sqrt(down / count));
        }
    }

    /** stdev × √P. */
    public static double annualVolatility(ReturnStats r, double periodsPerYear) {
        return r.stdev() * Math.sqrt(periodsPerYear);
    }

    /** mean / stdev × √P; NaN when the returns do not vary. */
    public static double sharpe(ReturnStats r, double periodsPerYear) {
        if (!(r.stdev() > 0)) {
            return Double.NaN;
        }
        return r.mean() / r.stdev() * Math.sqrt(periodsPerYear);
    }

    /** mean / downside deviation × √P; +∞ for gains without a losing period, NaN without either. */
    public static double sortino(ReturnStats r, double periodsPerYear) {
        if (r.count() == 0) {
            return Double.NaN;
        }
        if (r.downsideDeviation() == 0) {
            return r.mean() > 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        }
        return r.mean() / r.downsideDeviation() * Math.sqrt(periodsPerYear);
    }

    /** The deepest fall from a running peak among the first {@code n} points, as a fraction of that peak. */
    public static Drawdown maxDrawdown(double[] equity, int n) {
        double peak = Double.NEGATIVE_INFINITY;
        int peakIdx = 0;
        double worst = 0;
        int worstPeak = 0;
        int worstTrough = 0;
        for (int i = 0; i < n; i++) {
            if (equity[i] > peak) {
                peak = equity[i];
                peakIdx = i;
            } else if (peak > 0 && peak - equity[i] > worst * peak) { // (peak − E) / peak > worst, without a division per point
                worst = (peak - equity[i]) / peak;
                worstPeak = peakIdx;
                worstTrough = i;
            }
        }
        int recovery = -1;
        if (worst > 0) {
            for (int i = worstTrough + 1; i < n; i++) {
                if (equity[i] >= equity[worstPeak]) {
                    recovery = i;
                    break;
                }
            }
        }
        return new Drawdown(worst, worstPeak, worstTrough, recovery);
    }

    /** CAGR / max drawdown; NaN without a drawdown. */
    public static double calmar(double cagr, double maxDrawdown) {
        return maxDrawdown > 0 ? cagr / maxDrawdown : Double.NaN;
    }

    /** Share of trades with P&amp;L &gt; 0; NaN without trades. */
    public static double winRate(double[] tradePnl) {
        if (tradePnl.length == 0) {
            return Double.NaN;
        }
        int wins = 0;
        for (double p : tradePnl) {
            if (p > 0) wins++;
        }
        return (double) wins / tradePnl.length;
    }

    /** Σ gains / |Σ losses|; +∞ with gains and no losses; NaN with neither. */
    public static double profitFactor(double[] tradePnl) {
        double gains = 0;
        double losses = 0;
        for (double p : tradePnl) {
            if (p > 0) gains += p;
            else losses -= p;
        }
        if (losses == 0) {
            return gains > 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        }
        return gains / losses;
    }

    /** Share of points after the first at which a position was open. */
    public static double exposure(EquityCurve curve) {
        int n = curve.size();
        if (n < 2) {
            return 0;
        }
        int in = 0;
        for (int i = 1; i < n; i++) {
            if (curve.grossExposureUsd(i) > 0) in++;
        }
        return (double) in / (n - 1);
    }

    /** Traded notional / mean equity over the first {@code n} points. */
    public static double turnover(double tradedNotionalUsd, double[] equity, int n) {
        double m = mean(equity, n);
        return m > 0 ? tradedNotionalUsd / m : Double.NaN;
    }
}
