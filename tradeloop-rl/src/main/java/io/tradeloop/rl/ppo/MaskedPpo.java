package io.tradeloop.rl.ppo;

import io.tradeloop.core.random.Rng;
import io.tradeloop.rl.checkpoint.TrainingCheckpoint;
import io.tradeloop.rl.env.VecEnv;
import io.tradeloop.rl.nn.PolicyNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Proximal policy optimisation with action masks (Schulman et al. 2017; Huang et al. 2022, "The 37
 * implementation details of PPO"), in one class that reads top to bottom like CleanRL's {@code ppo.py}:
 * collect {@code nSteps} transitions from each of the vectorised environments with the current policy
 * (sampling only actions the mask allows), compute GAE advantages, then run {@code epochs} passes of
 * shuffled minibatches through the clipped surrogate, value and entropy losses ({@link PpoLoss}) with
 * gradient-norm clipping and Adam. Episodes cut by a time limit are bootstrapped from the value of the
 * observation they ended on.
 *
 * <p>Every random draw (actions, minibatch order) comes from the generator passed in; with a
 * {@link VecEnv#isResumable() resumable} environment a run saved with {@link #checkpoint} and continued
 * with {@link #restore} is bit-identical to an uninterrupted one. Single-threaded.
 */
public final class MaskedPpo {
    private static final Logger LOG = LoggerFactory.getLogger(MaskedPpo.class);
    /** Name written into checkpoints. */
    public static final String ALGORITHM = "masked-ppo";

    private final PpoConfig cfg;
    private final VecEnv envs;
    private final PolicyNetwork net;
    private final Rng rng;
    private final ObservationNormalizer normalizer;
    private final int obsSize;
    private final int actions;
    private final int nEnvs;
    private final int nSteps;

    // rollout storage, [t * nEnvs + e]
    private final float[] obsBuf;
    private final boolean[] maskBuf;
    private final int[] actBuf;
    private final float[] logpBuf;
    private final float[] valBuf;
    private final float[] rewBuf;
    private final boolean[] doneBuf;
    private final float[] advBuf;
    private final float[] retBuf;

    // per-step scratch
    private final float[] stepObs;
    private final float[] stepLogits;
    private final float[] stepValues;
    private final int[] stepActions;
    private final double[] logp;
    private final float[] lastValues;
    private final int[] truncatedIdx;

    // minibatch scratch
    private final int[] perm;
    private final float[] mbObs;
    private final boolean[] mbMask;
    private final int[] mbAct;
    private final float[] mbOldLogp;
    private final float[] mbAdv;
    private final float[] mbRet;
    private final float[] mbOldVal;
    private final float[] mbLogits;
    private final float[] mbValues;
    private final float[] dLogits;
    private final float[] dValues;
    private final PpoLoss loss;

    private final long[] actionCounts;
    private final double[] recentReturns = new double[100];
    private int recentCount;
    private int recentNext;

    private long globalStep;
    private int updates;
    private boolean started;

    /**
     * @param cfg  hyperparameters; {@code cfg.numEnvs()} must equal {@code envs.size()}
     * @param envs the vectorised environments (not yet reset; the trainer resets them)
     * @param net  the policy; its observation size and action count must match the environments
     * @param rng  the generator for action sampling and minibatch order
     */
    public MaskedPpo(PpoConfig cfg, VecEnv envs, PolicyNetwork net, Rng rng) {
        if (cfg.numEnvs() != envs.size()) {
            throw new IllegalArgumentException("ppo.numEnvs is " + cfg.numEnvs() + " but the VecEnv holds " + envs.size());
        }
        if (net.observationSize() != envs.spec().observationSize() || net.actionCount() != envs.spec().actionCount()) {
            throw new IllegalArgumentException("network takes " + net.observationSize() + " floats -> " + net.actionCount()
                    + " actions, environment " + envs.spec().name() + " gives " + envs.spec().observationSize() + " -> "
                    + envs.spec().actionCount());
        }
        this.cfg = cfg;
        this.envs = envs;
        this.net = net;
        this.rng = rng;
        obsSize = envs.spec().observationSize();
        actions = envs.spec().actionCount();
        nEnvs = cfg.numEnvs();
        nSteps = cfg.nSteps();
        normalizer = cfg.normalizeObservations() ? new ObservationNormalizer(obsSize, cfg.observationClip()) : null;
        int n = cfg.rolloutSize();
        obsBuf = new float[n * obsSize];
        maskBuf = new boolean[n * actions];
        actBuf = new int[n];
        logpBuf = new float[n];
        valBuf = new float[n];
        rewBuf = new float[n];
        doneBuf = new boolean[n];
        advBuf = new float[n];
        retBuf = new float[n];
        stepObs = new float[nEnvs * obsSize];
        stepLogits = new float[nEnvs * actions];
        stepValues = new float[nEnvs];
        stepActions = new int[nEnvs];
        logp = new double[actions];
        lastValues = new float[nEnvs];
        truncatedIdx = new int[nEnvs];
        perm = new int[n];
        int b = cfg.batchSize();
        mbObs = new float[b * obsSize];
        mbMask = new boolean[b * actions];
        mbAct = new int[b];
        mbOldLogp = new float[b];
        mbAdv = new float[b];
        mbRet = new float[b];
        mbOldVal = new float[b];
        mbLogits = new float[b * actions];
        mbValues = new float[b];
        dLogits = new float[b * actions];
        dValues = new float[b];
        loss = new PpoLoss(actions);
        actionCounts = new long[actions];
    }

    /** Runs updates until {@link PpoConfig#totalSteps()} environment steps are done, reporting each. */
    public void train(Consumer<UpdateMetrics> listener) {
        while (globalStep < cfg.totalSteps()) {
            listener.accept(iterate());
        }
    }

    /** One rollout and one update. */
    public UpdateMetrics iterate() {
        if (!started) {
            envs.reset();
            started = true;
        }
        double lr = cfg.schedule().rate(cfg.learningRate(), globalStep, cfg.totalSteps());
        long t0 = System.nanoTime();
        rollout();
        long t1 = System.nanoTime();
        // bootstrap from the value of the observation after the last step, then GAE
        policyInput(envs.observations(), false);
        net.predict(stepObs, nEnvs, stepLogits, lastValues);
        Gae.compute(rewBuf, valBuf, doneBuf, lastValues, nSteps, nEnvs, cfg.gamma(), cfg.gaeLambda(), advBuf, retBuf);
        VecEnv.EpisodeLog episodes = envs.episodes();
        int epCount = episodes.count();
        double meanReturn = episodes.meanReturn();
        double meanLength = episodes.meanLength();
        double meanScore = episodes.meanScore();
        for (double r : episodes.returns()) {
            recentReturns[recentNext] = r;
            recentNext = (recentNext + 1) % recentReturns.length;
            recentCount = Math.min(recentCount + 1, recentReturns.length);
        }
        episodes.drain();
        double[] stats = optimise(lr);
        long t2 = System.nanoTime();
        updates++;
        double rolloutS = (t1 - t0) / 1e9;
        double updateS = (t2 - t1) / 1e9;
        double[] fractions = new double[actions];
        for (int a = 0; a < actions; a++) {
            fractions[a] = (double) actionCounts[a] / cfg.rolloutSize();
        }
        return new UpdateMetrics(updates, globalStep, cfg.rolloutSize() / (rolloutS + updateS), rolloutS, updateS, lr,
                epCount, meanReturn, meanLength, meanScore, meanRecentReturn(), stats[0], stats[1], stats[2], stats[3],
                stats[4], explainedVariance(), stats[5], fractions);
    }

    /** Collects nSteps transitions from every environment. */
    private void rollout() {
        Arrays.fill(actionCounts, 0);
        for (int t = 0; t < nSteps; t++) {
            int row = t * nEnvs;
            policyInput(envs.observations(), true);
            System.arraycopy(stepObs, 0, obsBuf, row * obsSize, nEnvs * obsSize);
            boolean[] masks = envs.masks();
            System.arraycopy(masks, 0, maskBuf, row * actions, nEnvs * actions);
            net.predict(stepObs, nEnvs, stepLogits, stepValues);
            for (int e = 0; e < nEnvs; e++) {
                MaskedCategorical.logSoftmax(stepLogits, e * actions, masks, e * actions, actions, logp);
                int a = MaskedCategorical.sample(logp, masks, e * actions, actions, rng.nextDouble());
                stepActions[e] = a;
                actBuf[row + e] = a;
                logpBuf[row + e] = (float) logp[a];
                valBuf[row + e] = stepValues[e];
                actionCounts[a]++;
            }
            envs.step(stepActions);
            float[] rewards = envs.rewards();
            boolean[] terminated = envs.terminated();
            boolean[] truncated = envs.truncated();
            int nTrunc = 0;
            for (int e = 0; e < nEnvs; e++) {
                rewBuf[row + e] = rewards[e];
                doneBuf[row + e] = terminated[e] || truncated[e];
                if (truncated[e] && !terminated[e]) {
                    truncatedIdx[nTrunc++] = e;
                }
            }
            if (nTrunc > 0) {
                bootstrapTruncated(row, nTrunc);
            }
            globalStep += nEnvs;
        }
    }

    /** r_t += gamma * V(final observation) for episodes that ended only because time ran out. */
    private void bootstrapTruncated(int row, int nTrunc) {
        float[] finals = envs.finalObservations();
        for (int k = 0; k < nTrunc; k++) {
            int e = truncatedIdx[k];
            if (normalizer != null) {
                normalizer.normalize(finals, e * obsSize, stepObs, k * obsSize, 1);
            } else {
                System.arraycopy(finals, e * obsSize, stepObs, k * obsSize, obsSize);
            }
        }
        net.predict(stepObs, nTrunc, stepLogits, stepValues);
        for (int k = 0; k < nTrunc; k++) {
            rewBuf[row + truncatedIdx[k]] += (float) (cfg.gamma() * stepValues[k]);
        }
    }

    /** Fills stepObs with what the network sees: the raw observations or their normalised copy. */
    private void policyInput(float[] raw, boolean updateStats) {
        if (normalizer == null) {
            System.arraycopy(raw, 0, stepObs, 0, nEnvs * obsSize);
            return;
        }
        if (updateStats) {
            normalizer.update(raw, nEnvs);
        }
        normalizer.normalize(raw, 0, stepObs, 0, nEnvs);
    }

    /** The gradient epochs; returns mean {policy loss, value loss, entropy, approx KL, clip fraction, grad norm}. */
    private double[] optimise(double lr) {
        int n = cfg.rolloutSize();
        int b = cfg.batchSize();
        double[] sums = new double[6];
        int count = 0;
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int epoch = 0; epoch < cfg.epochs(); epoch++) {
            for (int i = n - 1; i > 0; i--) {     // Fisher-Yates
                int j = rng.nextInt(i + 1);
                int tmp = perm[i];
                perm[i] = perm[j];
                perm[j] = tmp;
            }
            for (int start = 0; start < n; start += b) {
                gather(start, b);
                if (cfg.normalizeAdvantages()) {
                    normaliseAdvantages(b);
                }
                net.forward(mbObs, b, mbLogits, mbValues);
                PpoLoss.Terms terms = loss.compute(b, mbLogits, mbValues, mbMask, mbAct, mbOldLogp, mbAdv, mbRet, mbOldVal,
                        cfg, dLogits, dValues);
                net.backward(dLogits, dValues);
                double norm = net.gradientNorm();
                double scale = Math.min(1.0, cfg.maxGradNorm() / (norm + 1e-6)); // torch.nn.utils.clip_grad_norm_
                net.adamStep(cfg.adam(), lr, scale);
                sums[0] += terms.policyLoss();
                sums[1] += terms.valueLoss();
                sums[2] += terms.entropy();
                sums[3] += terms.approxKl();
                sums[4] += terms.clipFraction();
                sums[5] += norm;
                count++;
            }
        }
        for (int i = 0; i < sums.length; i++) {
            sums[i] /= count;
        }
        return sums;
    }

    private void gather(int start, int b) {
        for (int k = 0; k < b; k++) {
            int i = perm[start + k];
            System.arraycopy(obsBuf, i * obsSize, mbObs, k * obsSize, obsSize);
            System.arraycopy(maskBuf, i * actions, mbMask, k * actions, actions);
            mbAct[k] = actBuf[i];
            mbOldLogp[k] = logpBuf[i];
            mbAdv[k] = advBuf[i];
            mbRet[k] = retBuf[i];
            mbOldVal[k] = valBuf[i];
        }
    }

    /** (A - mean) / (std + 1e-8) with the unbiased std, as torch.std. */
    private void normaliseAdvantages(int b) {
        double mean = 0;
        for (int k = 0; k < b; k++) {
            mean += mbAdv[k];
        }
        mean /= b;
        double ss = 0;
        for (int k = 0; k < b; k++) {
            double d = mbAdv[k] - mean;
            ss += d * d;
        }
        double std = b > 1 ? Math.sqrt(ss / (b - 1)) : 0.0;
        for (int k = 0; k < b; k++) {
            mbAdv[k] = (float) ((mbAdv[k] - mean) / (std + 1e-8));
        }
    }

    private double explainedVariance() {
        int n = cfg.rolloutSize();
        double mr = 0;
        double md = 0;
        for (int i = 0; i < n; i++) {
            mr += retBuf[i];
            md += retBuf[i] - valBuf[i];
        }
        mr /= n;
        md /= n;
        double vr = 0;
        double vd = 0;
        for (int i = 0; i < n; i++) {
            double a = retBuf[i] - mr;
            double d = retBuf[i] - valBuf[i] - md;
            vr += a * a;
            vd += d * d;
        }
        return vr == 0 ? Double.NaN : 1 - vd / vr;
    }

    private double meanRecentReturn() {
        if (recentCount == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (int i = 0; i < recentCount; i++) {
            s += recentReturns[i];
        }
        return s / recentCount;
    }

    public long globalStep() {
        return globalStep;
    }

    public int updates() {
        return updates;
    }

    public PpoConfig config() {
        return cfg;
    }

    public PolicyNetwork network() {
        return net;
    }

    /** The full training state at this update boundary. */
    public TrainingCheckpoint checkpoint(String curriculumStage, Map<String, String> metadata) {
        byte[] envState = started && envs.isResumable() ? envs.saveState() : new byte[0];
        if (started && envState.length == 0) {
            LOG.warn("checkpoint env={} reason=\"environments are not resumable\" effect=\"a resumed run restarts its episodes\"",
                    envs.spec().name());
        }
        return new TrainingCheckpoint(ALGORITHM, PpoConfigJson.write(cfg), globalStep, updates, net.state(), rng.state(),
                normalizer == null ? new double[0] : normalizer.mean(),
                normalizer == null ? new double[0] : normalizer.variance(),
                normalizer == null ? 0 : normalizer.count(), envState, curriculumStage, metadata);
    }

    /** Continues from {@code ck}: this trainer must have been built with the checkpoint's configuration. */
    public void restore(TrainingCheckpoint ck) {
        if (!ck.algorithm().equals(ALGORITHM)) {
            throw new IllegalArgumentException("checkpoint is for " + ck.algorithm() + ", not " + ALGORITHM);
        }
        PpoConfig saved = PpoConfigJson.read(ck.configJson());
        if (!saved.equals(cfg)) {
            LOG.warn("restore reason=\"configuration differs from the checkpoint's\" saved={} now={}", saved, cfg);
        }
        net.load(ck.network());
        rng.restore(ck.trainerRng());
        globalStep = ck.globalStep();
        updates = ck.updates();
        if (normalizer != null) {
            if (ck.normalizerMean().length == 0) {
                LOG.warn("restore reason=\"checkpoint has no normaliser statistics\" effect=\"they start afresh\"");
            } else {
                normalizer.restore(ck.normalizerMean(), ck.normalizerVar(), ck.normalizerCount());
            }
        }
        if (ck.envState().length > 0 && envs.isResumable()) {
            envs.restoreState(ck.envState());
            started = true;
        } else {
            started = false;
        }
        recentCount = 0;
        recentNext = 0;
    }
}
