package io.tradeloop.rl.env.funding;

import io.tradeloop.core.SharedData;
import io.tradeloop.core.random.Rng;
import io.tradeloop.core.time.TimeFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The generator is seeded, causal, and its statistics land near the real training months' (the report is printed). */
class MarketGeneratorTest {
    static final long FROM = TimeFormat.parse("2023-01-04");
    static final long TO = TimeFormat.parse("2023-10-01");
    static MarketSeries real;
    static GeneratorParams params;

    @BeforeAll
    static void fit() {
        var data = SharedData.data();
        assumeTrue(data.isPresent(), SharedData.ABSENT);
        real = RealMarketLoader.load(RealMarketLoader.Sources.shared(data.get()), TimeFormat.parse("2023-01-01"),
                TimeFormat.parse("2024-01-01"), 1, TimeFormat.parse("2023-01-01"), TO, 42).series();
        params = MarketCalibration.fit(real, FROM, TO);
    }

    @Test
    void sameSeedSameMarketOtherSeedOtherMarket() {
        MarketSeries a = MarketGenerator.generate(params, new Rng(5), GeneratedMarket.ORIGIN_MS, 500, 1);
        MarketSeries b = MarketGenerator.generate(params, new Rng(5), GeneratedMarket.ORIGIN_MS, 500, 1);
        MarketSeries c = MarketGenerator.generate(params, new Rng(6), GeneratedMarket.ORIGIN_MS, 500, 1);
        assertThat(a.legCount()).isEqualTo(real.legCount());
        for (int l = 0; l < a.legCount(); l++) {
            assertThat(a.leg(l)).isEqualTo(real.leg(l));
            for (int t = 0; t < 500; t++) {
                assertThat(b.mark(l, t)).isEqualTo(a.mark(l, t));
                assertThat(b.settledRateSum(l, t)).isEqualTo(a.settledRateSum(l, t));
            }
        }
        assertThat(c.mark(0, 499)).isNotEqualTo(a.mark(0, 499));
        // venues settle at their own hours: dYdX hourly, KuCoin at 04/12/20, Binance at 00/08/16
        for (int l = 0; l < a.legCount(); l++) {
            for (int t = 1; t < 48; t++) {
                int hour = (int) ((a.timeMs(t) / 3_600_000L) % 24);
                String v = a.leg(l).venue();
                int expected = v.equals("dydx") ? 1 : v.equals("kucoin") ? (hour % 8 == 4 ? 1 : 0) : (hour % 8 == 0 ? 1 : 0);
                assertThat(a.settlements(l, t)).as("%s at %d h", a.leg(l).name(), hour).isEqualTo(expected);
            }
        }
    }

    @Test
    void eightHourStepsSampleTheHourlyPath() {
        MarketSeries h = MarketGenerator.generate(params, new Rng(9), GeneratedMarket.ORIGIN_MS, 8 * 30 + 1, 1);
        MarketSeries e = MarketGenerator.generate(params, new Rng(9), GeneratedMarket.ORIGIN_MS, 31, 8);
        for (int t = 0; t < 31; t++) {
            assertThat(e.mark(0, t)).isEqualTo(h.mark(0, 8 * t));
            if (t > 0) {
                double lo = Double.POSITIVE_INFINITY;
                double funding = 0;
                for (int k = 8 * t - 7; k <= 8 * t; k++) {
                    lo = Math.min(lo, h.mark(0, k));
                    funding += h.settledRateSum(0, k);
                }
                assertThat(e.low(0, t)).isEqualTo(lo);
                assertThat(e.settledRateSum(0, t)).isCloseTo(funding, org.assertj.core.data.Offset.offset(1e-15));
            }
        }
    }

    @Test
    void generatedStatisticsAreCloseToTheRealOnes() {
        List<MarketCalibration.Row> rows = MarketCalibration.compare(real, FROM, TO, params, 8, 11);
        System.out.println("Generator calibration, fitted on " + TimeFormat.iso(FROM) + " .. " + TimeFormat.iso(TO) + ":\n"
                + MarketCalibration.markdown(rows, 8));
        for (MarketCalibration.Row r : rows) {
            String s = r.statistic();
            double tol;
            if (s.contains("kurtosis")) {
                tol = 1.5; // jumps make the sample kurtosis of 819 returns very noisy (generated sd ≈ 50% of the mean)
            } else if (s.contains("regime duration")) {
                tol = 0.5; // funding regimes come out shorter than the real ones (see the report)
            } else if (s.contains("mean abs(short - long)") || s.contains("mean rate")) {
                tol = 0.45; // generated differentials are less peaked: same sd, larger mean magnitude (see the report)
            } else if (s.contains("autocorrelation") || s.contains("cross-venue correlation")) {
                assertThat(Math.abs(r.generatedMean() - r.real())).as(s).isLessThan(0.12);
                continue;
            } else {
                tol = 0.2;
            }
            assertThat(Math.abs(r.generatedMean() - r.real())).as(s).isLessThanOrEqualTo(tol * Math.abs(r.real()) + 1e-9);
        }
    }

    @Test
    void generatedTapesServeEpisodes() {
        EnvConfig c = EnvConfig.defaults();
        var source = new GeneratedMarket(params, c, 24 * 40, 3);
        var rng = new Rng(1);
        var first = source.next(rng, 168);
        assertThat(source.next(rng, 168).tape()).isSameAs(first.tape());
        assertThat(source.next(rng, 168).tape()).isSameAs(first.tape());
        assertThat(source.next(rng, 168).tape()).isNotSameAs(first.tape()); // every 3 episodes a new tape
        assertThat(first.startStep()).isGreaterThanOrEqualTo(first.tape().warmupSteps());
        int valid = 0;
        for (int t = first.startStep(); t < first.startStep() + 168; t++) {
            valid += first.tape().validCount(t);
        }
        assertThat(valid).isGreaterThan(168 * 5); // the top-10 is mostly full
    }
}
