package io.tradeloop.rl.nn;

import io.tradeloop.core.config.Checks;
import io.tradeloop.core.random.Rng;

/**
 * A hand-written actor-critic for small control tasks (CartPole and the like), CleanRL's shape:
 * separate actor and critic MLPs, {@code obs -> hidden -> hidden -> out} with tanh. Output layers start
 * small (actor gain 0.01, critic gain 1) so the first policy is near uniform.
 */
public final class MlpPolicyNetwork implements PolicyNetwork {
    private final int obsSize;
    private final int actions;
    private final int hidden;
    private final Parameters params = new Parameters(Kernels.best());
    private final Dense actor1;
    private final Dense actor2;
    private final Dense actorOut;
    private final Dense critic1;
    private final Dense critic2;
    private final Dense criticOut;

    private int capacity;
    private int lastBatch = -1;
    private float[] obs;
    private float[][] a1;
    private float[][] a2;
    private float[][] c1;
    private float[][] c2;
    private final float[] dA2;
    private final float[] dA1;
    private final float[] dC2;
    private final float[] dC1;
    private final float[] vOut = new float[1];

    public MlpPolicyNetwork(int observationSize, int actionCount, int hidden, Rng rng) {
        this.obsSize = Checks.positive("observationSize", observationSize);
        this.actions = Checks.positive("actionCount", actionCount);
        this.hidden = Checks.inRange("hidden", hidden, 1, 4096);
        actor1 = params.dense("actor.0", obsSize, hidden);
        actor2 = params.dense("actor.1", hidden, hidden);
        actorOut = params.dense("actor.2", hidden, actions);
        critic1 = params.dense("critic.0", obsSize, hidden);
        critic2 = params.dense("critic.1", hidden, hidden);
        criticOut = params.dense("critic.2", hidden, 1);
        actor1.init(rng, Math.sqrt(2));
        actor2.init(rng, Math.sqrt(2));
        actorOut.init(rng, 0.01);
        critic1.init(rng, Math.sqrt(2));
        critic2.init(rng, Math.sqrt(2));
        criticOut.init(rng, 1.0);
        dA2 = new float[hidden];
        dA1 = new float[hidden];
        dC2 = new float[hidden];
        dC1 = new float[hidden];
        ensureCapacity(1);
    }

    private void ensureCapacity(int batch) {
        if (batch <= capacity) {
            return;
        }
        capacity = Math.max(batch, capacity * 2);
        a1 = new float[capacity][hidden];
        a2 = new float[capacity][hidden];
        c1 = new float[capacity][hidden];
        c2 = new float[capacity][hidden];
    }

    @Override
    public int observationSize() {
        return obsSize;
    }

    @Override
    public int actionCount() {
        return actions;
    }

    @Override
    public long parameterCount() {
        return params.count();
    }

    @Override
    public void predict(float[] obs, int batch, float[] logits, float[] values) {
        run(obs, batch, logits, values);
        lastBatch = -1;
    }

    @Override
    public void forward(float[] obs, int batch, float[] logits, float[] values) {
        run(obs, batch, logits, values);
        this.obs = obs;
        lastBatch = batch;
    }

    private void run(float[] x, int batch, float[] logits, float[] values) {
        ensureCapacity(batch);
        for (int b = 0; b < batch; b++) {
            int off = b * obsSize;
            actor1.forward(x, off, a1[b], 0);
            tanh(a1[b]);
            actor2.forward(a1[b], 0, a2[b], 0);
            tanh(a2[b]);
            actorOut.forward(a2[b], 0, logits, b * actions);
            critic1.forward(x, off, c1[b], 0);
            tanh(c1[b]);
            critic2.forward(c1[b], 0, c2[b], 0);
            tanh(c2[b]);
            criticOut.forward(c2[b], 0, vOut, 0);
            values[b] = vOut[0];
        }
    }

    private static void tanh(float[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.tanh(v[i]);
        }
    }

    @Override
    public void backward(float[] dLogits, float[] dValues) {
        if (lastBatch < 0) {
            throw new IllegalStateException("backward needs a training forward first");
        }
        params.zeroGrad();
        for (int b = 0; b < lastBatch; b++) {
            int off = b * obsSize;
            // actor: dLogits -> a2 -> a1 -> W
            actorOut.accumulate(a2[b], 0, dLogits, b * actions);
            java.util.Arrays.fill(dA2, 0f);
            actorOut.backwardInput(dLogits, b * actions, dA2, 0);
            tanhBackward(a2[b], dA2);
            actor2.accumulate(a1[b], 0, dA2, 0);
            java.util.Arrays.fill(dA1, 0f);
            actor2.backwardInput(dA2, 0, dA1, 0);
            tanhBackward(a1[b], dA1);
            actor1.accumulate(obs, off, dA1, 0);
            // critic
            vOut[0] = dValues[b];
            criticOut.accumulate(c2[b], 0, vOut, 0);
            java.util.Arrays.fill(dC2, 0f);
            criticOut.backwardInput(vOut, 0, dC2, 0);
            tanhBackward(c2[b], dC2);
            critic2.accumulate(c1[b], 0, dC2, 0);
            java.util.Arrays.fill(dC1, 0f);
            critic2.backwardInput(dC2, 0, dC1, 0);
            tanhBackward(c1[b], dC1);
            critic1.accumulate(obs, off, dC1, 0);
        }
        lastBatch = -1;
    }

    /** d tanh(z)/dz = 1 - tanh(z)^2, with y = tanh(z) kept from the forward. */
    private static void tanhBackward(float[] y, float[] d) {
        for (int i = 0; i < d.length; i++) {
            d[i] *= 1f - y[i] * y[i];
        }
    }

    /** The gradient of parameter {@code name} left by the last {@link #backward}, for tests and diagnostics. */
    public NamedTensor gradient(String name) {
        return params.gradient(name);
    }

    @Override
    public double gradientNorm() {
        return params.gradientNorm();
    }

    @Override
    public void adamStep(AdamConfig adam, double learningRate, double gradientScale) {
        params.adamStep(adam, learningRate, gradientScale);
    }

    @Override
    public NetworkState state() {
        return params.state(null);
    }

    @Override
    public void load(NetworkState state) {
        params.load(state, null);
    }
}
