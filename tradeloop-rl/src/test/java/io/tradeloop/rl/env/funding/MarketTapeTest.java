package io.tradeloop.rl.env.funding;

import io.tradeloop.core.random.Rng;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarketTapeTest {
    @Test
    void packedLegRecordsHoldTheSeriesValuesAtEveryStep() {
        // the environment's step reads marks, ranges, settlements and known rates from the tape's packed records:
        // they must be the series' values exactly (NaN where the series has NaN)
        MarketSeries series = TestMarkets.random(new Rng(3), 400);
        MarketTape tape = MarketTape.build(series, EnvConfig.defaults());
        for (int leg = 0; leg < series.legCount(); leg++) {
            for (int t = 0; t < series.steps(); t++) {
                same(tape.mark(leg, t), series.mark(leg, t));
                same(tape.low(leg, t), series.low(leg, t));
                same(tape.high(leg, t), series.high(leg, t));
                same(tape.settledRateSum(leg, t), series.settledRateSum(leg, t));
                assertThat(tape.settled(leg, t)).isEqualTo(series.settlements(leg, t) > 0);
                same(tape.knownRate8h(leg, t), series.knownRate8h(leg, t));
            }
        }
        assertThat(series.settlements(3, 8)).isPositive();   // the fixture settles: the comparison is not all zeros
    }

    /** The same double, bit for bit (NaN included). */
    private static void same(double actual, double expected) {
        assertThat(Double.doubleToRawLongBits(actual)).isEqualTo(Double.doubleToRawLongBits(expected));
    }
}
