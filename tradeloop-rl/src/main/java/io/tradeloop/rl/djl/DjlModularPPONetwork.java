package io.tradeloop.rl.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import io.tradeloop.core.random.Rng;
import io.tradeloop.rl.nn.AdamConfig;
import io.tradeloop.rl.nn.ModularNetworkSpec;
import io.tradeloop.rl.nn.ModularPPONetwork;
import io.tradeloop.rl.nn.NamedTensor;
import io.tradeloop.rl.nn.NetworkState;
import io.tradeloop.rl.nn.PolicyNetwork;

import java.util.ArrayList;
import java.util.List;

import static io.tradeloop.rl.nn.ModularNetworkSpec.ATTENTION_HEADS;
import static io.tradeloop.rl.nn.ModularNetworkSpec.EXECUTION_HIDDEN;
import static io.tradeloop.rl.nn.ModularNetworkSpec.FUSION_HIDDEN;
import static io.tradeloop.rl.nn.ModularNetworkSpec.FUSION_OUT;
import static io.tradeloop.rl.nn.ModularNetworkSpec.LAYER_NORM_EPS;
import static io.tradeloop.rl.nn.ModularNetworkSpec.OPPORTUNITY_EMBED;

/**
 * The plan's {@code ModularPPONetwork} in DJL (PyTorch engine), written op for op like the plan's PyTorch
 * code: per-slot value and output projections, mean pooling after the output projection,
 * {@code torch.max(dim)} over execution slots (the gradient goes to the first maximum), LayerNorm from
 * the engine. It is the reference the fused {@link ModularPPONetwork} is tested against and the route
 * for GPUs and general models. Weights use the same names, order and {@code [in, out]} layout, so states
 * move between the two with {@link #load}.
 *
 * <p>{@link #forward} opens a {@link GradientCollector} that {@link #backward} closes: DJL allows one
 * collector at a time per JVM, so only one network may be between the two calls at once. Temporaries of
 * each call live in an {@link NDScope} and are freed when it ends.
 */
public final class DjlModularPPONetwork implements PolicyNetwork {
    private final ModularNetworkSpec spec;
    private final int obsSize;
    private final int actions;
    private final NDManager manager;
    private final List<String> names = new ArrayList<>();
    private final List<NDArray> params = new ArrayList<>();
    private final List<NDArray> firstMoment = new ArrayList<>();
    private final List<NDArray> secondMoment = new ArrayList<>();
    private final Rng dropoutRng = new Rng(1);
    private long adamSteps;

    private GradientCollector collector;
    private NDScope scope;
    private NDArray trainLogits;
    private NDArray trainValues;
    private int trainBatch;
    private float[] dropMaskBuffer = new float[0];

    /** Same initialisation as the hand-written network (it draws the weights), on the CPU. */
    public DjlModularPPONetwork(ModularNetworkSpec spec, Rng rng) {
        this(spec, new ModularPPONetwork(spec, rng).state(), Device.cpu());
    }

    /** A network holding {@code state} (weights, Adam moments, dropout generator) on {@code device}. */
    public DjlModularPPONetwork(ModularNetworkSpec spec, NetworkState state, Device device) {
        DjlRuntime.engine();
        this.spec = spec;
        obsSize = spec.observationSize();
        actions = spec.actions();
        manager = NDManager.newBaseManager(device, "PyTorch");
        load(state);
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
        long n = 0;
        for (NDArray p : params) {
            n += p.size();
        }
        return n;
    }

    private NDArray p(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalStateException("no parameter " + name);
        }
        return params.get(i);
    }

    private NDArray linear(NDArray x, String name) {
        return x.matMul(p(name + ".weight")).add(p(name + ".bias"));
    }

    /** The network's function, op for op as the plan's PyTorch module. */
    private NDList run(NDArray x, int batch, NDArray dropMask) {
        long b = batch;
        int eOff = spec.executionOffset();
        int oOff = spec.opportunityOffset();
        int slotsE = spec.executionSlots();
        int slotsO = spec.opportunitySlots();
        NDArray cfg = Activation.relu(linear(x.get(":, 0:" + spec.configFeatures()), "config"));
        NDArray por = Activation.relu(linear(x.get(":, " + spec.portfolioOffset() + ":" + eOff), "portfolio"));
        // executions: (B, 5, 12) -> (B, 5, 24) -> torch.max(dim=1) values
        NDArray ex = Activation.relu(linear(x.get(":, " + eOff + ":" + oOff).reshape(b, slotsE, spec.executionFeatures()),
                "execution"));
        NDArray idx = ex.argMax(1).reshape(b, 1, EXECUTION_HIDDEN);
        NDArray exMax = ex.gather(idx, 1).reshape(b, EXECUTION_HIDDEN);
        // opportunities: embed, nn.MultiheadAttention(40, 4) self-attention, mean over slots, fc 64
        NDArray h = Activation.relu(linear(x.get(":, " + oOff + ":").reshape(b, slotsO, spec.opportunityFeatures()),
                "opportunity.embed"));
        int headDim = OPPORTUNITY_EMBED / ATTENTION_HEADS;
        NDArray q = linear(h, "opportunity.attn.q").reshape(b, slotsO, ATTENTION_HEADS, headDim).transpose(0, 2, 1, 3);
        NDArray k = linear(h, "opportunity.attn.k").reshape(b, slotsO, ATTENTION_HEADS, headDim).transpose(0, 2, 1, 3);
        NDArray v = linear(h, "opportunity.attn.v").reshape(b, slotsO, ATTENTION_HEADS, headDim).transpose(0, 2, 1, 3);
        NDArray attn = q.matMul(k.transpose(0, 1, 3, 2)).mul(1.0 / Math.sqrt(headDim)).softmax(3);
        NDArray ctx = attn.matMul(v).transpose(0, 2, 1, 3).reshape(b, slotsO, OPPORTUNITY_EMBED);
        NDArray attnOut = linear(ctx, "opportunity.attn.out");
        NDArray opp = Activation.relu(linear(attnOut.mean(new int[] {1}), "opportunity.fc"));
        // fusion
        NDArray fused = NDArrays.concat(new NDList(cfg, por, exMax, opp), 1);
        NDArray z0 = linear(fused, "fusion.0");
        NDArray l0 = z0.getNDArrayInternal().layerNorm(z0, new Shape(FUSION_HIDDEN),
                p("fusion.ln0.weight").reshape(FUSION_HIDDEN), p("fusion.ln0.bias").reshape(FUSION_HIDDEN),
                LAYER_NORM_EPS).singletonOrThrow();
        NDArray a0 = Activation.relu(l0);
        if (dropMask != null) {
            a0 = a0.mul(dropMask);
        }
        NDArray z1 = linear(a0, "fusion.1");
        NDArray l1 = z1.getNDArrayInternal().layerNorm(z1, new Shape(FUSION_OUT),
                p("fusion.ln1.weight").reshape(FUSION_OUT), p("fusion.ln1.bias").reshape(FUSION_OUT),
                LAYER_NORM_EPS).singletonOrThrow();
        NDArray f = Activation.relu(l1);
        NDArray logits = linear(Activation.relu(linear(f, "actor.0")), "actor.1");
        NDArray value = linear(Activation.relu(linear(f, "critic.0")), "critic.1").reshape(b);
        return new NDList(logits, value);
    }

    private NDArray input(float[] obs, int batch) {
        int n = batch * obsSize;
        float[] data = obs.length == n ? obs : java.util.Arrays.copyOf(obs, n);
        return manager.create(data, new Shape(batch, obsSize));
    }

    @Override
    public void predict(float[] obs, int batch, float[] logits, float[] values) {
        if (collector != null) {
            throw new IllegalStateException("predict between forward and backward");
        }
        try (NDScope s = new NDScope()) {
            s.suppressNotUsedWarning();
            NDList out = run(input(obs, batch), batch, null);
            copyOut(out, batch, logits, values);
        }
    }

    private void copyOut(NDList out, int batch, float[] logits, float[] values) {
        System.arraycopy(out.get(0).toFloatArray(), 0, logits, 0, batch * actions);
        System.arraycopy(out.get(1).toFloatArray(), 0, values, 0, batch);
    }

    @Override
    public void forward(float[] obs, int batch, float[] logits, float[] values) {
        if (collector != null) {
            throw new IllegalStateException("forward called twice without backward");
        }
        scope = new NDScope();
        zeroGradients();
        collector = DjlRuntime.engine().newGradientCollector();
        NDArray mask = null;
        double rate = spec.fusionDropout();
        if (rate > 0) {
            int n = batch * FUSION_HIDDEN;
            if (dropMaskBuffer.length != n) {
                dropMaskBuffer = new float[n];
            }
            float keep = 1f / (1f - (float) rate);
            for (int i = 0; i < n; i++) {   // same draw order as the hand-written network
                dropMaskBuffer[i] = dropoutRng.nextDouble() >= rate ? keep : 0f;
            }
            mask = manager.create(dropMaskBuffer, new Shape(batch, FUSION_HIDDEN));
        }
        NDList out = run(input(obs, batch), batch, mask);
        trainLogits = out.get(0);
        trainValues = out.get(1);
        trainBatch = batch;
        copyOut(out, batch, logits, values);
    }

    @Override
    public void backward(float[] dLogits, float[] dValues) {
        if (collector == null) {
            throw new IllegalStateException("backward needs a training forward first");
        }
        try {
            // d/dθ of sum(logits * dLogits) + sum(values * dValues) is the chain rule with the given output gradients
            NDArray gl = manager.create(java.util.Arrays.copyOf(dLogits, trainBatch * actions), new Shape(trainBatch, actions));
            NDArray gv = manager.create(java.util.Arrays.copyOf(dValues, trainBatch), new Shape(trainBatch));
            NDArray surrogate = trainLogits.mul(gl).sum().add(trainValues.mul(gv).sum());
            collector.backward(surrogate);
        } finally {
            collector.close();
            collector = null;
            scope.close();
            scope = null;
            trainLogits = null;
            trainValues = null;
        }
    }

    private void zeroGradients() {
        for (NDArray p : params) {
            NDArray g = p.getGradient();
            g.subi(g);
        }
    }

    /** The gradient of parameter {@code name} after {@link #backward}, for tests. */
    public NamedTensor gradient(String name) {
        NDArray p = p(name);
        try (NDScope s = new NDScope()) {
            s.suppressNotUsedWarning();
            long[] shape = p.getShape().getShape();
            return new NamedTensor(name, (int) shape[0], (int) shape[1], p.getGradient().toFloatArray());
        }
    }

    @Override
    public double gradientNorm() {
        double s = 0;
        try (NDScope sc = new NDScope()) {
            sc.suppressNotUsedWarning();
            for (NDArray p : params) {
                s += p.getGradient().square().sum().getFloat();
            }
        }
        return Math.sqrt(s);
    }

    @Override
    public void adamStep(AdamConfig adam, double learningRate, double gradientScale) {
        adamSteps++;
        double bias1 = 1 - Math.pow(adam.beta1(), adamSteps);
        double bias2 = 1 - Math.pow(adam.beta2(), adamSteps);
        float stepSize = (float) (learningRate / bias1);
        float sqrtBias2 = (float) Math.sqrt(bias2);
        float b1 = (float) adam.beta1();
        float b2 = (float) adam.beta2();
        try (NDScope sc = new NDScope()) {
            sc.suppressNotUsedWarning();
            for (int i = 0; i < params.size(); i++) {
                NDArray g = params.get(i).getGradient().mul((float) gradientScale);
                NDArray m = firstMoment.get(i);
                NDArray v = secondMoment.get(i);
                m.muli(b1).addi(g.mul(1f - b1));
                v.muli(b2).addi(g.square().muli(1f - b2));
                NDArray denom = v.sqrt().divi(sqrtBias2).addi((float) adam.epsilon());
                params.get(i).subi(m.div(denom).muli(stepSize));
            }
        }
    }

    @Override
    public NetworkState state() {
        List<NamedTensor> w = new ArrayList<>();
        List<NamedTensor> m = new ArrayList<>();
        List<NamedTensor> v = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            long[] shape = params.get(i).getShape().getShape();
            int rows = (int) shape[0];
            int cols = (int) shape[1];
            w.add(new NamedTensor(names.get(i), rows, cols, params.get(i).toFloatArray()));
            m.add(new NamedTensor(names.get(i), rows, cols, firstMoment.get(i).toFloatArray()));
            v.add(new NamedTensor(names.get(i), rows, cols, secondMoment.get(i).toFloatArray()));
        }
        return new NetworkState(w, m, v, adamSteps, dropoutRng.state());
    }

    @Override
    public void load(NetworkState state) {
        if (collector != null) {
            throw new IllegalStateException("load between forward and backward");
        }
        for (NDArray a : params) {
            a.close();
        }
        for (NDArray a : firstMoment) {
            a.close();
        }
        for (NDArray a : secondMoment) {
            a.close();
        }
        names.clear();
        params.clear();
        firstMoment.clear();
        secondMoment.clear();
        for (int i = 0; i < state.weights().size(); i++) {
            NamedTensor w = state.weights().get(i);
            Shape shape = new Shape(w.rows(), w.cols());
            NDArray p = manager.create(w.data(), shape);
            p.setRequiresGradient(true);
            names.add(w.name());
            params.add(p);
            firstMoment.add(manager.create(state.adamFirstMoment().get(i).data(), shape));
            secondMoment.add(manager.create(state.adamSecondMoment().get(i).data(), shape));
        }
        adamSteps = state.adamSteps();
        if (state.dropoutRng().length > 0) {
            dropoutRng.restore(state.dropoutRng());
        }
    }

    @Override
    public void close() {
        if (collector != null) {
            collector.close();
            collector = null;
        }
        if (scope != null) {
            scope.close();
            scope = null;
        }
        manager.close();
    }
}
