package io.tradeloop.rl.nn;

import io.tradeloop.core.random.Rng;

import java.util.ArrayList;
import java.util.List;

/** The trainable tensors of a hand-written network in a fixed order, with the operations over all of them. */
final class Parameters {
    private final List<ParameterTensor> tensors = new ArrayList<>();
    private final List<Dense> layers = new ArrayList<>();
    private final Kernels kernels;
    private long adamSteps;

    /** Parameters whose Adam steps and norms run on {@code kernels}. */
    Parameters(Kernels kernels) {
        this.kernels = kernels;
    }

    /** A layer whose input gradient is taken (it keeps the transposed weight mirror). */
    Dense dense(String name, int in, int out) {
        return dense(name, in, out, true);
    }

    /** A layer; {@code inputGradient} false for a first layer (or one whose input gradient is computed elsewhere). */
    Dense dense(String name, int in, int out, boolean inputGradient) {
        Dense d = new Dense(name, in, out, inputGradient);
        layers.add(d);
        tensors.add(d.w);
        tensors.add(d.b);
        return d;
    }

    ParameterTensor vector(String name, int size, float initial) {
        ParameterTensor t = new ParameterTensor(name, 1, size);
        t.fill(initial);
        tensors.add(t);
        return t;
    }

    long count() {
        long n = 0;
        for (ParameterTensor t : tensors) {
            n += (long) t.rows * t.cols;
        }
        return n;
    }

    NamedTensor gradient(String name) {
        for (ParameterTensor t : tensors) {
            if (t.name.equals(name)) {
                return t.export(t.grad);
            }
        }
        throw new IllegalArgumentException("no parameter named " + name);
    }

    void zeroGrad() {
        for (ParameterTensor t : tensors) {
            t.zeroGrad();
        }
    }

    /** Zeroes one worker's gradient buffers (each worker its own, so the two can run at once). */
    void zeroGrad(int worker) {
        for (ParameterTensor t : tensors) {
            t.zeroGrad(worker);
        }
    }

    /** Whether tensor {@code t} (index i, {@code done} scalars before it) belongs to part {@code part} of {@code parts}. */
    private int owner(long done, long size, int parts) {
        return (int) Math.min(parts - 1, (done + size / 2) * parts / count());
    }

    /**
     * For the tensors of part {@code part}: adds the second worker's gradients into the first's (when
     * {@code workers} is 2) and returns their sum of squares. Parts are independent.
     */
    double reducePart(int part, int parts, int workers) {
        long done = 0;
        double sq = 0;
        for (ParameterTensor t : tensors) {
            long size = (long) t.rows * t.cols;
            int o = owner(done, size, parts);
            done += size;
            if (o != part) {
                continue;
            }
            if (workers == 2) {
                t.reduceWorkers();
            }
            sq += t.gradSquaredSum(kernels);
        }
        return sq;
    }

    double gradientNorm() {
        double s = 0;
        for (ParameterTensor t : tensors) {
            s += t.gradSquaredSum(kernels);
        }
        return Math.sqrt(s);
    }

    void adamStep(AdamConfig adam, double learningRate, double gradientScale) {
        beginAdam();
        adamPart(adam, learningRate, gradientScale, 0, 1);
    }

    /** Counts one more Adam step; then {@link #adamPart} for every part (possibly on several threads). */
    void beginAdam() {
        adamSteps++;
    }

    /**
     * Adam on part {@code part} of {@code parts} of the tensors (split by size, the same way every call)
     * and the weight mirrors of the layers whose weights lie in it. Parts are independent.
     */
    void adamPart(AdamConfig adam, double learningRate, double gradientScale, int part, int parts) {
        double bias1 = 1 - Math.pow(adam.beta1(), adamSteps);
        double bias2 = 1 - Math.pow(adam.beta2(), adamSteps);
        float stepSize = (float) (learningRate / bias1);
        float sqrtBias2 = (float) Math.sqrt(bias2);
        long total = count();
        long done = 0;
        for (ParameterTensor t : tensors) {
            long size = (long) t.rows * t.cols;
            int owner = owner(done, size, parts);
            done += size;
            if (owner != part) {
                continue;
            }
            t.adam(kernels, (float) adam.beta1(), (float) adam.beta2(), stepSize, sqrtBias2, (float) adam.epsilon(),
                    (float) gradientScale);
            for (Dense d : layers) {
                if (d.w == t) {
                    d.syncMirror();
                }
            }
        }
    }

    private void syncMirrors() {
        for (Dense d : layers) {
            d.syncMirror();
        }
    }

    NetworkState state(Rng dropoutRng) {
        List<NamedTensor> w = new ArrayList<>();
        List<NamedTensor> m = new ArrayList<>();
        List<NamedTensor> v = new ArrayList<>();
        for (ParameterTensor t : tensors) {
            w.add(t.export(t.value));
            m.add(t.export(t.m));
            v.add(t.export(t.v));
        }
        return new NetworkState(w, m, v, adamSteps, dropoutRng == null ? new long[0] : dropoutRng.state());
    }

    void load(NetworkState state, Rng dropoutRng) {
        if (state.weights().size() != tensors.size()) {
            throw new IllegalArgumentException("network state has " + state.weights().size() + " tensors, this network "
                    + tensors.size());
        }
        for (int i = 0; i < tensors.size(); i++) {
            ParameterTensor t = tensors.get(i);
            t.importInto(state.weights().get(i), t.value);
            t.importInto(state.adamFirstMoment().get(i), t.m);
            t.importInto(state.adamSecondMoment().get(i), t.v);
        }
        adamSteps = state.adamSteps();
        if (dropoutRng != null && state.dropoutRng().length > 0) {
            dropoutRng.restore(state.dropoutRng());
        }
        syncMirrors();
    }
}
