package io.tradeloop.rl.nn;

import java.util.Arrays;
import java.util.List;

/**
 * Everything a policy network needs to continue training exactly where it stopped: weights, the Adam
 * moments, the Adam step count and the state of the generator that draws its dropout masks.
 *
 * @param weights          parameters in the network's own order
 * @param adamFirstMoment  Adam's m, one tensor per parameter, same order and shapes
 * @param adamSecondMoment Adam's v, one tensor per parameter, same order and shapes
 * @param adamSteps        Adam updates applied so far (for bias correction)
 * @param dropoutRng       {@link io.tradeloop.core.random.Rng#state()} of the dropout generator, or an empty array
 */
public record NetworkState(List<NamedTensor> weights, List<NamedTensor> adamFirstMoment,
                           List<NamedTensor> adamSecondMoment, long adamSteps, long[] dropoutRng) {
    public NetworkState {
        weights = List.copyOf(weights);
        adamFirstMoment = List.copyOf(adamFirstMoment);
        adamSecondMoment = List.copyOf(adamSecondMoment);
        dropoutRng = dropoutRng.clone();
        if (adamFirstMoment.size() != weights.size() || adamSecondMoment.size() != weights.size()) {
            throw new IllegalArgumentException("network state: " + weights.size() + " weights but "
                    + adamFirstMoment.size() + "/" + adamSecondMoment.size() + " Adam moments");
        }
        if (adamSteps < 0) {
            throw new IllegalArgumentException("network state: adamSteps must be >= 0, got " + adamSteps);
        }
    }

    /** Total number of trainable scalars. */
    public long parameterCount() {
        long n = 0;
        for (NamedTensor t : weights) {
            n += t.data().length;
        }
        return n;
    }

    /** The weight tensor called {@code name}. */
    public NamedTensor weight(String name) {
        for (NamedTensor t : weights) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("network state has no tensor named " + name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkState s && s.weights.equals(weights) && s.adamFirstMoment.equals(adamFirstMoment)
                && s.adamSecondMoment.equals(adamSecondMoment) && s.adamSteps == adamSteps
                && Arrays.equals(s.dropoutRng, dropoutRng);
    }

    @Override
    public int hashCode() {
        return weights.hashCode() * 31 + Long.hashCode(adamSteps);
    }
}
