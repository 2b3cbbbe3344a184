package io.tradeloop.learn.gbm;

import io.tradeloop.learn.dataset.DesignMatrix;
import io.tradeloop.learn.metrics.ClassificationMetrics;
import io.tradeloop.learn.model.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class GbmTrainerTest {
    private static final GbmConfig FAST = new GbmConfig(120, 15, 0.1, 3, 0.9, 0.9, 1, 1, 1);

    /** Class 2 when x0 + noise &gt; 0.4, class 0 when &lt; −0.4, else 1; x1, x2 are noise; some x0 missing. */
    private static Object[] data(long seed, int n) {
        var rnd = new Random(seed);
        float[] x = new float[n * 3];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double s = rnd.nextGaussian();
            x[i * 3] = i % 50 == 0 ? Float.NaN : (float) s;
            x[i * 3 + 1] = (float) rnd.nextGaussian();
            x[i * 3 + 2] = (float) rnd.nextGaussian();
            double v = s + 0.3 * rnd.nextGaussian();
            y[i] = v > 0.4 ? 2 : v < -0.4 ? 0 : 1;
        }
        return new Object[] {new DesignMatrix(x, n, 3, java.util.List.of("signal", "noise1", "noise2")), y};
    }

    @Test
    void threeClassModelLearnsCalibratesAndReloadsIdentically(@TempDir Path dir) {
        var tr = data(1, 3000);
        var va = data(2, 1000);
        var te = data(3, 1000);
        var model = new GbmTrainer(FAST).trainClassifier((DesignMatrix) tr[0], (int[]) tr[1], (DesignMatrix) va[0], (int[]) va[1], 3,
                TrainingRun.synthetic("direction", 42));
        var test = ClassificationMetrics.of(model.predictAll((DesignMatrix) te[0]), (int[]) te[1]);
        // a noisy but learnable target: far above the 1/3 chance line
        assertThat(test.accuracy()).isGreaterThan(0.7);
        double[] p = new double[3];
        model.predictProba(((DesignMatrix) te[0]).values(), 0, p);
        assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, within(1e-12));
        var prov = model.provenance();
        assertThat(prov.kind()).isEqualTo("gbm-classifier");
        assertThat(prov.seed()).isEqualTo(42);
        assertThat(prov.dataSha256()).hasSize(64);
        assertThat(prov.featureNames()).containsExactly("signal", "noise1", "noise2");
        assertThat(prov.metrics()).containsKeys("validation.accuracy", "validation.log_loss", "best_iteration");
        assertThat(prov.config()).containsEntry("max_depth", 3);

        Path file = dir.resolve("direction.json");
        model.save(file);
        var back = GbmClassifier.load(file);
        double[][] a = model.predictAll((DesignMatrix) te[0]);
        double[][] b = back.predictAll((DesignMatrix) te[0]);
        for (int i = 0; i < a.length; i++) assertThat(b[i]).containsExactly(a[i]); // bit-identical
        assertThat(back.provenance()).isEqualTo(prov);
    }

    @Test
    void sameSeedSameModel() {
        var tr = data(1, 1500);
        var va = data(2, 500);
        var trainer = new GbmTrainer(FAST);
        var m1 = trainer.trainClassifier((DesignMatrix) tr[0], (int[]) tr[1], (DesignMatrix) va[0], (int[]) va[1], 3, TrainingRun.synthetic("a", 5));
        var m2 = trainer.trainClassifier((DesignMatrix) tr[0], (int[]) tr[1], (DesignMatrix) va[0], (int[]) va[1], 3, TrainingRun.synthetic("a", 5));
        double[][] a = m1.predictAll((DesignMatrix) va[0]);
        double[][] b = m2.predictAll((DesignMatrix) va[0]);
        for (int i = 0; i < a.length; i++) assertThat(b[i]).containsExactly(a[i]);
    }

    @Test
    void binaryModelUsesPlattScaling(@TempDir Path dir) {
        var tr = data(4, 2000);
        var va = data(5, 800);
        int[] yb = java.util.Arrays.stream((int[]) tr[1]).map(c -> c == 2 ? 1 : 0).toArray();
        int[] vb = java.util.Arrays.stream((int[]) va[1]).map(c -> c == 2 ? 1 : 0).toArray();
        var model = new GbmTrainer(FAST).trainClassifier((DesignMatrix) tr[0], yb, (DesignMatrix) va[0], vb, 2, TrainingRun.synthetic("meta", 1));
        assertThat(model.calibrator()).isInstanceOf(io.tradeloop.learn.calibrate.Calibrator.Platt.class);
        assertThat(ClassificationMetrics.of(model.predictAll((DesignMatrix) va[0]), vb).accuracy()).isGreaterThan(0.8);
        model.save(dir.resolve("m.json"));
        var back = GbmClassifier.load(dir.resolve("m.json"));
        assertThat(back.predictAll((DesignMatrix) va[0])[7]).containsExactly(model.predictAll((DesignMatrix) va[0])[7]);
    }

    @Test
    void regressorPredictsTheConditionalMean() {
        var rnd = new Random(9);
        int n = 2000;
        float[] x = new float[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rnd.nextGaussian();
            t[i] = 0.01 * x[i] + 0.002 * rnd.nextGaussian();
        }
        var fm = new DesignMatrix(x, n, 1, java.util.List.of("x"));
        var reg = new GbmTrainer(FAST).trainRegressor(fm.select(range(0, 1500)), java.util.Arrays.copyOf(t, 1500),
                fm.select(range(1500, 2000)), java.util.Arrays.copyOfRange(t, 1500, 2000), TrainingRun.synthetic("r", 3));
        // x = 1 → mean 0.01; the trees approximate it to within a couple of noise standard deviations / √leaf size
        assertThat(reg.predict(new float[] {1f}, 0)).isCloseTo(0.01, within(0.002));
        assertThat(reg.provenance().metrics().get("validation.rmse")).isLessThan(0.003);
    }

    @Test
    void vectorCalibrationIsSelectableAndEmptyValidationIsRefused() {
        var tr = data(1, 1500);
        var va = data(2, 500);
        var m = new GbmTrainer(FAST, GbmTrainer.MultiClassCalibration.VECTOR).trainClassifier((DesignMatrix) tr[0], (int[]) tr[1],
                (DesignMatrix) va[0], (int[]) va[1], 3, TrainingRun.synthetic("v", 1));
        assertThat(m.calibrator()).isInstanceOf(io.tradeloop.learn.calibrate.Calibrator.VectorScaling.class);
        var empty = ((DesignMatrix) va[0]).select(new int[0]);
        assertThatThrownBy(() -> new GbmTrainer(FAST).trainClassifier((DesignMatrix) tr[0], (int[]) tr[1], empty, new int[0], 3,
                TrainingRun.synthetic("x", 1))).hasMessageContaining("validation has no rows");
    }

    @Test
    void refusesLabelsOutsideTheClasses() {
        var tr = data(1, 100);
        int[] y = ((int[]) tr[1]).clone();
        y[17] = 3;
        assertThatThrownBy(() -> new GbmTrainer(FAST).trainClassifier((DesignMatrix) tr[0], y, (DesignMatrix) tr[0], (int[]) tr[1], 3,
                TrainingRun.synthetic("x", 1))).hasMessageContaining("row 17").hasMessageContaining("is 3");
    }

    private static int[] range(int a, int b) {
        return java.util.stream.IntStream.range(a, b).toArray();
    }
}
