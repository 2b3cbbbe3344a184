package io.tradeloop.cli.eval;

import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.rl.env.funding.FundingArbitrageEnv;
import io.tradeloop.rl.funding.FundingEvaluation;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The evaluation table's numbers for a hand-made walk. */
class FundingEvalMetricsTest {
    @Test
    void metricsByHand() {
        // hourly from 2023-10-31T00:00 to 2023-11-03T00:00 (73 points): 10,000 until hour 24, 10,100 until hour 48, then 10,050
        int n = 73;
        long t0 = TimeFormat.parse("2023-10-31T00:00:00Z");
        long[] time = new long[n];
        double[] eq = new double[n];
        double[] util = new double[n];
        for (int i = 0; i < n; i++) {
            time[i] = t0 + i * 3_600_000L;
            eq[i] = i <= 24 ? 10_000 : i <= 48 ? 10_100 : 10_050;
        }
        Arrays.fill(util, 0.1);
        var trades = List.of(new FundingEvaluation.Trade(time[30], 750, 5, 10, FundingArbitrageEnv.ExitReason.AGENT),
                new FundingEvaluation.Trade(time[60], 750, -3, 20, FundingArbitrageEnv.ExitReason.LIQUIDATION));
        var run = new FundingEvaluation.Run("hand", time, eq, util, trades, 2, 60, 8, 4, false, 10_000);
        var m = FundingEvalMetrics.of(run);
        assertThat(m.totalReturnPct()).isCloseTo(0.5, within(1e-9)); // 10,050 / 10,000 − 1
        // October: hours 0–23 (all 10,000) → 0%; November from 10,000 (the last October equity) to 10,050 → 0.5%
        assertThat(m.monthlyReturnPct()).containsOnlyKeys("2023-10", "2023-11");
        assertThat(m.monthlyReturnPct().get("2023-10")).isCloseTo(0, within(1e-12));
        assertThat(m.monthlyReturnPct().get("2023-11")).isCloseTo(0.5, within(1e-9));
        // daily equity 10,000, 10,000, 10,100, 10,050 → returns 0, 0.01, −0.0049505; mean 0.00168317,
        // sample sd sqrt((2.8331e-6 + 6.9170e-5 + 4.4006e-5) / 2) = 0.0076160 → Sharpe 0.22100 × √365 = 4.2223
        assertThat(m.sharpe()).isCloseTo(4.2223, within(1e-3));
        assertThat(m.maxDrawdownPct()).isCloseTo(100 * 50.0 / 10_100, within(1e-9)); // 10,100 → 10,050
        assertThat(m.winRatePct()).isCloseTo(50, within(1e-9));
        assertThat(m.tradesPerDay()).isCloseTo(2.0 / 3, within(1e-9)); // 2 entries in 3 days
        assertThat(m.avgHoldHours()).isCloseTo(15, within(1e-9));
        assertThat(m.utilizationPct()).isCloseTo(10, within(1e-9));
        assertThat(m.liquidations()).isEqualTo(1);
        assertThat(m.holdShare()).isCloseTo(60.0 / 72, within(1e-12));
    }
}
