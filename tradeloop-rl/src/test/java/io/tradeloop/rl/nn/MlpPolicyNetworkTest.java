package io.tradeloop.rl.nn;

import io.tradeloop.core.random.Rng;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MlpPolicyNetworkTest {
    @Test
    void parameterCountOfTheCartPoleNetwork() {
        // actor 4*64+64 + 64*64+64 + 64*2+2 = 320 + 4160 + 130 = 4610; critic 320 + 4160 + 65 = 4545
        assertThat(new MlpPolicyNetwork(4, 2, 64, new Rng(1)).parameterCount()).isEqualTo(4610 + 4545);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Rng rng = new Rng(3);
        MlpPolicyNetwork net = new MlpPolicyNetwork(3, 4, 8, rng.split());
        int b = 5;
        float[] obs = new float[b * 3];
        for (int i = 0; i < obs.length; i++) {
            obs[i] = (float) rng.nextGaussian();
        }
        float[] gl = new float[b * 4];
        float[] gv = new float[b];
        for (int i = 0; i < gl.length; i++) {
            gl[i] = (float) rng.nextGaussian();
        }
        for (int i = 0; i < b; i++) {
            gv[i] = (float) rng.nextGaussian();
        }
        float[] logits = new float[b * 4];
        float[] values = new float[b];
        net.forward(obs, b, logits, values);
        net.backward(gl, gv);
        NetworkState s = net.state();
        // loss = sum(logits * gl) + sum(values * gv); probe a few weights of every tensor in double-sided differences
        double h = 1e-2;
        for (NamedTensor w : s.weights()) {
            NamedTensor g = net.gradient(w.name());
            for (int k = 0; k < Math.min(6, w.data().length); k++) {
                int idx = (k * 7) % w.data().length;
                double up = lossWith(net, s, w.name(), idx, (float) h, obs, b, gl, gv);
                double down = lossWith(net, s, w.name(), idx, (float) -h, obs, b, gl, gv);
                assertThat((double) g.data()[idx]).as("%s[%d]", w.name(), idx).isCloseTo((up - down) / (2 * h), within(2e-3));
            }
        }
    }

    private static double lossWith(MlpPolicyNetwork net, NetworkState s, String name, int idx, float delta, float[] obs, int b,
                                   float[] gl, float[] gv) {
        java.util.List<NamedTensor> w = new java.util.ArrayList<>();
        for (NamedTensor t : s.weights()) {
            float[] d = t.data().clone();
            if (t.name().equals(name)) {
                d[idx] += delta;
            }
            w.add(new NamedTensor(t.name(), t.rows(), t.cols(), d));
        }
        net.load(new NetworkState(w, s.adamFirstMoment(), s.adamSecondMoment(), 0, new long[0]));
        float[] logits = new float[b * 4];
        float[] values = new float[b];
        net.predict(obs, b, logits, values);
        net.load(s);
        double loss = 0;
        for (int i = 0; i < logits.length; i++) {
            loss += (double) logits[i] * gl[i];
        }
        for (int i = 0; i < b; i++) {
            loss += (double) values[i] * gv[i];
        }
        return loss;
    }

    @Test
    void aBatchEqualsItsRowsOneByOne() {
        Rng rng = new Rng(4);
        ModularPPONetwork net = new ModularPPONetwork(ModularNetworkSpec.FUNDING, rng.split());
        int n = 275;
        float[] obs = new float[3 * n];
        for (int i = 0; i < obs.length; i++) {
            obs[i] = (float) rng.nextGaussian();
        }
        float[] logits = new float[3 * 36];
        float[] values = new float[3];
        net.predict(obs, 3, logits, values);
        for (int b = 0; b < 3; b++) {
            float[] row = java.util.Arrays.copyOfRange(obs, b * n, (b + 1) * n);
            float[] l1 = new float[36];
            float[] v1 = new float[1];
            net.predict(row, 1, l1, v1);
            assertThat(v1[0]).isEqualTo(values[b]);
            assertThat(l1).containsExactly(java.util.Arrays.copyOfRange(logits, b * 36, (b + 1) * 36));
        }
    }
}
