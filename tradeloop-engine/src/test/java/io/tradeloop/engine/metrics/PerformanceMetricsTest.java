package io.tradeloop.engine.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every metric against a series worked by hand. Equity E = 100, 110, 99, 121, 102.85 at daily points,
 * 365 periods per year.
 *
 * <pre>
 * returns r = 110/100 − 1 = 0.1, 99/110 − 1 = −0.1, 121/99 − 1 = 0.222222, 102.85/121 − 1 = −0.15
 * mean     = (0.1 − 0.1 + 0.222222 − 0.15) / 4 = 0.0722222 / 4 = 0.0180556
 * deviations 0.0819444, −0.1180556, 0.2041667, −0.1680556; squares 0.0067149 + 0.0139371 + 0.0416840 + 0.0282427
 *          = 0.0905787; / (4 − 1) = 0.0301929; stdev = 0.173761
 * vol      = 0.173761 × √365 (19.104973) = 3.319700
 * Sharpe   = 0.0180556 / 0.173761 × 19.104973 = 1.985203
 * downside = √((0.1² + 0.15²) / 4) = √0.008125 = 0.0901388; Sortino = 0.0180556 / 0.0901388 × 19.104973 = 3.826887
 * total    = 102.85 / 100 − 1 = 0.0285; years = 4 / 365 = 0.0109589
 * CAGR     = 1.0285^(365/4) − 1 = e^(91.25 × 0.0281014) − 1 = e^2.564255 − 1 = 11.990983
 * max DD   = (121 − 102.85) / 121 = 0.15, peak at point 3, not recovered: 1 period = 1 day to the end
 * Calmar   = 11.990983 / 0.15 = 79.93989
 * </pre>
 */
class PerformanceMetricsTest {
    static final long DAY = 86_400_000L;
    static final double[] E = {100, 110, 99, 121, 102.85};
    static final long[] T = {0, DAY, 2 * DAY, 3 * DAY, 4 * DAY};
    static final double[] GROSS = {0, 50, 50, 0, 10};

    @Test
    void returnStatistics() {
        var rs = PerformanceMetrics.ReturnStats.of(E, E.length);
        assertThat(rs.count()).isEqualTo(4);
        assertThat(rs.mean()).isCloseTo(0.0180556, within(1e-7));
        assertThat(rs.stdev()).isCloseTo(0.173761, within(1e-6));
        assertThat(rs.downsideDeviation()).isCloseTo(0.0901388, within(1e-7));
        assertThat(PerformanceMetrics.annualVolatility(rs, 365)).isCloseTo(3.319700, within(1e-5));
        assertThat(PerformanceMetrics.sharpe(rs, 365)).isCloseTo(1.985203, within(1e-5));
        assertThat(PerformanceMetrics.sortino(rs, 365)).isCloseTo(3.826887, within(1e-5));
    }

    @Test
    void everyMetricOfTheWorkedSeries() {
        var curve = EquityCurve.of(T, E, GROSS);
        // Trades: net P&L 10, −5, 20, −5, 0 on 100 of notional each.
        List<ClosedTrade> trades = List.of(trade(10), trade(-5), trade(20), trade(-5), trade(0));
        var m = PerformanceMetrics.compute(curve, trades, new PerformanceMetrics.Totals(500, 7.5, -1.25, 1, 0), 365);
        assertThat(m.periods()).isEqualTo(4);
        assertThat(m.years()).isCloseTo(4 / 365.0, within(1e-15));
        assertThat(m.totalReturn()).isCloseTo(0.0285, within(1e-12));
        assertThat(m.cagr()).isCloseTo(11.990983, within(1e-5));
        assertThat(m.annualVolatility()).isCloseTo(3.319700, within(1e-5));
        assertThat(m.sharpe()).isCloseTo(1.985203, within(1e-5));
        assertThat(m.sortino()).isCloseTo(3.826887, within(1e-5));
        assertThat(m.maxDrawdown()).isCloseTo(0.15, within(1e-12));
        assertThat(m.maxDrawdownPeriods()).isEqualTo(1);
        assertThat(m.maxDrawdownDurationMs()).isEqualTo(DAY);
        assertThat(m.maxDrawdownRecovered()).isFalse();
        assertThat(m.calmar()).isCloseTo(79.93989, within(1e-4));
        // Win rate: 2 of 5 trades made money (a flat trade is not a win) = 0.4.
        assertThat(m.winRate()).isCloseTo(0.4, within(1e-15));
        // Profit factor: (10 + 20) / (5 + 5) = 3.
        assertThat(m.profitFactor()).isCloseTo(3.0, within(1e-15));
        // Average trade: 20 / 5 = 4 USD; on 100 of notional = 0.04.
        assertThat(m.averageTradeUsd()).isCloseTo(4.0, within(1e-15));
        assertThat(m.averageTradeReturn()).isCloseTo(0.04, within(1e-15));
        // Exposure: positions open at 3 of the 4 points after the first (50, 50, 0, 10).
        assertThat(m.exposure()).isCloseTo(0.75, within(1e-15));
        // Turnover: 500 traded / mean equity (532.85 / 5 = 106.57) = 4.691752; per year / 0.0109589 = 428.1224.
        assertThat(m.turnover()).isCloseTo(4.691752, within(1e-6));
        assertThat(m.annualTurnover()).isCloseTo(428.1224, within(1e-3));
        assertThat(m.feesPaidUsd()).isEqualTo(7.5);
        assertThat(m.fundingPaidUsd()).isEqualTo(-1.25);
        assertThat(m.openTrades()).isEqualTo(1);
        assertThat(m.trades()).isEqualTo(5);
    }

    @Test
    void theDeepestDrawdownAndItsRecovery() {
        // 100 → 120 (peak) → 90 (−25%) → 110 → 125 (recovered at point 4) → 100 (−20%, shallower).
        double[] e = {100, 120, 90, 110, 125, 100};
        var dd = PerformanceMetrics.maxDrawdown(e, e.length);
        assertThat(dd.depth()).isCloseTo(0.25, within(1e-15));
        assertThat(dd.peakIndex()).isEqualTo(1);
        assertThat(dd.troughIndex()).isEqualTo(2);
        assertThat(dd.recoveryIndex()).isEqualTo(4);
        var m = PerformanceMetrics.compute(EquityCurve.of(new long[] {0, 1, 2, 3, 4, 5}, e, new double[6]), List.of(),
                new PerformanceMetrics.Totals(0, 0, 0, 0, 0), 365);
        assertThat(m.maxDrawdownPeriods()).isEqualTo(3); // point 1 to point 4
        assertThat(m.maxDrawdownRecovered()).isTrue();
    }

    @Test
    void undefinedMetricsAreNaNNotZero() {
        double[] flat = {100, 100, 100};
        var rs = PerformanceMetrics.ReturnStats.of(flat, 3);
        assertThat(PerformanceMetrics.sharpe(rs, 365)).isNaN();
        assertThat(PerformanceMetrics.sortino(rs, 365)).isNaN();
        double[] up = {100, 101, 103};
        assertThat(PerformanceMetrics.sortino(PerformanceMetrics.ReturnStats.of(up, 3), 365)).isInfinite();
        assertThat(PerformanceMetrics.winRate(new double[0])).isNaN();
        assertThat(PerformanceMetrics.profitFactor(new double[] {1, 2})).isInfinite();
        assertThat(PerformanceMetrics.profitFactor(new double[0])).isNaN();
        assertThat(PerformanceMetrics.calmar(0.1, 0)).isNaN();
        assertThat(PerformanceMetrics.cagr(100, 0, 1)).isEqualTo(-1);
    }

    @Test
    void annualisationIs365DaysOverTheTimeframe() {
        assertThat(PerformanceMetrics.periodsPerYear(4 * 3_600_000L)).isEqualTo(2190.0); // 365 × 6
        assertThat(PerformanceMetrics.periodsPerYear(8 * 3_600_000L)).isEqualTo(1095.0); // 365 × 3
        assertThat(PerformanceMetrics.periodsPerYear(DAY)).isEqualTo(365.0);
    }

    private static ClosedTrade trade(double pnl) {
        return new ClosedTrade(0, 1, "long test", 1, 100, pnl, 0, 0, false);
    }
}
