package io.tradeloop.rl.funding;

import io.tradeloop.core.random.Rng;
import io.tradeloop.rl.env.funding.EpisodeSampler;
import io.tradeloop.rl.env.funding.FundingArbitrageEnv;
import io.tradeloop.rl.env.funding.FundingState;
import io.tradeloop.rl.env.funding.ReplayMarket;
import io.tradeloop.rl.env.funding.TradingConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Walks a policy through a window of the real market (the hold-out months) as one continuous account: episodes
 * of {@code segmentHours} are chained (positions and equity carry over, the episode clock and the drawdown
 * reference restart, as a deployed agent would see them), the run stops early only when the environment
 * terminates (25% drawdown), and whatever is still open is closed at the end. The result is the raw equity
 * curve and trade ledger; metrics are computed from them by the caller.
 */
public final class FundingEvaluation {
    private FundingEvaluation() {
    }

    /** One closed position. */
    public record Trade(long closeMs, double sizeUsd, double netPnlUsd, double holdHours, FundingArbitrageEnv.ExitReason reason) {
    }

    /**
     * A policy's walk through the window.
     *
     * @param policy            the policy's name
     * @param timeMs            time of each step (the first is the window's start)
     * @param equityUsd         equity at each step, marked to market (the last after closing everything)
     * @param utilization       Σ position sizes / equity at each step
     * @param trades            closed positions
     * @param entries           positions opened
     * @param holds             HOLD actions taken
     * @param enters            ENTER actions taken
     * @param exits             EXIT actions taken
     * @param stoppedByDrawdown whether the walk ended at the drawdown limit before the window's end
     * @param initialCapitalUsd capital at the start
     */
    public record Run(String policy, long[] timeMs, double[] equityUsd, double[] utilization, List<Trade> trades, long entries,
                      long holds, long enters, long exits, boolean stoppedByDrawdown, double initialCapitalUsd) {
        public double days() {
            return (timeMs[timeMs.length - 1] - timeMs[0]) / 86_400_000.0;
        }
    }

    /** Runs {@code policy} over {@code window} with {@code config}, chaining episodes of {@code segmentHours}. */
    public static Run run(FundingPolicy policy, FundingData data, ReplayMarket window, TradingConfig config, int segmentHours) {
        var envConfig = data.env();
        int stepHours = envConfig.stepHours();
        var env = new FundingArbitrageEnv(envConfig, window, EpisodeSampler.fixed(config, segmentHours, segmentHours), new Rng(0));
        List<Trade> trades = new ArrayList<>();
        env.setTradeListener((time, size, pnl, hold, reason) -> trades.add(new Trade(time, size, pnl, hold, reason)));
        float[] obs = new float[envConfig.layout().observationSize()];
        boolean[] mask = new boolean[envConfig.layout().actionCount()];
        int from = window.fromStep();
        int last = window.toStep() - 1;
        int n = last - from + 1;
        long[] time = new long[n];
        double[] equity = new double[n];
        double[] util = new double[n];
        env.resetAt(window.tape(), from, config, Math.min(segmentHours, (last - from) * stepHours), obs, 0, mask, 0);
        FundingState s = env.state();
        time[0] = env.timeMs();
        equity[0] = s.portfolio().equityUsd();
        int i = 1;
        long holds = 0;
        long enters = 0;
        long exits = 0;
        boolean stopped = false;
        while (env.step() < last) {
            int a = policy.act(env, obs, mask);
            if (a == 0) {
                holds++;
            } else if (envConfig.layout().isEnter(a)) {
                enters++;
            } else {
                exits++;
            }
            env.step(a, obs, 0, mask, 0);
            time[i] = env.timeMs();
            equity[i] = s.portfolio().equityUsd();
            util[i] = utilization(s);
            i++;
            if (env.terminated()) {
                stopped = env.step() < last;
                break;
            }
            if (env.truncated() && env.step() < last) {
                env.continueEpisode(Math.min(segmentHours, (last - env.step()) * stepHours), obs, 0, mask, 0);
            }
        }
        env.closeAll();
        equity[i - 1] = s.portfolio().equityUsd();
        return new Run(policy.name(), java.util.Arrays.copyOf(time, i), java.util.Arrays.copyOf(equity, i),
                java.util.Arrays.copyOf(util, i), List.copyOf(trades), env.stats().entries(), holds, enters, exits, stopped,
                envConfig.initialCapitalUsd());
    }

    private static double utilization(FundingState s) {
        double size = 0;
        for (int k = 0; k < s.layout().executionSlots(); k++) {
            size += s.positionSizeUsd(k);
        }
        return size / s.portfolio().equityUsd();
    }
}
