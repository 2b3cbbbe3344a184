package io.tradeloop.rl.ppo;

/**
 * Generalised advantage estimation (Schulman et al. 2016, eq. 11-16) over a rollout of
 * {@code nSteps x nEnvs} transitions laid out {@code [t * nEnvs + e]}:
 * {@code delta_t = r_t + gamma * V(s_t+1) * (1 - done_t) - V(s_t)},
 * {@code A_t = delta_t + gamma * lambda * (1 - done_t) * A_t+1}, returns {@code R_t = A_t + V(s_t)}.
 * {@code done_t} marks that the episode ended with step t; a time-limit end has its bootstrap value
 * already folded into {@code r_t} by the trainer.
 */
public final class Gae {
    private Gae() {
    }

    public static void compute(float[] rewards, float[] values, boolean[] dones, float[] lastValues, int nSteps, int nEnvs,
                               double gamma, double lambda, float[] advantages, float[] returns) {
        for (int e = 0; e < nEnvs; e++) {
            double next = 0;
            for (int t = nSteps - 1; t >= 0; t--) {
                int i = t * nEnvs + e;
                double nextValue = t == nSteps - 1 ? lastValues[e] : values[i + nEnvs];
                double nonTerminal = dones[i] ? 0.0 : 1.0;
                double delta = rewards[i] + gamma * nextValue * nonTerminal - values[i];
                next = delta + gamma * lambda * nonTerminal * next;
                advantages[i] = (float) next;
                returns[i] = (float) (next + values[i]);
            }
        }
    }
}
