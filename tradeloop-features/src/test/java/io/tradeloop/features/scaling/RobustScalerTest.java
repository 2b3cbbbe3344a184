package io.tradeloop.features.scaling;

import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.features.set.FeatureMatrix;
import io.tradeloop.features.set.FeatureSetDefinition;
import io.tradeloop.features.set.FeatureSpec;
import io.tradeloop.features.set.FeatureStream;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RobustScalerTest {
    private static final double SIGMA_OF_IQR_002 = 0.02 / 1.3489795003921634; // 0.014826...
    private static final FeatureSetDefinition RETURNS = new FeatureSetDefinition("r", 0, List.of(new FeatureSpec.Returns(1)));

    /** Bars whose one-bar log returns are {@code returns} (after a first bar at 100) and volumes {@code volumes}. */
    private static BarSeries bars(double[] returns, double[] volumes) {
        BarSeries.Builder b = BarSeries.builder("t", Timeframe.H1);
        double close = 100;
        b.add(0, close, close, close, close, volumes == null ? 1 : volumes[0]);
        for (int i = 0; i < returns.length; i++) {
            double next = close * Math.exp(returns[i]);
            b.add((i + 1) * 3_600_000L, close, Math.max(close, next), Math.min(close, next), next,
                    volumes == null ? 1 : volumes[i + 1]);
            close = next;
        }
        return b.build();
    }

    /** 25 training returns (five each of 0.01..0.05) then the hold-out returns. */
    private static FeatureMatrix trainThen(double... holdOut) {
        double[] r = new double[25 + holdOut.length];
        for (int i = 0; i < 25; i++) r[i] = 0.01 * (1 + i % 5);
        System.arraycopy(holdOut, 0, r, 25, holdOut.length);
        return FeatureMatrix.compute(RETURNS, bars(r, null));
    }

    @Test
    void quantilesInterpolateBetweenOrderStatistics() {
        // type 7: h = (n - 1) p; [1,2,3,4]: p .25 -> h .75 -> 1.75; p .5 -> 2.5; p .75 -> h 2.25 -> 3.25
        double[] x = {1, 2, 3, 4};
        assertThat(RobustScaler.quantile(x, 0.25)).isEqualTo(1.75);
        assertThat(RobustScaler.quantile(x, 0.5)).isEqualTo(2.5);
        assertThat(RobustScaler.quantile(x, 0.75)).isEqualTo(3.25);
        assertThat(RobustScaler.quantile(new double[] {7}, 0.75)).isEqualTo(7.0);
    }

    @Test
    void fitsMedianAndRobustSigmaOnTheTrainingRowsAndClipsHoldOut() {
        // training returns: five each of .01 .. .05 (rows 1..25; row 0 has no previous close)
        // sorted 25 values: median = x[12] = .03; q25 = x[6] = .02; q75 = x[18] = .04; IQR .02; sigma = .02 / 1.349 = .014826
        // hold-out .10: z = (.10 - .03) / .014826 = 4.7214; .20: 11.47 -> clipped to 5; -.20 -> -5
        FeatureMatrix m = trainThen(0.10, 0.20, -0.20);
        ChronologicalSplit split = ChronologicalSplit.at(m, m.closeTimeMs(26), 0);
        assertThat(split.train().from()).isEqualTo(1);
        assertThat(split.train().to()).isEqualTo(26);
        assertThat(split.holdOut().from()).isEqualTo(26);
        FittedScaler s = RobustScaler.fit(split.train(), ScalingConfig.defaults());
        assertThat(s.median(0)).isCloseTo(0.03, within(1e-12));
        assertThat(s.sigma(0)).isCloseTo(SIGMA_OF_IQR_002, within(1e-12));
        assertThat(s.findings()).isEmpty();
        ScaledFeatures out = s.transform(split.holdOut());
        assertThat(out.values()[0][0]).isCloseTo(0.07 / SIGMA_OF_IQR_002, within(1e-9)).isCloseTo(4.7214, within(1e-4));
        assertThat(out.values()[0][1]).isEqualTo(5.0);
        assertThat(out.values()[0][2]).isEqualTo(-5.0);
        assertThat(out.clipped()[0]).isEqualTo(2);
        assertThat(out.imputed()[0]).isZero();
    }

    @Test
    void holdOutValuesNeverReachTheFit() {
        FeatureMatrix a = trainThen(0.10, 0.20, -0.20);
        FeatureMatrix b = trainThen(5.0, -3.0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5);
        FittedScaler fa = RobustScaler.fit(ChronologicalSplit.at(a, a.closeTimeMs(26), 0).train(), ScalingConfig.defaults());
        FittedScaler fb = RobustScaler.fit(ChronologicalSplit.at(b, b.closeTimeMs(26), 0).train(), ScalingConfig.defaults());
        assertThat(fb).isEqualTo(fa);
        // the embargo drops the last training rows before the cut: 5 fewer rows, the last 5 returns (.01..05) left out
        ChronologicalSplit embargoed = ChronologicalSplit.at(a, a.closeTimeMs(26), 5);
        assertThat(embargoed.train().to()).isEqualTo(21);
        assertThat(RobustScaler.fit(embargoed.train(), ScalingConfig.defaults()).fitRows()).isEqualTo(20);
    }

    @Test
    void fittingAcceptsOnlyATrainWindowWhichOnlyASplitCanMake() {
        List<Method> fits = Arrays.stream(RobustScaler.class.getMethods()).filter(mm -> mm.getName().equals("fit")).toList();
        assertThat(fits).hasSize(1);
        assertThat(fits.getFirst().getParameterTypes()[0]).isEqualTo(TrainWindow.class);
        for (Class<?> c : List.of(TrainWindow.class, HoldOutWindow.class, FeatureWindow.class)) {
            assertThat(Arrays.stream(c.getDeclaredConstructors()).noneMatch(k -> Modifier.isPublic(k.getModifiers())
                    || Modifier.isProtected(k.getModifiers()))).as(c.getSimpleName()).isTrue();
        }
        assertThat(FeatureWindow.class.isSealed()).isTrue();
    }

    @Test
    void aSplitWithTooFewTrainingRowsIsRefused() {
        FeatureMatrix m = trainThen(0.1);
        assertThatThrownBy(() -> ChronologicalSplit.at(m, m.closeTimeMs(10), 0)).hasMessageContaining("9 training rows")
                .hasMessageContaining("at least 20");
    }

    /** Doubling closes (every return ln 2: constant) with varying volumes (volume z-score varies). */
    private static FeatureMatrix constantReturns() {
        FeatureSetDefinition set = new FeatureSetDefinition("c", 0, List.of(new FeatureSpec.Returns(1), new FeatureSpec.VolumeZScore(3)));
        double[] r = new double[40];
        double[] v = new double[41];
        Arrays.fill(r, Math.log(2));
        for (int i = 0; i < v.length; i++) v[i] = 1 + (i * 7 % 5);
        return FeatureMatrix.compute(set, bars(r, v));
    }

    @Test
    void aConstantFeatureIsReportedDroppedOrRefusedByPolicy() {
        FeatureMatrix m = constantReturns();
        TrainWindow train = ChronologicalSplit.fraction(m, 0.8, 0).train();
        FittedScaler report = RobustScaler.fit(train, ScalingConfig.defaults());
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.column()).isEqualTo("ret_1");
            assertThat(f.kind()).isEqualTo(CollapseFinding.Kind.CONSTANT);
        });
        assertThat(report.columns()).containsExactly("ret_1", "volume_z_3");
        assertThat(report.scale(0, Math.log(2))).isEqualTo(0.0);

        FittedScaler drop = RobustScaler.fit(train, ScalingConfig.defaults().withPolicy(CollapsePolicy.DROP));
        assertThat(drop.columns()).containsExactly("volume_z_3");
        assertThat(drop.dropped()).containsExactly("ret_1");
        assertThat(drop.transform(train).values()).hasNumberOfRows(1);

        assertThatThrownBy(() -> RobustScaler.fit(train, ScalingConfig.defaults().withPolicy(CollapsePolicy.FAIL)))
                .hasMessageContaining("ret_1").hasMessageContaining("CONSTANT");
    }

    @Test
    void aMostlyNaNFeatureIsReportedAndItsUnfillableValuesAreImputed() {
        // Bollinger(3) on closes that are flat for 30 bars and then move: %B is 0/0 on every flat window,
        // with no good value before to fill it -> NaN, imputed with 0 by the scaler
        FeatureSetDefinition set = new FeatureSetDefinition("b", 0, List.of(new FeatureSpec.Returns(1), new FeatureSpec.Bollinger(3, 2.0)));
        double[] r = new double[45];
        for (int i = 30; i < r.length; i++) r[i] = 0.01 * ((i % 3) - 1);
        FeatureMatrix m = FeatureMatrix.compute(set, bars(r, null));
        TrainWindow train = ChronologicalSplit.all(m);
        FittedScaler s = RobustScaler.fit(train, ScalingConfig.defaults());
        assertThat(s.findings()).extracting(CollapseFinding::column, CollapseFinding::kind)
                .contains(org.assertj.core.groups.Tuple.tuple("bb_3_2_pctb", CollapseFinding.Kind.MOSTLY_BAD));
        ScaledFeatures out = s.transform(train);
        assertThat(out.imputed()[s.columns().indexOf("bb_3_2_pctb")]).isEqualTo(29); // bars 0..30 are all 100: rows 2..30
    }

    @Test
    void aFeatureStuckOnOneValueMostOfTheTimeIsScaledByItsStandardDeviation() {
        // stochastic %K(3) on closes that rise except for a dip every 25 bars: a rising bar closes at the window's
        // high, so %K is exactly 100 on ~85% of rows: q25 = q75 = 100, yet the values are not constant
        FeatureSetDefinition set = new FeatureSetDefinition("z", 0, List.of(new FeatureSpec.Stochastic(3, 1)));
        double[] r = new double[100];
        for (int i = 0; i < r.length; i++) r[i] = i % 25 == 24 ? -0.02 : 0.01;
        FeatureMatrix m = FeatureMatrix.compute(set, bars(r, null));
        FittedScaler s = RobustScaler.fit(ChronologicalSplit.all(m), ScalingConfig.defaults());
        assertThat(s.findings()).hasSize(2).allSatisfy(f -> {
            assertThat(f.kind()).isEqualTo(CollapseFinding.Kind.ZERO_IQR);
            assertThat(f.collapsed()).isFalse();
        });
        assertThat(s.columns()).containsExactly("stoch_3_1_k", "stoch_3_1_d");
        assertThat(s.median(0)).isEqualTo(100.0);
        assertThat(s.sigma(0)).isGreaterThan(0);
    }

    @Test
    void theLiveRowPathScalesExactlyAsTheWindowPath() {
        FeatureMatrix m = trainThen(0.10, 0.20, -0.20, 0.0, 0.03);
        ChronologicalSplit split = ChronologicalSplit.at(m, m.closeTimeMs(26), 0);
        FittedScaler s = RobustScaler.fit(split.train(), ScalingConfig.defaults());
        ScaledFeatures batch = s.transform(split.holdOut());
        BarSeries bars = bars(new double[0], null); // only for the timeframe
        FeatureStream live = new FeatureStream(RETURNS, bars.timeframe());
        double[] row = new double[1];
        double close = 100;
        live.update(3_600_000L, close, close, close, close, 1);
        double[] all = new double[30];
        for (int i = 0; i < 25; i++) all[i] = 0.01 * (1 + i % 5);
        System.arraycopy(new double[] {0.10, 0.20, -0.20, 0.0, 0.03}, 0, all, 25, 5);
        for (int i = 0; i < all.length; i++) {
            double next = close * Math.exp(all[i]);
            live.update((i + 2) * 3_600_000L, close, Math.max(close, next), Math.min(close, next), next, 1);
            close = next;
            if (i >= 25) {
                s.transformRow(live, row);
                assertThat(row[0]).isEqualTo(batch.values()[0][i - 25]);
            }
        }
    }

    @Test
    void aScalerRefusesAnotherFeatureSetAndSurvivesJson() {
        FeatureMatrix m = trainThen(0.1);
        FittedScaler s = RobustScaler.fit(ChronologicalSplit.all(m), ScalingConfig.defaults());
        assertThat(FittedScaler.fromJson(s.toJson())).isEqualTo(s);
        FeatureSetDefinition other = new FeatureSetDefinition("r", 0, List.of(new FeatureSpec.Returns(2)));
        FeatureMatrix o = FeatureMatrix.compute(other, bars(new double[30], null));
        assertThatThrownBy(() -> s.transform(ChronologicalSplit.all(o))).hasMessageContaining(RETURNS.id())
                .hasMessageContaining(other.id());
    }
}
