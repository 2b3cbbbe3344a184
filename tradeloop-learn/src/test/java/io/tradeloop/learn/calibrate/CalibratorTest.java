package io.tradeloop.learn.calibrate;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CalibratorTest {

    @Test
    void temperatureSoftensByHand() {
        // margins (2, 0, 0), T = 2 → softmax(1, 0, 0) = (e, 1, 1) / (e + 2) = (0.57612, 0.21194, 0.21194)
        double[] v = {2, 0, 0};
        new Calibrator.Temperature(2).toProbabilities(v, 3);
        assertThat(v[0]).isCloseTo(0.5761169, within(1e-6));
        assertThat(v[1]).isCloseTo(0.2119416, within(1e-6));
        // identity: softmax(2, 0, 0) = e² / (e² + 2) = 0.78699
        double[] w = {2, 0, 0};
        new Calibrator.Identity().toProbabilities(w, 3);
        assertThat(w[0]).isCloseTo(0.7869860, within(1e-6));
    }

    @Test
    void plattByHand() {
        // a = 2, b = −1, margin 1 → σ(1) = 0.7310586
        double[] v = {1, 0};
        new Calibrator.Platt(2, -1).toProbabilities(v, 2);
        assertThat(v[1]).isCloseTo(0.7310586, within(1e-7));
        assertThat(v[0]).isCloseTo(0.2689414, within(1e-7));
    }

    @Test
    void nllByHand() {
        // two rows, identity binary: margins 0 and ln 3 → P(1) = 0.5 and 0.75; labels 1, 0
        // NLL = −(ln 0.5 + ln 0.25) / 2 = (0.693147 + 1.386294) / 2 = 1.0397208
        double nll = Calibrators.nll(new Calibrator.Identity(), new double[][] {{0}, {Math.log(3)}}, new int[] {1, 0}, 2);
        assertThat(nll).isCloseTo(1.0397208, within(1e-7));
    }

    @Test
    void fitsRecoverTheTemperatureThatGeneratedTheLabels() {
        // labels drawn from softmax(z / 2): an over-confident model by a factor 2 → fitted T ≈ 2
        var rnd = new Random(7);
        int n = 20_000;
        double[][] z = new double[n][3];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) z[i][k] = 3 * rnd.nextGaussian();
            double[] p = z[i].clone();
            new Calibrator.Temperature(2).toProbabilities(p, 3);
            double u = rnd.nextDouble();
            y[i] = u < p[0] ? 0 : u < p[0] + p[1] ? 1 : 2;
        }
        var t = Calibrators.fitTemperature(z, y, 3);
        assertThat(t.temperature()).isCloseTo(2.0, within(0.1));
        assertThat(Calibrators.nll(t, z, y, 3)).isLessThan(Calibrators.nll(new Calibrator.Identity(), z, y, 3));
    }

    @Test
    void vectorScalingByHandAndFit() {
        // T = 2, b = (0.5, 0, −0.5), margins (2, 0, 0) → softmax(1.5, 0, −0.5) = (e^1.5, 1, e^−0.5) / Σ
        // = (4.481689, 1, 0.606531) / 6.088220 = (0.736125, 0.164251, 0.099624)
        double[] v = {2, 0, 0};
        new Calibrator.VectorScaling(2, new double[] {0.5, 0, -0.5}).toProbabilities(v, 3);
        assertThat(v[0]).isCloseTo(0.736125, within(1e-6));
        assertThat(v[2]).isCloseTo(0.099624, within(1e-6));
        // labels drawn from softmax(z / 2 + b): the fit recovers T and the centred b
        var rnd = new Random(13);
        int n = 30_000;
        double[][] z = new double[n][3];
        int[] y = new int[n];
        var truth = new Calibrator.VectorScaling(2, new double[] {0.5, 0, -0.5});
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) z[i][k] = 3 * rnd.nextGaussian();
            double[] p = z[i].clone();
            truth.toProbabilities(p, 3);
            double u = rnd.nextDouble();
            y[i] = u < p[0] ? 0 : u < p[0] + p[1] ? 1 : 2;
        }
        var fit = Calibrators.fitVectorScaling(z, y, 3);
        assertThat(fit.temperature()).isCloseTo(2.0, within(0.1));
        assertThat(fit.bias()[0]).isCloseTo(0.5, within(0.06));
        assertThat(fit.bias()[2]).isCloseTo(-0.5, within(0.06));
        assertThat(Calibrators.nll(fit, z, y, 3)).isLessThanOrEqualTo(Calibrators.nll(Calibrators.fitTemperature(z, y, 3), z, y, 3) + 1e-9);
    }

    @Test
    void fitsRecoverPlattParameters() {
        // labels drawn from σ(2z − 1) → a ≈ 2, b ≈ −1
        var rnd = new Random(11);
        int n = 20_000;
        double[] z = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            z[i] = rnd.nextGaussian();
            y[i] = rnd.nextDouble() < Calibrators.sigmoid(2 * z[i] - 1) ? 1 : 0;
        }
        var p = Calibrators.fitPlatt(z, y);
        assertThat(p.a()).isCloseTo(2.0, within(0.1));
        assertThat(p.b()).isCloseTo(-1.0, within(0.1));
    }
}
