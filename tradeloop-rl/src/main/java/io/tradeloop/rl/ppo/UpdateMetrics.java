package io.tradeloop.rl.ppo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The numbers one PPO update logs (CleanRL's set plus the action distribution): throughput with its
 * rollout/update split, completed episodes, losses, KL, clip fraction and entropy. Loss figures are
 * means over every minibatch of the update.
 *
 * @param update            1-based update number
 * @param globalStep        environment steps after this update's rollout
 * @param stepsPerSecond    this update's environment steps / (rollout + update seconds)
 * @param rolloutSeconds    time spent stepping environments and sampling actions
 * @param updateSeconds     time spent in the gradient epochs
 * @param learningRate      rate used by this update
 * @param episodes          episodes completed during the rollout
 * @param meanReturn        their mean undiscounted return (NaN when none)
 * @param meanLength        their mean length
 * @param meanScore         mean of the environment's own episode score (e.g. P&amp;L %; NaN when it has none)
 * @param meanReturn100     mean return of the last (up to) 100 completed episodes of the run
 * @param policyLoss        clipped surrogate loss
 * @param valueLoss         (clipped) value loss
 * @param entropy           entropy over valid actions
 * @param approxKl          mean of (r - 1) - log r
 * @param clipFraction      share of samples with |r - 1| &gt; clip
 * @param explainedVariance 1 - Var(R - V) / Var(R) over the rollout
 * @param gradNorm          mean global gradient norm before clipping
 * @param actionFractions   share of each action in the rollout, index = action id
 */
public record UpdateMetrics(int update, long globalStep, double stepsPerSecond, double rolloutSeconds,
                            double updateSeconds, double learningRate, int episodes, double meanReturn,
                            double meanLength, double meanScore, double meanReturn100, double policyLoss,
                            double valueLoss, double entropy, double approxKl, double clipFraction,
                            double explainedVariance, double gradNorm, double[] actionFractions) {

    /**
     * Action shares grouped by the first word of each action's name ({@code ENTER_3_SMALL} counts as
     * {@code ENTER}), in first-seen order.
     */
    public Map<String, Double> actionGroups(List<String> actionNames) {
        Map<String, Double> groups = new LinkedHashMap<>();
        for (int a = 0; a < actionFractions.length; a++) {
            String name = a < actionNames.size() ? actionNames.get(a) : "A" + a;
            String group = name.split("[_ ]", 2)[0];
            groups.merge(group, actionFractions[a], Double::sum);
        }
        return groups;
    }

    /** One key=value log line. */
    public String logLine(List<String> actionNames) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT,
                "update=%d step=%d sps=%.0f rollout_s=%.2f update_s=%.2f lr=%.3g episodes=%d return=%.3f return100=%.3f len=%.1f",
                update, globalStep, stepsPerSecond, rolloutSeconds, updateSeconds, learningRate, episodes, meanReturn,
                meanReturn100, meanLength));
        if (!Double.isNaN(meanScore)) {
            sb.append(String.format(Locale.ROOT, " score=%.4f", meanScore));
        }
        sb.append(String.format(Locale.ROOT,
                " pg_loss=%.4f v_loss=%.4f entropy=%.4f approx_kl=%.5f clipfrac=%.3f explained_var=%.3f grad_norm=%.3f",
                policyLoss, valueLoss, entropy, approxKl, clipFraction, explainedVariance, gradNorm));
        sb.append(" actions=");
        boolean first = true;
        for (Map.Entry<String, Double> e : actionGroups(actionNames).entrySet()) {
            sb.append(first ? "" : ",").append(e.getKey()).append(':')
                    .append(String.format(Locale.ROOT, "%.3f", e.getValue()));
            first = false;
        }
        return sb.toString();
    }
}
