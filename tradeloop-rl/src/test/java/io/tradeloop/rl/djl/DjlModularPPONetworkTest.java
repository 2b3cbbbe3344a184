package io.tradeloop.rl.djl;

import ai.djl.Device;
import io.tradeloop.core.random.Rng;
import io.tradeloop.rl.nn.AdamConfig;
import io.tradeloop.rl.nn.ModularNetworkSpec;
import io.tradeloop.rl.nn.ModularPPONetwork;
import io.tradeloop.rl.nn.NamedTensor;
import io.tradeloop.rl.nn.NetworkState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The fused JVM network against the op-for-op DJL (PyTorch) network: outputs, gradients and Adam to 1e-5. */
class DjlModularPPONetworkTest {
    private static final ModularNetworkSpec SPEC = ModularNetworkSpec.FUNDING;
    private static final int BATCH = 8;

    /** Random observations with inactive (all-zero) slots, two of them in the executions so the max sees ties. */
    static float[] observations(ModularNetworkSpec spec, Rng rng, int batch) {
        int n = spec.observationSize();
        float[] obs = new float[batch * n];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < n; i++) {
                obs[b * n + i] = (float) rng.nextGaussian();
            }
            for (int s = 3; s < spec.executionSlots(); s++) {     // execution slots 3 and 4 inactive
                int from = b * n + spec.executionOffset() + s * spec.executionFeatures();
                java.util.Arrays.fill(obs, from, from + spec.executionFeatures(), 0f);
            }
            for (int t = 7; t < spec.opportunitySlots(); t++) {    // opportunity slots 7..9 inactive
                int from = b * n + spec.opportunityOffset() + t * spec.opportunityFeatures();
                java.util.Arrays.fill(obs, from, from + spec.opportunityFeatures(), 0f);
            }
        }
        return obs;
    }

    @Test
    void parameterCountIsThePlansFortyTwoThousand() {
        // config 5*16+16=96, portfolio 10*32+32=352, execution 12*24+24=312, embed 20*40+40=840,
        // q/k/v/out 4*(40*40+40)=6560, fc 40*64+64=2624, fusion.0 136*128+128=17536, ln0 256,
        // fusion.1 128*64+64=8256, ln1 128, actor 64*32+32 + 32*36+36 = 3268, critic 64*32+32 + 32+1 = 2113
        long expected = 96 + 352 + 312 + 840 + 6560 + 2624 + 17536 + 256 + 8256 + 128 + 3268 + 2113;
        ModularPPONetwork hand = new ModularPPONetwork(SPEC, new Rng(1));
        assertThat(hand.parameterCount()).isEqualTo(expected).isEqualTo(42341);
        try (DjlModularPPONetwork djl = new DjlModularPPONetwork(SPEC, hand.state(), Device.cpu())) {
            assertThat(djl.parameterCount()).isEqualTo(expected);
        }
    }

    @Test
    void outputsGradientsAndAdamMatchDjlWithDropout() {
        compare(SPEC, 11, 1, BATCH);
    }

    @Test
    void outputsGradientsAndAdamMatchDjlWithoutDropout() {
        compare(SPEC.withFusionDropout(0), 12, 1, BATCH);
    }

    @Test
    void outputsGradientsAndAdamMatchDjlOnTwoThreadsAndAnUnpaddedBatch() {
        // 37 rows: the first thread takes rows 0..31, the second 32..36 and the padding lanes 37..47
        compare(SPEC, 14, 2, 37);
    }

    @Test
    void outputsGradientsAndAdamMatchDjlForASingleRowAndTheSimpleLayout() {
        compare(SPEC, 15, 1, 1);
        compare(new ModularNetworkSpec(5, 10, 1, 12, 1, 20, 3, 0.1), 16, 1, 5);
    }

    @Test
    void trainsInsideMaskedPpo() {
        Rng rng = new Rng(3);
        java.util.List<io.tradeloop.rl.classic.SyntheticMaskedEnv> envs = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            envs.add(new io.tradeloop.rl.classic.SyntheticMaskedEnv(SPEC, rng.split()));
        }
        io.tradeloop.rl.ppo.PpoConfig c = io.tradeloop.rl.ppo.PpoConfig.builder().numEnvs(2).nSteps(32).batchSize(32)
                .epochs(2).totalSteps(64).build();
        try (DjlModularPPONetwork djl = new DjlModularPPONetwork(SPEC, rng.split())) {
            NetworkState before = djl.state();
            io.tradeloop.rl.ppo.MaskedPpo ppo = new io.tradeloop.rl.ppo.MaskedPpo(c,
                    new io.tradeloop.rl.env.VecEnv(envs), djl, rng.split());
            io.tradeloop.rl.ppo.UpdateMetrics m = ppo.iterate();
            assertThat(m.policyLoss()).isFinite();
            assertThat(m.entropy()).isFinite().isPositive();
            assertThat(djl.state().adamSteps()).isEqualTo(4);
            assertThat(djl.state().weights()).isNotEqualTo(before.weights());
        }
    }

    private static void compare(ModularNetworkSpec spec, long seed, int threads, int batch) {
        Rng rng = new Rng(seed);
        ModularPPONetwork hand = new ModularPPONetwork(spec, rng.split(), threads);
        // Make LayerNorm affine terms and biases non-trivial so their gradients are exercised.
        NetworkState s0 = perturb(hand.state(), rng);
        hand.load(s0);
        try (DjlModularPPONetwork djl = new DjlModularPPONetwork(spec, s0, Device.cpu())) {
            float[] obs = observations(spec, rng, batch);
            int a = spec.actions();
            float[] l1 = new float[batch * a];
            float[] v1 = new float[batch];
            float[] l2 = new float[batch * a];
            float[] v2 = new float[batch];

            hand.predict(obs, batch, l1, v1);
            djl.predict(obs, batch, l2, v2);
            assertClose(l1, l2, "predict logits");
            assertClose(v1, v2, "predict values");

            hand.forward(obs, batch, l1, v1);
            djl.forward(obs, batch, l2, v2);
            assertClose(l1, l2, "forward logits");
            assertClose(v1, v2, "forward values");

            float[] dLogits = new float[batch * a];
            float[] dValues = new float[batch];
            for (int i = 0; i < dLogits.length; i++) {
                dLogits[i] = (float) rng.nextGaussian();
            }
            for (int i = 0; i < batch; i++) {
                dValues[i] = (float) rng.nextGaussian();
            }
            hand.backward(dLogits, dValues);
            djl.backward(dLogits, dValues);
            double norm = 0;
            for (NamedTensor w : s0.weights()) {
                NamedTensor gDjl = djl.gradient(w.name());
                float[] gHand = hand.gradient(w.name()).data();
                assertClose(gHand, gDjl.data(), "gradient " + w.name());
                for (float g : gDjl.data()) {
                    norm += (double) g * g;
                }
            }
            assertThat(hand.gradientNorm()).isCloseTo(Math.sqrt(norm), within(1e-5 * Math.max(1, Math.sqrt(norm))));
            assertThat(djl.gradientNorm()).isCloseTo(Math.sqrt(norm), within(1e-5 * Math.max(1, Math.sqrt(norm))));

            hand.adamStep(AdamConfig.DEFAULT, 3e-4, 0.5);
            djl.adamStep(AdamConfig.DEFAULT, 3e-4, 0.5);
            NetworkState sh = hand.state();
            NetworkState sd = djl.state();
            for (int i = 0; i < sh.weights().size(); i++) {
                assertClose(sh.weights().get(i).data(), sd.weights().get(i).data(), "weights after Adam " + sh.weights().get(i).name());
                assertClose(sh.adamSecondMoment().get(i).data(), sd.adamSecondMoment().get(i).data(), "Adam v " + sh.weights().get(i).name());
            }
            assertThat(sd.adamSteps()).isEqualTo(1);
        }
    }

    private static NetworkState perturb(NetworkState s, Rng rng) {
        java.util.List<NamedTensor> w = new java.util.ArrayList<>();
        for (NamedTensor t : s.weights()) {
            float[] d = t.data().clone();
            if (t.name().contains("ln") || t.name().endsWith(".bias")) {
                for (int i = 0; i < d.length; i++) {
                    d[i] += (float) (0.1 * rng.nextGaussian());
                }
            }
            w.add(new NamedTensor(t.name(), t.rows(), t.cols(), d));
        }
        return new NetworkState(w, s.adamFirstMoment(), s.adamSecondMoment(), s.adamSteps(), s.dropoutRng());
    }

    static void assertClose(float[] expected, float[] actual, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[i]).as("%s[%d]", what, i).isCloseTo(expected[i], within(1e-5));
        }
    }
}
