package io.tradeloop.rl.env;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * N environments stepped together. Observations, masks, rewards and end flags live in contiguous
 * arrays ({@code obs[i * obsSize + k]}, {@code masks[i * actions + a]}) so one batched policy call serves
 * all N. An environment whose episode ends is reset at once; the observation it ended on is kept in
 * {@link #finalObservations()} for bootstrapping truncated episodes.
 */
public final class VecEnv {
    private final Env[] envs;
    private final int obsSize;
    private final int actions;
    private final float[] obs;
    private final float[] finalObs;
    private final boolean[] masks;
    private final float[] rewards;
    private final boolean[] terminated;
    private final boolean[] truncated;
    private final double[] episodeReturn;
    private final int[] episodeLength;
    private final EpisodeLog log = new EpisodeLog();

    public VecEnv(List<? extends Env> envs) {
        if (envs.isEmpty()) {
            throw new IllegalArgumentException("VecEnv needs at least one environment");
        }
        this.envs = envs.toArray(new Env[0]);
        EnvSpec spec = this.envs[0].spec();
        for (Env e : this.envs) {
            if (e.spec().observationSize() != spec.observationSize() || e.spec().actionCount() != spec.actionCount()) {
                throw new IllegalArgumentException("all environments of a VecEnv must share one spec; " + e.spec() + " differs from " + spec);
            }
        }
        obsSize = spec.observationSize();
        actions = spec.actionCount();
        int n = this.envs.length;
        obs = new float[n * obsSize];
        finalObs = new float[n * obsSize];
        masks = new boolean[n * actions];
        rewards = new float[n];
        terminated = new boolean[n];
        truncated = new boolean[n];
        episodeReturn = new double[n];
        episodeLength = new int[n];
    }

    public int size() {
        return envs.length;
    }

    public EnvSpec spec() {
        return envs[0].spec();
    }

    public Env env(int i) {
        return envs[i];
    }

    public void reset() {
        for (int i = 0; i < envs.length; i++) {
            envs[i].reset(obs, i * obsSize, masks, i * actions);
            episodeReturn[i] = 0;
            episodeLength[i] = 0;
        }
        Arrays.fill(terminated, false);
        Arrays.fill(truncated, false);
    }

    /** Steps every environment with its action; resets those whose episode ended. */
    public void step(int[] action) {
        for (int i = 0; i < envs.length; i++) {
            Env e = envs[i];
            double r = e.step(action[i], obs, i * obsSize, masks, i * actions);
            rewards[i] = (float) r;
            terminated[i] = e.terminated();
            truncated[i] = e.truncated();
            episodeReturn[i] += r;
            episodeLength[i]++;
            if (terminated[i] || truncated[i]) {
                System.arraycopy(obs, i * obsSize, finalObs, i * obsSize, obsSize);
                log.record(episodeReturn[i], episodeLength[i], e.episodeScore());
                episodeReturn[i] = 0;
                episodeLength[i] = 0;
                e.reset(obs, i * obsSize, masks, i * actions);
            }
        }
    }

    public float[] observations() {
        return obs;
    }

    /** Observations on which the last step's ended episodes ended (valid where terminated or truncated). */
    public float[] finalObservations() {
        return finalObs;
    }

    public boolean[] masks() {
        return masks;
    }

    public float[] rewards() {
        return rewards;
    }

    public boolean[] terminated() {
        return terminated;
    }

    public boolean[] truncated() {
        return truncated;
    }

    /** Whether every environment is a {@link ResumableEnv}, so {@link #saveState()} can capture the whole state. */
    public boolean isResumable() {
        for (Env e : envs) {
            if (!(e instanceof ResumableEnv)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The state of all environments and of this vector (current observations, masks, running episode
     * returns and lengths), for checkpoints. Completed episodes not yet drained are not included.
     *
     * @throws IllegalStateException when an environment is not a {@link ResumableEnv}
     */
    public byte[] saveState() {
        if (!isResumable()) {
            throw new IllegalStateException(spec().name() + ": environments are not resumable");
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(envs.length);
            out.writeInt(obsSize);
            out.writeInt(actions);
            for (float v : obs) {
                out.writeFloat(v);
            }
            for (boolean m : masks) {
                out.writeBoolean(m);
            }
            for (int i = 0; i < envs.length; i++) {
                out.writeDouble(episodeReturn[i]);
                out.writeInt(episodeLength[i]);
                ((ResumableEnv) envs[i]).saveState(out);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Restores what {@link #saveState()} wrote; the shapes must match. */
    public void restoreState(byte[] state) {
        if (!isResumable()) {
            throw new IllegalStateException(spec().name() + ": environments are not resumable");
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(state));
            int n = in.readInt();
            int o = in.readInt();
            int a = in.readInt();
            if (n != envs.length || o != obsSize || a != actions) {
                throw new IllegalArgumentException(spec().name() + ": saved state is for " + n + " envs x " + o
                        + " floats x " + a + " actions, this vector has " + envs.length + " x " + obsSize + " x " + actions);
            }
            for (int i = 0; i < obs.length; i++) {
                obs[i] = in.readFloat();
            }
            for (int i = 0; i < masks.length; i++) {
                masks[i] = in.readBoolean();
            }
            for (int i = 0; i < envs.length; i++) {
                episodeReturn[i] = in.readDouble();
                episodeLength[i] = in.readInt();
                ((ResumableEnv) envs[i]).restoreState(in);
            }
            Arrays.fill(terminated, false);
            Arrays.fill(truncated, false);
            log.drain();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Completed episodes since the last {@link EpisodeLog#drain()}. */
    public EpisodeLog episodes() {
        return log;
    }

    /** Returns, lengths and scores of completed episodes, drained by the trainer's logger. */
    public static final class EpisodeLog {
        private double[] returns = new double[64];
        private int[] lengths = new int[64];
        private double[] scores = new double[64];
        private int count;

        void record(double ret, int len, double score) {
            if (count == returns.length) {
                returns = Arrays.copyOf(returns, count * 2);
                lengths = Arrays.copyOf(lengths, count * 2);
                scores = Arrays.copyOf(scores, count * 2);
            }
            returns[count] = ret;
            lengths[count] = len;
            scores[count] = score;
            count++;
        }

        public int count() {
            return count;
        }

        public double meanReturn() {
            return mean(returns);
        }

        public double meanLength() {
            double s = 0;
            for (int i = 0; i < count; i++) s += lengths[i];
            return count == 0 ? Double.NaN : s / count;
        }

        public double meanScore() {
            return mean(scores);
        }

        private double mean(double[] v) {
            if (count == 0) return Double.NaN;
            double s = 0;
            for (int i = 0; i < count; i++) s += v[i];
            return s / count;
        }

        public double[] returns() {
            return Arrays.copyOf(returns, count);
        }

        public double[] scores() {
            return Arrays.copyOf(scores, count);
        }

        public void drain() {
            count = 0;
        }
    }
}
