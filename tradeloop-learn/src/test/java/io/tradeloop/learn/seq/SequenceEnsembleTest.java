package io.tradeloop.learn.seq;

import io.tradeloop.learn.dataset.DesignMatrix;
import io.tradeloop.learn.metrics.ClassificationMetrics;
import io.tradeloop.learn.model.EnsembleOutput;
import io.tradeloop.learn.model.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SequenceEnsembleTest {
    private static final SequenceModelConfig SMALL = new SequenceModelConfig(8, 8, 3, 8, 2, 0.1, 2, 8, 3, 32, 5e-3, 1);

    /**
     * A sequence task no single row solves: the label of row r is the sign of the sum of feature 0 over
     * rows r − 3 … r (up / down, flat when small); features 1 and 2 are noise.
     */
    private static Object[] data(long seed, int n) {
        var rnd = new Random(seed);
        float[] x = new float[n * 3];
        for (int i = 0; i < n * 3; i++) x[i] = (float) rnd.nextGaussian();
        int[] y = new int[n];
        for (int r = 3; r < n; r++) {
            double s = x[r * 3] + x[(r - 1) * 3] + x[(r - 2) * 3] + x[(r - 3) * 3];
            y[r] = s > 1 ? 2 : s < -1 ? 0 : 1;
        }
        return new Object[] {new DesignMatrix(x, n, 3, java.util.List.of("a", "b", "c")), y};
    }

    @Test
    void learnsAWindowPatternAndReloadsToIdenticalPredictions(@TempDir Path dir) {
        var d = data(3, 3200);
        var bars = (DesignMatrix) d[0];
        int[] y = (int[]) d[1];
        int[] train = IntStream.range(7, 2400).toArray();
        int[] valid = IntStream.range(2400, 2800).toArray();
        int[] test = IntStream.range(2800, 3200).toArray();
        try (var ens = SequenceEnsemble.train(bars, train, pick(y, train), valid, pick(y, valid), 3, SMALL, TrainingRun.synthetic("seq", 7))) {
            var out = ens.predictAll(bars, test);
            double[][] mean = new double[test.length][];
            for (int i = 0; i < test.length; i++) mean[i] = out[i].mean();
            // chance is 1/3 and the commonest class is about 40%: a sequence model must do clearly better
            assertThat(ClassificationMetrics.of(mean, pick(y, test)).accuracy()).isGreaterThan(0.6);
            assertThat(ens.provenance().metrics()).containsKeys("validation.accuracy", "train.samples_per_second");
            assertThat(ens.provenance().kind()).isEqualTo("sequence-ensemble");

            // the serving call agrees with the batched call
            double[][] members = new double[ens.size()][3];
            float[] window = java.util.Arrays.copyOfRange(bars.values(), (test[0] - 7) * 3, (test[0] + 1) * 3);
            ens.predictWindow(window, members);
            var single = EnsembleOutput.of(members);
            for (int c = 0; c < 3; c++) assertThat(single.mean()[c]).isCloseTo(out[0].mean()[c], within(1e-5));

            ens.save(dir);
            try (var back = SequenceEnsemble.load(dir)) {
                var again = back.predictAll(bars, test);
                for (int i = 0; i < test.length; i++) assertThat(again[i].mean()).containsExactly(out[i].mean());
                assertThat(back.provenance()).isEqualTo(ens.provenance());
            }
        }
    }

    @Test
    void refusesRowsWithoutAFullWindow() {
        var d = data(1, 100);
        assertThatThrownBy(() -> SequenceEnsemble.train((DesignMatrix) d[0], new int[] {3}, new int[] {1}, new int[] {50}, new int[] {1}, 3,
                SMALL, TrainingRun.synthetic("x", 1))).hasMessageContaining("row 3").hasMessageContaining("window of 8");
    }

    @Test
    void ensembleOutputByHand() {
        // members (0.8, 0.1, 0.1) and (0.4, 0.3, 0.3): mean (0.6, 0.2, 0.2), std of class 0 = 0.2
        // H(mean) = −(0.6 ln 0.6 + 2 × 0.2 ln 0.2) = 0.950271; H1 = 0.639032, H2 = 1.088900, mean 0.863966
        // mutual information = 0.950271 − 0.863966 = 0.086305
        var o = EnsembleOutput.of(new double[][] {{0.8, 0.1, 0.1}, {0.4, 0.3, 0.3}});
        assertThat(o.mean()).containsExactly(new double[] {0.6, 0.2, 0.2}, within(1e-12));
        assertThat(o.std()[0]).isCloseTo(0.2, within(1e-12));
        assertThat(o.mutualInformation()).isCloseTo(0.086305, within(1e-6));
        assertThat(o.predictedClass()).isZero();
        assertThat(o.confidence()).isCloseTo(0.6, within(1e-12));
    }

    private static int[] pick(int[] y, int[] rows) {
        int[] o = new int[rows.length];
        for (int i = 0; i < rows.length; i++) o[i] = y[rows[i]];
        return o;
    }
}
