package io.tradeloop.rl.nn;

import io.tradeloop.core.random.Rng;

import java.util.ArrayList;
import java.util.List;

/** The trainable tensors of a hand-written network in a fixed order, with the operations over all of them. */
final class Parameters {
    private final List<ParameterTensor> tensors = new ArrayList<>();
    private final List<Dense> layers = new ArrayList<>();
    private long adamSteps;

    Dense dense(String name, int in, int out) {
        Dense d = new Dense(name, in, out);
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

    double gradientNorm() {
        double s = 0;
        for (ParameterTensor t : tensors) {
            s += t.gradSquaredSum();
        }
        return Math.sqrt(s);
    }

    void adamStep(AdamConfig adam, double learningRate, double gradientScale) {
        adamSteps++;
        double bias1 = 1 - Math.pow(adam.beta1(), adamSteps);
        double bias2 = 1 - Math.pow(adam.beta2(), adamSteps);
        float stepSize = (float) (learningRate / bias1);
        float sqrtBias2 = (float) Math.sqrt(bias2);
        for (ParameterTensor t : tensors) {
            t.adam((float) adam.beta1(), (float) adam.beta2(), stepSize, sqrtBias2, (float) adam.epsilon(),
                    (float) gradientScale);
        }
        syncMirrors();
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
