package io.tradeloop.learn.seq;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.tradeloop.learn.dataset.DesignMatrix;
import io.tradeloop.learn.model.TrainingRun;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SequenceNetForwardTest {

    /** DJL's batched forward (dropout off) of {@code n} windows, soft-maxed: the reference. */
    private static float[] djl(Model model, float[] x, int n, int w, int f) {
        try (NDManager sub = model.getNDManager().newSubManager()) {
            var in = sub.create(x, new Shape(n, w, f));
            return model.getBlock().forward(new ParameterStore(sub, false), new NDList(in), false).singletonOrThrow().softmax(-1).toFloatArray();
        }
    }

    private static void agreesWithDjl(SequenceModelConfig c, int features, long seed, double inputScale) {
        DjlRuntime.engine(1).setRandomSeed((int) seed);
        try (Model model = Model.newInstance("parity", Device.cpu(), "PyTorch")) {
            var net = new SequenceNet(c, 3);
            model.setBlock(net);
            net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, c.window(), features));
            var forward = new SequenceNetForward(c, features, 3, net.weights());
            var rnd = new Random(seed);
            int n = 40;
            int per = c.window() * features;
            // a series of rows: window k is rows k .. k + window − 1, so consecutive windows slide by one row
            float[] series = new float[(n + c.window() - 1) * features];
            for (int i = 0; i < series.length; i++) series[i] = (float) (inputScale * rnd.nextGaussian());
            float[] x = new float[n * per];
            for (int k = 0; k < n; k++) System.arraycopy(series, k * features, x, k * per, per);
            float[] ref = djl(model, x, n, c.window(), features);
            double[] p = new double[3];
            double worst = 0;
            // in order (the sliding path reuses edge-free rows), then in a scrambled order (every row recomputed)
            int[] order = IntStream.range(0, 2 * n).map(i -> i < n ? i : (int) ((i - n) * 17L % n)).toArray();
            for (int k : order) {
                forward.probabilities(x, k * per, p);
                for (int cls = 0; cls < 3; cls++) worst = Math.max(worst, Math.abs(p[cls] - ref[k * 3 + cls]));
                assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, within(1e-12));
            }
            assertThat(worst).as("largest probability difference to DJL").isLessThan(1e-5);
        }
    }

    @Test
    void theServingShapeAgreesWithDjlTo1e5() {
        // the shape the directional stack serves: window 32 × 34 features, 32 filters, LSTM 32, 4 heads
        agreesWithDjl(SequenceModelConfig.defaults(), 34, 1, 1.0);
        // scaled inputs push the gates into saturation (robust-scaled features reach several units)
        agreesWithDjl(SequenceModelConfig.defaults(), 34, 2, 4.0);
    }

    @Test
    void otherShapesAgreeWithDjl() {
        // a wider kernel (padding 2), two heads, short window, odd sizes
        agreesWithDjl(new SequenceModelConfig(9, 12, 5, 10, 2, 0.2, 1, 1, 1, 8, 1e-3, 1), 7, 3, 1.5);
        // kernel 1 (no padding), one head
        agreesWithDjl(new SequenceModelConfig(4, 4, 1, 4, 1, 0.0, 1, 1, 1, 8, 1e-3, 1), 3, 4, 1.0);
    }

    @Test
    void aTrainedEnsembleServesTheSameProbabilitiesThroughEitherPath() {
        // trained weights (larger than initial ones) on a small window task; 200 windows through both serving paths
        var rnd = new Random(5);
        int n = 1200;
        int f = 4;
        float[] x = new float[n * f];
        for (int i = 0; i < x.length; i++) x[i] = (float) rnd.nextGaussian();
        int[] y = new int[n];
        for (int r = 3; r < n; r++) {
            double s = x[r * f] + x[(r - 1) * f] + x[(r - 2) * f];
            y[r] = s > 1 ? 2 : s < -1 ? 0 : 1;
        }
        var bars = new DesignMatrix(x, n, f, List.of("a", "b", "c", "d"));
        var cfg = new SequenceModelConfig(8, 8, 3, 8, 2, 0.1, 2, 3, 2, 32, 5e-3, 1);
        int[] train = IntStream.range(7, 900).toArray();
        int[] valid = IntStream.range(900, 1000).toArray();
        try (var ens = SequenceEnsemble.train(bars, train, pick(y, train), valid, pick(y, valid), 3, cfg, TrainingRun.synthetic("seq", 3))) {
            var djl = ens.withServing(SequenceEnsemble.Serving.DJL);
            assertThat(ens.serving()).isEqualTo(SequenceEnsemble.Serving.JVM);
            double[][] a = new double[2][3];
            double[][] b = new double[2][3];
            for (int r = 1000; r < 1200; r++) {
                float[] w = Arrays.copyOfRange(x, (r - 7) * f, (r + 1) * f);
                ens.predictWindow(w, a);
                djl.predictWindow(w, b);
                for (int m = 0; m < 2; m++) assertThat(a[m]).containsExactly(b[m], within(1e-5));
            }
        }
    }

    @Test
    void rationalTanhIsWithin4e7OfTheExactOne() {
        double worst = 0;
        for (int i = -300_000; i <= 300_000; i++) {
            float v = i * 1e-4f;
            worst = Math.max(worst, Math.abs(SequenceNetForward.tanh(v) - Math.tanh(v)));
        }
        assertThat(worst).isLessThan(4e-7); // 2.6e−7 from the clamp at ±7.905 plus float rounding
        assertThat(SequenceNetForward.tanh(0f)).isZero();
        assertThat(SequenceNetForward.tanh(1e6f)).isCloseTo(1f, within(4e-7f));
        assertThat(SequenceNetForward.tanh(-1e6f)).isCloseTo(-1f, within(4e-7f));
    }

    @Test
    void refusesWeightsOfTheWrongShape() {
        var c = new SequenceModelConfig(4, 4, 1, 4, 1, 0.0, 1, 1, 1, 8, 1e-3, 1);
        float[] z = new float[1];
        var w = new SequenceNetForward.Weights(z, z, z, z, z, z, z, z, z, z, z, z, z, z, z, z);
        assertThatThrownBy(() -> new SequenceNetForward(c, 3, 3, w)).hasMessageContaining("conv weight has 1 values, the configuration needs 12");
    }

    private static int[] pick(int[] y, int[] rows) {
        int[] o = new int[rows.length];
        for (int i = 0; i < rows.length; i++) o[i] = y[rows[i]];
        return o;
    }
}
