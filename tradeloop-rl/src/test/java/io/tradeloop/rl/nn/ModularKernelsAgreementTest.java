package io.tradeloop.rl.nn;

import io.tradeloop.core.random.Rng;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The modular network with vector kernels against plain loops, and two worker threads against one. */
class ModularKernelsAgreementTest {
    @Test
    void vectorAndScalarNetworksAgreeOnEverySample() {
        ModularNetworkSpec spec = ModularNetworkSpec.FUNDING.withFusionDropout(0);
        Rng rng = new Rng(13);
        ModularPPONetwork vec = new ModularPPONetwork(spec, rng.split(), 1, Kernels.best());
        ModularPPONetwork sca = new ModularPPONetwork(spec, new Rng(0), 1, new ScalarKernels());
        java.util.List<NamedTensor> w = new java.util.ArrayList<>();
        for (NamedTensor t : vec.state().weights()) {   // non-trivial biases and LayerNorm affine terms
            float[] d = t.data().clone();
            if (t.name().contains("ln") || t.name().endsWith(".bias")) {
                for (int i = 0; i < d.length; i++) {
                    d[i] += (float) (0.1 * rng.nextGaussian());
                }
            }
            w.add(new NamedTensor(t.name(), t.rows(), t.cols(), d));
        }
        NetworkState s0 = vec.state();
        s0 = new NetworkState(w, s0.adamFirstMoment(), s0.adamSecondMoment(), 0, s0.dropoutRng());
        vec.load(s0);
        sca.load(s0);
        int n = spec.observationSize();
        int B = 16;
        for (int sample = 0; sample < 10; sample++) {
            float[] obs = new float[B * n];
            for (int i = 0; i < obs.length; i++) {
                obs[i] = (float) rng.nextGaussian();
            }
            for (int b = 0; b < B; b++) {   // inactive slots: executions 3-4, opportunities 7-9
                java.util.Arrays.fill(obs, b * n + spec.executionOffset() + 36, b * n + spec.opportunityOffset(), 0f);
                java.util.Arrays.fill(obs, b * n + spec.opportunityOffset() + 140, (b + 1) * n, 0f);
            }
            float[] l1 = new float[B * 36];
            float[] v1 = new float[B];
            float[] l2 = new float[B * 36];
            float[] v2 = new float[B];
            vec.predict(obs, B, l1, v1);
            sca.predict(obs, B, l2, v2);
            vec.forward(obs, B, l1, v1);
            sca.forward(obs, B, l2, v2);
            float[] dl = new float[B * 36];
            for (int i = 0; i < dl.length; i++) {
                dl[i] = (float) rng.nextGaussian();
            }
            float[] dv = new float[B];
            for (int i = 0; i < B; i++) {
                dv[i] = (float) rng.nextGaussian();
            }
            vec.backward(dl, dv);
            sca.backward(dl, dv);
            assertThat(v1[0]).isCloseTo(v2[0], within(1e-5f));
            for (NamedTensor t : vec.state().weights()) {
                float[] a = vec.gradient(t.name()).data();
                float[] b = sca.gradient(t.name()).data();
                for (int i = 0; i < a.length; i++) {
                    assertThat(a[i]).as("sample %d %s[%d]", sample, t.name(), i).isCloseTo(b[i], within(1e-5f));
                }
            }
        }
    }

    @Test
    void twoThreadsAgreeWithOneIncludingDropout() {
        ModularNetworkSpec spec = ModularNetworkSpec.FUNDING;   // dropout 0.1: masks drawn in row order
        Rng rng = new Rng(21);
        ModularPPONetwork one = new ModularPPONetwork(spec, rng.split(), 1);
        ModularPPONetwork two = new ModularPPONetwork(spec, new Rng(0), 2);
        two.load(one.state());
        int n = spec.observationSize();
        int batch = 40;   // split 32/8 (the first thread takes whole blocks of 16 lanes)
        float[] obs = new float[batch * n];
        for (int i = 0; i < obs.length; i++) {
            obs[i] = (float) rng.nextGaussian();
        }
        float[] l1 = new float[batch * 36];
        float[] v1 = new float[batch];
        float[] l2 = new float[batch * 36];
        float[] v2 = new float[batch];
        float[] dl = new float[batch * 36];
        float[] dv = new float[batch];
        for (int i = 0; i < dl.length; i++) {
            dl[i] = (float) rng.nextGaussian();
        }
        for (int i = 0; i < batch; i++) {
            dv[i] = (float) rng.nextGaussian();
        }
        for (int round = 0; round < 3; round++) {
            one.forward(obs, batch, l1, v1);
            two.forward(obs, batch, l2, v2);
            for (int i = 0; i < l1.length; i++) {
                assertThat(l2[i]).as("logit %d", i).isCloseTo(l1[i], within(1e-6f));
            }
            for (int i = 0; i < v1.length; i++) {
                assertThat(v2[i]).as("value %d", i).isCloseTo(v1[i], within(1e-6f));
            }
            one.backward(dl, dv);
            two.backward(dl, dv);
            for (NamedTensor t : one.state().weights()) {
                float[] a = one.gradient(t.name()).data();
                float[] b = two.gradient(t.name()).data();
                for (int i = 0; i < a.length; i++) {
                    assertThat(b[i]).as("%s[%d]", t.name(), i).isCloseTo(a[i], within(1e-5f));
                }
            }
            one.adamStep(AdamConfig.DEFAULT, 1e-3, 1.0);
            two.adamStep(AdamConfig.DEFAULT, 1e-3, 1.0);
        }
        two.close();
    }
    @Test
    void smallInferenceBatchesGiveTheSameBitsAsTheLaneLayout() {
        // batches under 8 rows are inferred sample by sample in rows; larger ones and every training forward use the
        // lane layout; the two perform the same operations in the same order
        ModularNetworkSpec spec = ModularNetworkSpec.FUNDING;
        Rng rng = new Rng(31);
        ModularPPONetwork net = new ModularPPONetwork(spec, rng.split());
        int n = spec.observationSize();
        int batch = 16;
        float[] obs = new float[batch * n];
        for (int i = 0; i < obs.length; i++) {
            obs[i] = (float) rng.nextGaussian();
        }
        float[] logits = new float[batch * 36];
        float[] values = new float[batch];
        net.predict(obs, batch, logits, values);
        float[] trainLogits = new float[batch * 36];
        float[] trainValues = new float[batch];
        net.forward(obs, batch, trainLogits, trainValues);   // dropout changes the fusion: compare only predict with predict
        for (int b = 0; b < batch; b++) {
            float[] one = java.util.Arrays.copyOfRange(obs, b * n, (b + 1) * n);
            float[] l1 = new float[36];
            float[] v1 = new float[1];
            net.predict(one, 1, l1, v1);
            assertThat(l1).as("row %d", b).isEqualTo(java.util.Arrays.copyOfRange(logits, b * 36, (b + 1) * 36));
            assertThat(v1[0]).isEqualTo(values[b]);
        }
        float[] three = java.util.Arrays.copyOfRange(obs, 5 * n, 8 * n);
        float[] l3 = new float[3 * 36];
        float[] v3 = new float[3];
        net.predict(three, 3, l3, v3);
        assertThat(l3).isEqualTo(java.util.Arrays.copyOfRange(logits, 5 * 36, 8 * 36));
    }
}
