package io.tradeloop.learn.dynamics;

import io.tradeloop.learn.dataset.DesignMatrix;
import io.tradeloop.learn.gbm.GbmConfig;
import io.tradeloop.learn.model.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DynamicsEnsembleTest {

    @Test
    void directionalProbabilitiesByHand() {
        // μ = 0.01, σ = 0.02, θ = 0.005: P(down) = Φ(−0.75) = 0.2266274, P(up) = 1 − Φ(−0.25) = 0.5987063, flat = 0.1746663
        double[] p = new double[3];
        DynamicsModel.directional(0.01, 0.02, 0.005, p);
        assertThat(p[0]).isCloseTo(0.2266274, within(1e-7));
        assertThat(p[2]).isCloseTo(0.5987063, within(1e-7));
        assertThat(p[1]).isCloseTo(0.1746663, within(1e-7));
    }

    @Test
    void ridgeByHand() {
        // x = 1, 2, 3, 4 and y = 2x: mean x 2.5, sd 1.2909944 → Σz² = 3, Σz(y − 5) = 2 × 5 / 1.2909944 = 7.7459667
        // λ = 1: w = 7.7459667 / (3 + 1) = 1.9364917; at x = 4: z = 1.1618950 → μ = 5 + 1.9364917 × 1.1618950 = 7.25
        var x = new DesignMatrix(new float[] {1, 2, 3, 4}, 4, 1, List.of("x"));
        double[] y = {2, 4, 6, 8};
        var r = RidgeDynamics.fit("r", x, y, new int[] {0, 1, 2, 3}, new int[] {3}, new int[] {0}, 1.0);
        assertThat(r.weights()[0]).isCloseTo(1.9364917, within(1e-7));
        double[] out = new double[2];
        r.predict(new float[] {4}, 0, out);
        assertThat(out[0]).isCloseTo(7.25, within(1e-9));
        // σ on the holdout row 3: |8 − 7.25| = 0.75
        assertThat(out[1]).isCloseTo(0.75, within(1e-9));
        // a missing input counts as the mean: μ = ȳ = 5
        r.predict(new float[] {Float.NaN}, 0, out);
        assertThat(out[0]).isCloseTo(5, within(1e-12));
    }

    @Test
    void ensembleLearnsTheDriftWeighsMembersAndReloads(@TempDir Path dir) {
        var rnd = new Random(5);
        int n = 3000;
        float[] xs = new float[n * 4];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) xs[i * 4 + j] = (float) rnd.nextGaussian();
            y[i] = 0.01 * xs[i * 4] + 0.005 * rnd.nextGaussian();
        }
        var x = new DesignMatrix(xs, n, 4, DesignMatrix.defaultNames(4));
        var gbm = new GbmConfig(100, 10, 0.1, 2, 0.9, 1, 5, 1, 1);
        var ens = DynamicsEnsemble.train(x, y, IntStream.range(0, 2000).toArray(), IntStream.range(2000, 2500).toArray(),
                new DynamicsEnsemble.Config(3, 0.75, 1, true, 0.002), gbm, TrainingRun.synthetic("dyn", 3));
        assertThat(ens.size()).isEqualTo(4);
        assertThat(java.util.Arrays.stream(ens.weights()).sum()).isCloseTo(1, within(1e-12));
        // x0 = +2 → μ ≈ 0.02: every member that sees x0 says "up" with most of its mass
        float[] row = {2, 0, 0, 0};
        double[] ms = new double[2];
        double[] p = new double[3];
        double upWeight = 0;
        for (int m = 0; m < ens.size(); m++) {
            ens.memberVote(m, row, 0, ms, p);
            if (p[2] > 0.5) upWeight += ens.weights()[m];
        }
        assertThat(upWeight).isGreaterThan(0.5);
        ens.save(dir, null);
        var back = DynamicsEnsemble.load(dir);
        double[] a = new double[3];
        double[] b = new double[3];
        for (int m = 0; m < ens.size(); m++) {
            ens.memberVote(m, row, 0, ms, a);
            back.memberVote(m, row, 0, ms, b);
            assertThat(b).containsExactly(a);
        }
        assertThat(back.weights()).containsExactly(ens.weights());
    }
}
