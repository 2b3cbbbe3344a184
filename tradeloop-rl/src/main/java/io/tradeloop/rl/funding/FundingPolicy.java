package io.tradeloop.rl.funding;

import io.tradeloop.core.funding.CarryRule;
import io.tradeloop.core.random.Rng;
import io.tradeloop.rl.env.funding.EnvLayout;
import io.tradeloop.rl.env.funding.FundingArbitrageEnv;
import io.tradeloop.rl.env.funding.FundingState;
import io.tradeloop.rl.env.funding.MarketSeries;
import io.tradeloop.rl.env.funding.MarketTape;
import io.tradeloop.rl.nn.PolicyNetwork;
import io.tradeloop.rl.ppo.MaskedCategorical;

/** Something that picks a funding-environment action from what the environment shows (evaluation and baselines). */
public sealed interface FundingPolicy {
    /** Name in reports. */
    String name();

    /** The action for the current observation and mask of {@code env}. */
    int act(FundingArbitrageEnv env, float[] obs, boolean[] mask);

    /** Never trades. */
    record AlwaysHold() implements FundingPolicy {
        @Override
        public String name() {
            return "always HOLD";
        }

        @Override
        public int act(FundingArbitrageEnv env, float[] obs, boolean[] mask) {
            return 0;
        }
    }

    /** Uniform over the actions the mask allows. */
    record RandomValid(Rng rng) implements FundingPolicy {
        @Override
        public String name() {
            return "random valid action";
        }

        @Override
        public int act(FundingArbitrageEnv env, float[] obs, boolean[] mask) {
            int n = 0;
            for (boolean b : mask) {
                if (b) n++;
            }
            int pick = rng.nextInt(n);
            for (int a = 0; a < mask.length; a++) {
                if (mask[a] && pick-- == 0) {
                    return a;
                }
            }
            return 0;
        }
    }

    /**
     * The greedy carry baseline with the backtester's rule ({@link CarryRule}, the same object the engine's
     * {@code FundingCarry} strategy uses): first exit any position the rule closes (differential turned, or a leg
     * nearer liquidation than its buffer); else enter, with the largest size the mask allows, the best-ranked
     * opportunity the rule accepts that is not held already.
     */
    record GreedyCarry(CarryRule rule) implements FundingPolicy {
        @Override
        public String name() {
            return "greedy carry";
        }

        @Override
        public int act(FundingArbitrageEnv env, float[] obs, boolean[] mask) {
            FundingState s = env.state();
            EnvLayout layout = s.layout();
            MarketTape tape = env.tape();
            MarketSeries series = tape.series();
            int t = env.step();
            for (int k = 0; k < layout.executionSlots(); k++) {
                if (s.isActive(k) && rule.shouldExit(series.knownRate8h(env.positionLongLeg(k), t),
                        series.knownRate8h(env.positionShortLeg(k), t), s.liquidationDistance(k))) {
                    return layout.exitAction(k);
                }
            }
            for (int i = 0; i < layout.opportunitySlots(); i++) {
                int c = env.opportunityCandidate(i);
                if (c < 0 || held(env, tape, c)) {
                    continue;
                }
                int lo = tape.candidateLong(c);
                int sh = tape.candidateShort(c);
                double fees = CarryRule.roundTripFeeRate(tape.instrument(lo).takerFeeRate(), tape.instrument(sh).takerFeeRate());
                if (rule.shouldEnter(series.knownRate8h(lo, t), series.knownRate8h(sh, t), fees)) {
                    for (int size = layout.sizeCount() - 1; size >= 0; size--) {
                        if (mask[layout.enterAction(i, size)]) {
                            return layout.enterAction(i, size);
                        }
                    }
                }
            }
            return 0;
        }

        private static boolean held(FundingArbitrageEnv env, MarketTape tape, int candidate) {
            FundingState s = env.state();
            for (int k = 0; k < s.layout().executionSlots(); k++) {
                if (s.isActive(k) && env.positionLongLeg(k) == tape.candidateLong(candidate)
                        && env.positionShortLeg(k) == tape.candidateShort(candidate)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * A trained network: observations normalised with the run's statistics, the most probable allowed action
     * ({@code greedy}) or a sample.
     */
    final class Trained implements FundingPolicy {
        private final String name;
        private final PolicyNetwork net;
        private final double[] mean;
        private final double[] var;
        private final double clip;
        private final boolean greedy;
        private final Rng rng;
        private final float[] input;
        private final float[] logits;
        private final float[] value = new float[1];
        private final double[] logp;

        /**
         * @param mean  the normaliser's means (empty: no normalisation)
         * @param var   its variances
         * @param clip  the clip of normalised values
         */
        public Trained(String name, PolicyNetwork net, double[] mean, double[] var, double clip, boolean greedy, Rng rng) {
            this.name = name;
            this.net = net;
            this.mean = mean.clone();
            this.var = var.clone();
            this.clip = clip;
            this.greedy = greedy;
            this.rng = rng;
            input = new float[net.observationSize()];
            logits = new float[net.actionCount()];
            logp = new double[net.actionCount()];
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int act(FundingArbitrageEnv env, float[] obs, boolean[] mask) {
            for (int k = 0; k < input.length; k++) {
                input[k] = mean.length == 0 ? obs[k]
                        : (float) Math.clamp((obs[k] - mean[k]) / Math.sqrt(var[k] + 1e-8), -clip, clip);
            }
            net.predict(input, 1, logits, value);
            if (greedy) {
                return MaskedCategorical.argmax(logits, 0, mask, 0, logits.length);
            }
            MaskedCategorical.logSoftmax(logits, 0, mask, 0, logits.length, logp);
            return MaskedCategorical.sample(logp, mask, 0, logits.length, rng.nextDouble());
        }

        /** The critic's value of the last observation acted on. */
        public double lastValue() {
            return value[0];
        }
    }
}
