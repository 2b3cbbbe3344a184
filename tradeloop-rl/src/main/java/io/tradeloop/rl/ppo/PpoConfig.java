package io.tradeloop.rl.ppo;

import io.tradeloop.core.config.Checks;
import io.tradeloop.core.config.ConfigException;
import io.tradeloop.rl.nn.AdamConfig;

/**
 * Every hyperparameter of {@link MaskedPpo}, with the plan's defaults (funding-arbitrage plan,
 * "Optimization Objective": n_steps 2048, batch 64, 10 epochs, GAE lambda 0.95, clip 0.2; 16 vectorised
 * environments). Ranges here are what the algorithm accepts; the narrower ranges a parameter search
 * explores are {@link PpoSearchSpace#DESIGN}.
 *
 * @param numEnvs               environments stepped together, default 16, [1, 4096]
 * @param nSteps                steps per environment per rollout, default 2048 (rollout = numEnvs * nSteps)
 * @param batchSize             minibatch size, default 64; must divide numEnvs * nSteps
 * @param epochs                passes over each rollout, default 10, [1, 100]
 * @param learningRate          Adam learning rate, default 3e-4, [1e-7, 1e-2]
 * @param schedule              learning-rate schedule, default CONSTANT
 * @param totalSteps            environment steps of the run (and the horizon of a LINEAR schedule), default 1,000,000
 * @param gamma                 discount, default 0.99, [0, 1]
 * @param gaeLambda             GAE lambda, default 0.95, [0, 1]
 * @param clipRange             PPO ratio clip epsilon, default 0.2, [0.01, 1]
 * @param clipValueLoss         clip the value update around the rollout's value (CleanRL's clip_vloss), default true
 * @param valueClipRange        value clip half-width, default 0.2, [0.01, 1e6]
 * @param entropyCoef           entropy bonus (over valid actions), default 0.01, [0, 1]
 * @param vfCoef                value-loss coefficient, default 0.5, [0, 10]
 * @param maxGradNorm           global gradient-norm clip, default 0.5, [1e-3, 1e3]
 * @param normalizeAdvantages   standardise advantages per minibatch, default true
 * @param normalizeObservations running mean/variance observation normaliser, default false
 * @param observationClip       clip of normalised observations, default 10, [0.1, 1e6]
 * @param adam                  Adam constants, default beta 0.9/0.999, epsilon 1e-5
 */
public record PpoConfig(int numEnvs, int nSteps, int batchSize, int epochs, double learningRate,
                        LearningRateSchedule schedule, long totalSteps, double gamma, double gaeLambda,
                        double clipRange, boolean clipValueLoss, double valueClipRange, double entropyCoef,
                        double vfCoef, double maxGradNorm, boolean normalizeAdvantages,
                        boolean normalizeObservations, double observationClip, AdamConfig adam) {

    /** The plan's defaults. */
    public static final PpoConfig DEFAULT = new PpoConfig(16, 2048, 64, 10, 3e-4, LearningRateSchedule.CONSTANT,
            1_000_000, 0.99, 0.95, 0.2, true, 0.2, 0.01, 0.5, 0.5, true, false, 10.0, AdamConfig.DEFAULT);

    public PpoConfig {
        Checks.inRange("ppo.numEnvs", numEnvs, 1, 4096);
        Checks.inRange("ppo.nSteps", nSteps, 1, 1 << 20);
        Checks.inRange("ppo.batchSize", batchSize, 1, 1 << 20);
        Checks.inRange("ppo.epochs", epochs, 1, 100);
        Checks.inRange("ppo.learningRate", learningRate, 1e-7, 1e-2);
        Checks.notNull("ppo.schedule", schedule);
        Checks.inRange("ppo.totalSteps", totalSteps, 1L, 1_000_000_000_000L);
        Checks.inRange("ppo.gamma", gamma, 0.0, 1.0);
        Checks.inRange("ppo.gaeLambda", gaeLambda, 0.0, 1.0);
        Checks.inRange("ppo.clipRange", clipRange, 0.01, 1.0);
        Checks.inRange("ppo.valueClipRange", valueClipRange, 0.01, 1e6);
        Checks.inRange("ppo.entropyCoef", entropyCoef, 0.0, 1.0);
        Checks.inRange("ppo.vfCoef", vfCoef, 0.0, 10.0);
        Checks.inRange("ppo.maxGradNorm", maxGradNorm, 1e-3, 1e3);
        Checks.inRange("ppo.observationClip", observationClip, 0.1, 1e6);
        Checks.notNull("ppo.adam", adam);
        long rollout = (long) numEnvs * nSteps;
        if (rollout > 1 << 26) {
            throw new ConfigException("ppo.nSteps", "numEnvs * nSteps = " + rollout + " exceeds the limit " + (1 << 26));
        }
        if (rollout % batchSize != 0) {
            throw new ConfigException("ppo.batchSize", "value " + batchSize + " must divide numEnvs * nSteps = " + rollout);
        }
    }

    /** Transitions per rollout. */
    public int rolloutSize() {
        return numEnvs * nSteps;
    }

    /** Minibatches per epoch. */
    public int minibatches() {
        return rolloutSize() / batchSize;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder() {
        return new Builder(DEFAULT);
    }

    /** Changes a few fields of a config; {@link #build()} validates. */
    public static final class Builder {
        private int numEnvs;
        private int nSteps;
        private int batchSize;
        private int epochs;
        private double learningRate;
        private LearningRateSchedule schedule;
        private long totalSteps;
        private double gamma;
        private double gaeLambda;
        private double clipRange;
        private boolean clipValueLoss;
        private double valueClipRange;
        private double entropyCoef;
        private double vfCoef;
        private double maxGradNorm;
        private boolean normalizeAdvantages;
        private boolean normalizeObservations;
        private double observationClip;
        private AdamConfig adam;

        private Builder(PpoConfig c) {
            numEnvs = c.numEnvs;
            nSteps = c.nSteps;
            batchSize = c.batchSize;
            epochs = c.epochs;
            learningRate = c.learningRate;
            schedule = c.schedule;
            totalSteps = c.totalSteps;
            gamma = c.gamma;
            gaeLambda = c.gaeLambda;
            clipRange = c.clipRange;
            clipValueLoss = c.clipValueLoss;
            valueClipRange = c.valueClipRange;
            entropyCoef = c.entropyCoef;
            vfCoef = c.vfCoef;
            maxGradNorm = c.maxGradNorm;
            normalizeAdvantages = c.normalizeAdvantages;
            normalizeObservations = c.normalizeObservations;
            observationClip = c.observationClip;
            adam = c.adam;
        }

        public Builder numEnvs(int v) { numEnvs = v; return this; }
        public Builder nSteps(int v) { nSteps = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder epochs(int v) { epochs = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder schedule(LearningRateSchedule v) { schedule = v; return this; }
        public Builder totalSteps(long v) { totalSteps = v; return this; }
        public Builder gamma(double v) { gamma = v; return this; }
        public Builder gaeLambda(double v) { gaeLambda = v; return this; }
        public Builder clipRange(double v) { clipRange = v; return this; }
        public Builder clipValueLoss(boolean v) { clipValueLoss = v; return this; }
        public Builder valueClipRange(double v) { valueClipRange = v; return this; }
        public Builder entropyCoef(double v) { entropyCoef = v; return this; }
        public Builder vfCoef(double v) { vfCoef = v; return this; }
        public Builder maxGradNorm(double v) { maxGradNorm = v; return this; }
        public Builder normalizeAdvantages(boolean v) { normalizeAdvantages = v; return this; }
        public Builder normalizeObservations(boolean v) { normalizeObservations = v; return this; }
        public Builder observationClip(double v) { observationClip = v; return this; }
        public Builder adam(AdamConfig v) { adam = v; return this; }

        public PpoConfig build() {
            return new PpoConfig(numEnvs, nSteps, batchSize, epochs, learningRate, schedule, totalSteps, gamma, gaeLambda,
                    clipRange, clipValueLoss, valueClipRange, entropyCoef, vfCoef, maxGradNorm, normalizeAdvantages,
                    normalizeObservations, observationClip, adam);
        }
    }
}
