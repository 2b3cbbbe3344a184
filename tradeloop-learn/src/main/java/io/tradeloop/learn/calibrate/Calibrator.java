package io.tradeloop.learn.calibrate;

/**
 * Turns a classifier's raw margins into calibrated probabilities, in place. Fitted on held-out
 * (validation) data only; {@link Identity} is the uncalibrated soft-max / sigmoid.
 */
public sealed interface Calibrator permits Calibrator.Identity, Calibrator.Temperature, Calibrator.VectorScaling, Calibrator.Platt {

    /**
     * Replaces {@code values[0 … classes)} with probabilities. For two classes {@code values[0]} holds
     * the single margin on entry; on exit {@code values[0]} = P(class 0), {@code values[1]} = P(class 1).
     */
    void toProbabilities(double[] values, int classes);

    /** No calibration: soft-max of the margins, or sigmoid for two classes. */
    record Identity() implements Calibrator {
        @Override
        public void toProbabilities(double[] v, int classes) {
            if (classes == 2) {
                Calibrators.binary(v, v[0]);
            } else {
                Calibrators.softmax(v, classes, 1.0);
            }
        }
    }

    /**
     * Temperature scaling (Guo et al. 2017, "On Calibration of Modern Neural Networks"): p = softmax(z / T).
     * T &gt; 1 softens over-confident margins; it never changes the arg-max.
     */
    record Temperature(double temperature) implements Calibrator {
        public Temperature {
            io.tradeloop.core.config.Checks.inRange("temperature", temperature, 1e-3, 1e3);
        }

        @Override
        public void toProbabilities(double[] v, int classes) {
            if (classes == 2) {
                Calibrators.binary(v, v[0] / temperature);
            } else {
                Calibrators.softmax(v, classes, 1.0 / temperature);
            }
        }
    }

    /**
     * Temperature plus per-class bias: p = softmax(z / T + b) (Guo et al. 2017's vector scaling with a
     * shared scale). The bias re-weights the classes, so it also corrects a shift of the class
     * frequencies between the training and the calibration period. b is centred (Σ b = 0).
     */
    record VectorScaling(double temperature, double[] bias) implements Calibrator {
        public VectorScaling {
            io.tradeloop.core.config.Checks.inRange("temperature", temperature, 1e-3, 1e3);
            for (double b : bias) {
                if (!Double.isFinite(b)) throw new IllegalArgumentException("vector-scaling bias must be finite, got " + java.util.Arrays.toString(bias));
            }
            bias = bias.clone();
        }

        @Override
        public void toProbabilities(double[] v, int classes) {
            if (classes != bias.length) {
                throw new IllegalStateException("vector scaling was fitted for " + bias.length + " classes, the model has " + classes);
            }
            for (int k = 0; k < classes; k++) v[k] = v[k] / temperature + bias[k];
            Calibrators.softmax(v, classes, 1.0);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof VectorScaling vs && vs.temperature == temperature && java.util.Arrays.equals(vs.bias, bias);
        }

        @Override
        public int hashCode() {
            return Double.hashCode(temperature) * 31 + java.util.Arrays.hashCode(bias);
        }

        @Override
        public String toString() {
            return "VectorScaling[temperature=" + temperature + ", bias=" + java.util.Arrays.toString(bias) + "]";
        }
    }

    /** Platt scaling (Platt 1999): P(class 1) = σ(a·z + b) for a binary margin z. */
    record Platt(double a, double b) implements Calibrator {
        public Platt {
            if (!Double.isFinite(a) || !Double.isFinite(b)) {
                throw new IllegalArgumentException("Platt scaling needs finite a and b, got " + a + ", " + b);
            }
        }

        @Override
        public void toProbabilities(double[] v, int classes) {
            if (classes != 2) {
                throw new IllegalStateException("Platt scaling is for two classes, the model has " + classes);
            }
            Calibrators.binary(v, a * v[0] + b);
        }
    }
}
