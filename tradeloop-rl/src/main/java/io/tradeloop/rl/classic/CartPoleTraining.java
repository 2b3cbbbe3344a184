package io.tradeloop.rl.classic;

import io.tradeloop.core.random.Rng;
import io.tradeloop.rl.env.VecEnv;
import io.tradeloop.rl.nn.MlpPolicyNetwork;
import io.tradeloop.rl.nn.PolicyNetwork;
import io.tradeloop.rl.ppo.LearningRateSchedule;
import io.tradeloop.rl.ppo.MaskedCategorical;
import io.tradeloop.rl.ppo.MaskedPpo;
import io.tradeloop.rl.ppo.PpoConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Wiring for the PPO correctness check on CartPole: the preset, the trainer (a 64-64 tanh MLP over
 * vectorised {@link CartPole}s) and a policy evaluation. The same {@link MaskedPpo} trains the funding agent.
 */
public final class CartPoleTraining {
    /** Hidden width of the MLP policy. */
    public static final int HIDDEN = 64;

    private CartPoleTraining() {
    }

    /**
     * The CartPole preset: 8 environments x 256 steps (a 2,048-step rollout, the plan's n_steps), batch 64,
     * 10 epochs, learning rate 3e-4 annealed linearly, the plan's gamma/lambda/clip/entropy/value
     * coefficients otherwise (all inside DESIGN.md's search ranges).
     */
    public static PpoConfig config(long totalSteps) {
        return PpoConfig.builder()
                .numEnvs(8).nSteps(256).batchSize(64).epochs(10)
                .learningRate(3e-4).schedule(LearningRateSchedule.LINEAR).totalSteps(totalSteps)
                .gamma(0.99).gaeLambda(0.95).clipRange(0.2).entropyCoef(0.01).vfCoef(0.5)
                .build();
    }

    /** Vectorised CartPoles, each with its own generator split from {@code rng}. */
    public static VecEnv environments(int count, Rng rng) {
        List<CartPole> envs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            envs.add(new CartPole(rng.split()));
        }
        return new VecEnv(envs);
    }

    /** A trainer for {@code config}, everything drawn from {@code seed}. */
    public static MaskedPpo trainer(PpoConfig config, long seed) {
        Rng root = new Rng(seed);
        VecEnv envs = environments(config.numEnvs(), root.split());
        PolicyNetwork net = new MlpPolicyNetwork(4, 2, HIDDEN, root.split());
        return new MaskedPpo(config, envs, net, root.split());
    }

    /**
     * Mean undiscounted return of {@code episodes} fresh episodes with the policy, sampling actions
     * ({@code greedy=false}) or taking the most probable one.
     */
    public static double evaluate(PolicyNetwork net, int episodes, long seed, boolean greedy) {
        Rng rng = new Rng(seed);
        CartPole env = new CartPole(rng.split());
        float[] obs = new float[4];
        boolean[] mask = new boolean[2];
        float[] logits = new float[2];
        float[] value = new float[1];
        double[] logp = new double[2];
        double total = 0;
        for (int ep = 0; ep < episodes; ep++) {
            env.reset(obs, 0, mask, 0);
            double ret = 0;
            do {
                net.predict(obs, 1, logits, value);
                int a;
                if (greedy) {
                    a = MaskedCategorical.argmax(logits, 0, mask, 0, 2);
                } else {
                    MaskedCategorical.logSoftmax(logits, 0, mask, 0, 2, logp);
                    a = MaskedCategorical.sample(logp, mask, 0, 2, rng.nextDouble());
                }
                ret += env.step(a, obs, 0, mask, 0);
            } while (!env.terminated() && !env.truncated());
            total += ret;
        }
        return total / episodes;
    }
}
