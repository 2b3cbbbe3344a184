package io.tradeloop.bench.rl;

import io.tradeloop.bench.BenchOptions;
import io.tradeloop.bench.BenchRow;
import io.tradeloop.bench.Benchmark;
import io.tradeloop.bench.Measure;
import io.tradeloop.core.SharedData;
import io.tradeloop.core.random.Rng;
import io.tradeloop.rl.classic.CartPole;
import io.tradeloop.rl.env.VecEnv;
import io.tradeloop.rl.env.funding.EnvConfig;
import io.tradeloop.rl.env.funding.EpisodeSampler;
import io.tradeloop.rl.env.funding.FundingArbitrageEnv;
import io.tradeloop.rl.env.funding.GeneratedMarket;
import io.tradeloop.rl.env.funding.MarketGenerator;
import io.tradeloop.rl.env.funding.MarketTape;
import io.tradeloop.rl.env.funding.ReplayMarket;
import io.tradeloop.rl.funding.FundingData;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Funding-arbitrage environment throughput: steps per second on one thread with uniformly random valid actions
 * (episodes of 72–168 h on the real training months, configs sampled per episode, auto-reset), the bytes it
 * allocates per step, 16 environments through {@link VecEnv}, and the cost of a generated tape. The reference in
 * the same run is CartPole's step (the smallest environment there is), to read the funding step's cost against.
 */
public final class FundingEnvBenchmark implements Benchmark {
    private static final String GROUP = "rl-env";

    @Override
    public String group() {
        return GROUP;
    }

    @Override
    public List<BenchRow> run(BenchOptions options) {
        var data = SharedData.data();
        if (data.isEmpty()) {
            return List.of(BenchRow.skipped(GROUP, "funding-arb env steps/s", SharedData.ABSENT));
        }
        EnvConfig c = EnvConfig.defaults();
        FundingData fd = FundingData.load(data.get(), c, FundingData.Split.defaults(), 42);
        ReplayMarket train = fd.trainReplay();
        long steps = options.quick() ? 300_000 : 3_000_000;
        List<BenchRow> rows = new ArrayList<>();

        var env = new FundingArbitrageEnv(c, train, EpisodeSampler.sampled(72, 168), new Rng(1));
        float[] obs = new float[c.layout().observationSize()];
        boolean[] mask = new boolean[c.layout().actionCount()];
        Rng actions = new Rng(2);
        env.reset(obs, 0, mask, 0);
        long[] resets = {0};
        double load0 = Measure.loadAverage();
        Measure.Throughput envSps = Measure.medianThroughputCpu(options, () -> {
            for (long i = 0; i < steps; i++) {
                env.step(randomAllowed(mask, actions), obs, 0, mask, 0);
                if (env.terminated() || env.truncated()) {
                    env.reset(obs, 0, mask, 0);
                    resets[0]++;
                }
            }
            return steps;
        });
        var cartpole = new CartPole(new Rng(3));
        float[] co = new float[4];
        boolean[] cm = new boolean[2];
        cartpole.reset(co, 0, cm, 0);
        double cps = Measure.medianThroughput(options, () -> {
            for (long i = 0; i < steps; i++) {
                cartpole.step(actions.nextInt(2), co, 0, cm, 0);
                if (cartpole.terminated() || cartpole.truncated()) {
                    cartpole.reset(co, 0, cm, 0);
                }
            }
            return steps;
        });
        double sps = envSps.perWallSecond();
        rows.add(new BenchRow(GROUP, "funding-arb env steps/s, 1 thread, random valid actions", sps, "steps/s", ">= 2,000,000",
                String.format(Locale.ROOT, "wall clock; real 2023-01..09 tape, 22 legs, 220 candidates, top-10; sampled configs, 72-168 h"
                        + " episodes with auto-reset; the random valid action is drawn inside the timed loop; %.3f x CartPole's %,.0f"
                        + " steps/s in the same run; load average %.1f-%.1f", sps / cps, cps, load0, Measure.loadAverage())));
        rows.add(new BenchRow(GROUP, "funding-arb env steps per CPU-second of the stepping thread", envSps.perCpuSecond(), "steps/s",
                ">= 2,000,000", "the same rounds timed by the thread's CPU clock: the step's cost without other jobs' time slices"));

        // allocation: bytes per step over steps only, and over steps with their resets
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        long n = options.quick() ? 200_000 : 1_000_000;
        long stepBytes = 0;
        long allBefore = threads.getThreadAllocatedBytes(tid);
        long probe = threads.getThreadAllocatedBytes(tid) - threads.getThreadAllocatedBytes(tid); // the probe's own cost, ~0
        long episodes = 0;
        for (long i = 0; i < n; i++) {
            int a = randomAllowed(mask, actions);
            long b0 = threads.getThreadAllocatedBytes(tid);
            env.step(a, obs, 0, mask, 0);
            stepBytes += threads.getThreadAllocatedBytes(tid) - b0 - probe;
            if (env.terminated() || env.truncated()) {
                env.reset(obs, 0, mask, 0);
                episodes++;
            }
        }
        long allBytes = threads.getThreadAllocatedBytes(tid) - allBefore;
        rows.add(new BenchRow(GROUP, "funding-arb bytes allocated per step()", (double) stepBytes / n, "B/step", "0",
                "ThreadMXBean around each step() call, " + n + " steps"));
        rows.add(new BenchRow(GROUP, "funding-arb bytes per step incl. resets", (double) allBytes / n, "B/step", "",
                String.format(Locale.ROOT, "%d episodes: a reset allocates its account, risk rules and the episode record (%.0f B each)",
                        episodes, (double) (allBytes - stepBytes) / Math.max(1, episodes))));

        // 16 environments through VecEnv
        List<FundingArbitrageEnv> list = new ArrayList<>();
        Rng root = new Rng(4);
        for (int i = 0; i < 16; i++) {
            list.add(new FundingArbitrageEnv(c, train, EpisodeSampler.sampled(72, 168), root.split()));
        }
        VecEnv vec = new VecEnv(list);
        vec.reset();
        int[] act = new int[16];
        long vsteps = steps / 16;
        double vps = Measure.medianThroughput(options, () -> {
            boolean[] masks = vec.masks();
            for (long s = 0; s < vsteps; s++) {
                for (int e = 0; e < 16; e++) {
                    act[e] = randomAllowedAt(masks, e * 36, 36, actions);
                }
                vec.step(act);
            }
            return vsteps * 16;
        });
        rows.add(new BenchRow(GROUP, "funding-arb VecEnv x16 steps/s, 1 thread", vps, "steps/s", "",
                "contiguous observation/mask arrays, auto-reset"));

        // a generated tape: generator + features + top-10 for 2,400 hours
        double tapeSeconds = Measure.medianSeconds(options, () -> MarketTape.build(
                MarketGenerator.generate(fd.generator(), new Rng(5), 1_672_617_600_000L, 2400, 1), c));
        rows.add(new BenchRow(GROUP, "funding-arb generated tape, 2,400 h x 22 legs", tapeSeconds * 1000, "ms", "",
                "calibrated generator + rolling statistics + top-10 encoding; one tape serves 64 training episodes"));
        var generated = new FundingArbitrageEnv(c, new GeneratedMarket(fd.generator(), c, 2400, 64), EpisodeSampler.sampled(72, 168), new Rng(6));
        generated.reset(obs, 0, mask, 0);
        double gps = Measure.medianThroughput(options, () -> {
            for (long i = 0; i < steps; i++) {
                generated.step(randomAllowed(mask, actions), obs, 0, mask, 0);
                if (generated.terminated() || generated.truncated()) {
                    generated.reset(obs, 0, mask, 0);
                }
            }
            return steps;
        });
        rows.add(new BenchRow(GROUP, "funding-arb env steps/s on generated tapes", gps, "steps/s", "",
                "as the first row, with a new generated tape every 64 episodes (tape building included)"));
        return rows;
    }

    private static int randomAllowed(boolean[] mask, Rng rng) {
        return randomAllowedAt(mask, 0, mask.length, rng);
    }

    private static int randomAllowedAt(boolean[] mask, int off, int n, Rng rng) {
        int count = 0;
        for (int a = 0; a < n; a++) {
            if (mask[off + a]) count++;
        }
        int pick = rng.nextInt(count);
        for (int a = 0; a < n; a++) {
            if (mask[off + a] && pick-- == 0) {
                return a;
            }
        }
        return 0;
    }
}
