package io.tradeloop.bench.rl;

import io.tradeloop.bench.BenchOptions;
import io.tradeloop.bench.BenchRow;
import io.tradeloop.bench.Benchmark;
import io.tradeloop.bench.Measure;
import io.tradeloop.core.random.Rng;
import io.tradeloop.rl.classic.CartPoleTraining;
import io.tradeloop.rl.classic.SyntheticMaskedEnv;
import io.tradeloop.rl.env.VecEnv;
import io.tradeloop.rl.nn.ModularNetworkSpec;
import io.tradeloop.rl.nn.ModularPPONetwork;
import io.tradeloop.rl.ppo.MaskedPpo;
import io.tradeloop.rl.ppo.PpoConfig;
import io.tradeloop.rl.ppo.UpdateMetrics;

import java.util.ArrayList;
import java.util.List;

/**
 * End-to-end PPO throughput (environment steps per second of rollout + update) with the plan's defaults:
 * 16 vectorised environments, n_steps 2048, batch 64, 10 epochs, the fused modular network; with the
 * split of time between rollout and update. Until the funding environment replaces it, the environment
 * is {@link SyntheticMaskedEnv} (275-float observations, 36-action masks). A CartPole row shows the same
 * trainer with the small MLP.
 */
public final class PpoThroughputBenchmark implements Benchmark {
    private static final String GROUP = "rl-ppo";

    @Override
    public String group() {
        return GROUP;
    }

    @Override
    public List<BenchRow> run(BenchOptions options) {
        List<BenchRow> rows = new ArrayList<>();
        // full: the plan's 2048 steps per env (32,768 transitions, 5,120 minibatch steps per update)
        int nSteps = options.quick() ? 128 : 2048;
        PpoConfig cfg = PpoConfig.builder().numEnvs(16).nSteps(nSteps).batchSize(64).epochs(10).totalSteps(Long.MAX_VALUE / 4)
                .build();
        Rng rng = new Rng(11);
        ModularNetworkSpec spec = ModularNetworkSpec.FUNDING;
        List<SyntheticMaskedEnv> envs = new ArrayList<>();
        for (int i = 0; i < cfg.numEnvs(); i++) {
            envs.add(new SyntheticMaskedEnv(spec, rng.split()));
        }
        MaskedPpo ppo = new MaskedPpo(cfg, new VecEnv(envs), new ModularPPONetwork(spec, rng.split()), rng.split());
        int measured = options.quick() ? 2 : 2;
        ppo.iterate(); // warm-up: JIT
        double[] sps = new double[measured];
        double rollout = 0;
        double update = 0;
        for (int i = 0; i < measured; i++) {
            UpdateMetrics m = ppo.iterate();
            sps[i] = m.stepsPerSecond();
            rollout += m.rolloutSeconds();
            update += m.updateSeconds();
        }
        String note = String.format(java.util.Locale.ROOT,
                "synthetic env with the funding shapes (275 floats, 36 masked actions) until the funding env lands;"
                        + " 16 envs x %d steps, batch 64, 10 epochs; median of %d updates after 1 warm-up", nSteps, measured);
        rows.add(new BenchRow(GROUP, "PPO end-to-end, modular net", Measure.median(sps), "env-steps/s", ">= 5,000", note));
        rows.add(new BenchRow(GROUP, "PPO time in rollout", 100 * rollout / (rollout + update), "%", "",
                "environment steps + batch-16 inference + sampling"));
        rows.add(new BenchRow(GROUP, "PPO time in update", 100 * update / (rollout + update), "%", "",
                "10 epochs of batch-64 forward+backward+Adam"));

        MaskedPpo cart = CartPoleTraining.trainer(CartPoleTraining.config(Long.MAX_VALUE / 4), 1);
        cart.iterate();
        double[] cs = new double[options.quick() ? 3 : 10];
        for (int i = 0; i < cs.length; i++) {
            cs[i] = cart.iterate().stepsPerSecond();
        }
        rows.add(new BenchRow(GROUP, "PPO end-to-end, CartPole MLP 64x64", Measure.median(cs), "env-steps/s", "",
                "8 envs x 256 steps, batch 64, 10 epochs; median of " + cs.length + " updates"));
        return rows;
    }
}
