package io.tradeloop.bench.rl;

import io.tradeloop.bench.BenchOptions;
import io.tradeloop.bench.BenchRow;
import io.tradeloop.bench.Benchmark;
import io.tradeloop.bench.Measure;
import io.tradeloop.core.SharedData;
import io.tradeloop.core.random.Rng;
import io.tradeloop.rl.classic.CartPoleTraining;
import io.tradeloop.rl.classic.SyntheticMaskedEnv;
import io.tradeloop.rl.env.VecEnv;
import io.tradeloop.rl.funding.FundingData;
import io.tradeloop.rl.funding.FundingTrainConfig;
import io.tradeloop.rl.funding.FundingTraining;
import io.tradeloop.rl.nn.ModularNetworkSpec;
import io.tradeloop.rl.nn.ModularPPONetwork;
import io.tradeloop.rl.ppo.MaskedPpo;
import io.tradeloop.rl.ppo.PpoConfig;
import io.tradeloop.rl.ppo.UpdateMetrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * End-to-end PPO throughput (environment steps per second of rollout + update) with the plan's defaults:
 * 16 vectorised {@code FundingArbitrageEnv}s, n_steps 2048, batch 64, 10 epochs, the fused modular network; with
 * the split of time between rollout and update and the training thread's CPU time (what the work costs when other
 * jobs share the cores). The environments are wired as {@code tradeloop train funding-arb} wires them (half real
 * training months, half calibrated generated tapes, observation normalisation) in the full-range curriculum stage
 * (sampled configs up to 10x leverage and 5 positions, 168 h episodes). A row on the synthetic environment with the
 * same shapes keeps the earlier figures comparable, and a CartPole row shows the trainer with the small MLP.
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
        var data = SharedData.data();
        if (data.isEmpty()) {
            rows.add(BenchRow.skipped(GROUP, "PPO end-to-end, funding-arb env", SharedData.ABSENT));
        } else {
            FundingTrainConfig cfg = config(options);
            FundingData fd = FundingData.load(data.get(), cfg.envConfig(), cfg.split(), 42);
            rows.addAll(funding(options, cfg, fd, 1));
            rows.addAll(funding(options, cfg, fd, 2));
        }
        rows.add(synthetic(options));
        MaskedPpo cart = CartPoleTraining.trainer(CartPoleTraining.config(1_000_000_000_000L), 1);
        cart.iterate();
        double[] cs = new double[options.quick() ? 3 : 10];
        for (int i = 0; i < cs.length; i++) {
            cs[i] = cart.iterate().stepsPerSecond();
        }
        rows.add(new BenchRow(GROUP, "PPO end-to-end, CartPole MLP 64x64", Measure.median(cs), "env-steps/s", "",
                "8 envs x 256 steps, batch 64, 10 epochs; median of " + cs.length + " updates"));
        return rows;
    }

    /** The training defaults with the plan's 2048 steps per environment, in the full-range curriculum stage from the start. */
    private static FundingTrainConfig config(BenchOptions options) {
        FundingTrainConfig d = FundingTrainConfig.defaults();
        PpoConfig ppo = d.ppo().toBuilder().numEnvs(16).nSteps(options.quick() ? 128 : 2048).batchSize(64).epochs(10)
                .totalSteps(1_000_000_000_000L).build();
        return new FundingTrainConfig(ppo, false, d.stepHours(), d.feeRatePerSide(), d.realShare(), d.tapeHours(),
                d.episodesPerTape(), 0, 0, d.split(), d.checkpointEvery());
    }

    private static List<BenchRow> funding(BenchOptions options, FundingTrainConfig cfg, FundingData fd, int threads) {
        FundingTraining training = new FundingTraining(cfg, fd, 11, threads);
        MaskedPpo ppo = training.ppo();
        int measured = options.quick() ? 2 : 3;
        double load0 = Measure.loadAverage();
        ppo.iterate(); // warm-up: JIT
        double[] sps = new double[measured];
        double[] cpuSps = new double[measured];
        double rollout = 0;
        double update = 0;
        for (int i = 0; i < measured; i++) {
            double c0 = Measure.threadCpuSeconds();
            UpdateMetrics m = ppo.iterate();
            double cpu = Measure.threadCpuSeconds() - c0;
            sps[i] = m.stepsPerSecond();
            cpuSps[i] = cfg.ppo().rolloutSize() / cpu;
            rollout += m.rolloutSeconds();
            update += m.updateSeconds();
        }
        ppo.network().close();
        String t = threads + (threads == 1 ? " thread" : " threads");
        String setup = String.format(Locale.ROOT, "16 funding-arb envs (real + generated tapes, full-range configs) x %d steps,"
                        + " batch 64, 10 epochs, modular net on %s; median of %d updates after 1 warm-up; load average %.1f-%.1f",
                cfg.ppo().nSteps(), t, measured, load0, Measure.loadAverage());
        List<BenchRow> rows = new ArrayList<>();
        rows.add(new BenchRow(GROUP, "PPO end-to-end, funding-arb env, modular net, " + t, Measure.median(sps), "env-steps/s",
                ">= 5,000", "wall clock; " + setup));
        if (threads == 1) {
            rows.add(new BenchRow(GROUP, "PPO end-to-end per CPU-second of the training thread, funding-arb env, 1 thread",
                    Measure.median(cpuSps), "env-steps/s", ">= 5,000",
                    "rollout size / thread CPU time of each update: the cost without other jobs' time slices; " + setup));
        }
        rows.add(new BenchRow(GROUP, "PPO time in rollout, funding-arb env, " + t, 100 * rollout / (rollout + update), "%", "",
                "16 environment steps + batch-16 inference + observation normalisation + sampling, per vector step"));
        rows.add(new BenchRow(GROUP, "PPO time in update, funding-arb env, " + t, 100 * update / (rollout + update), "%", "",
                "GAE + 10 epochs x 512 minibatches of forward + loss + backward + gradient norm + Adam"));
        return rows;
    }

    /** The synthetic environment with the funding shapes (the row the figures before the funding env used). */
    private static BenchRow synthetic(BenchOptions options) {
        int nSteps = options.quick() ? 128 : 2048;
        PpoConfig cfg = PpoConfig.builder().numEnvs(16).nSteps(nSteps).batchSize(64).epochs(10).totalSteps(1_000_000_000_000L)
                .build();
        Rng rng = new Rng(11);
        ModularNetworkSpec spec = ModularNetworkSpec.FUNDING;
        List<SyntheticMaskedEnv> envs = new ArrayList<>();
        for (int i = 0; i < cfg.numEnvs(); i++) {
            envs.add(new SyntheticMaskedEnv(spec, rng.split()));
        }
        MaskedPpo ppo = new MaskedPpo(cfg, new VecEnv(envs), new ModularPPONetwork(spec, rng.split(), 1), rng.split());
        int measured = 2;
        ppo.iterate();
        double[] sps = new double[measured];
        for (int i = 0; i < measured; i++) {
            sps[i] = ppo.iterate().stepsPerSecond();
        }
        ppo.network().close();
        return new BenchRow(GROUP, "PPO end-to-end, synthetic env (funding shapes), modular net, 1 thread", Measure.median(sps),
                "env-steps/s", "", String.format(Locale.ROOT, "reference only: SyntheticMaskedEnv (275 random floats, 36 masked"
                + " actions, no market), the environment of the figures before the funding env; 16 envs x %d steps, batch 64,"
                + " 10 epochs; median of %d updates", nSteps, measured));
    }
}
