package io.tradeloop.rl.checkpoint;

import io.tradeloop.rl.nn.NetworkState;

import java.util.Arrays;
import java.util.Map;

/**
 * The full state of a training run at an update boundary: enough for a resumed run to continue
 * bit for bit (weights, optimiser moments, random generators, counters, normaliser statistics,
 * environment states) plus its provenance.
 *
 * @param algorithm         e.g. {@code masked-ppo}
 * @param configJson        the trainer's configuration as JSON (echoed for provenance, re-read on resume)
 * @param globalStep        environment steps taken
 * @param updates           updates completed
 * @param network           weights, Adam moments, dropout generator
 * @param trainerRng        {@code Rng.state()} of the trainer's generator (action sampling, minibatch order)
 * @param normalizerMean    running observation mean, empty when the run has no normaliser
 * @param normalizerVar     running observation variance, empty when none
 * @param normalizerCount   observations folded into the normaliser
 * @param envState          {@code VecEnv.saveState()}, empty when the environments cannot be saved
 * @param curriculumStage   opaque to the trainer: the environment's curriculum stage (empty when none)
 * @param metadata          free provenance (seed, data hash, code version, ...)
 */
public record TrainingCheckpoint(String algorithm, String configJson, long globalStep, int updates, NetworkState network,
                                 long[] trainerRng, double[] normalizerMean, double[] normalizerVar,
                                 double normalizerCount, byte[] envState, String curriculumStage,
                                 Map<String, String> metadata) {
    public TrainingCheckpoint {
        trainerRng = trainerRng.clone();
        normalizerMean = normalizerMean.clone();
        normalizerVar = normalizerVar.clone();
        envState = envState.clone();
        metadata = Map.copyOf(metadata);
        if (normalizerMean.length != normalizerVar.length) {
            throw new IllegalArgumentException("normaliser mean has " + normalizerMean.length + " features, variance "
                    + normalizerVar.length);
        }
        if (globalStep < 0 || updates < 0) {
            throw new IllegalArgumentException("checkpoint counters must be >= 0: globalStep=" + globalStep + " updates=" + updates);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingCheckpoint c && c.algorithm.equals(algorithm) && c.configJson.equals(configJson)
                && c.globalStep == globalStep && c.updates == updates && c.network.equals(network)
                && Arrays.equals(c.trainerRng, trainerRng) && Arrays.equals(c.normalizerMean, normalizerMean)
                && Arrays.equals(c.normalizerVar, normalizerVar)
                && Double.compare(c.normalizerCount, normalizerCount) == 0 && Arrays.equals(c.envState, envState)
                && c.curriculumStage.equals(curriculumStage) && c.metadata.equals(metadata);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(globalStep) * 31 + network.hashCode();
    }

    @Override
    public String toString() {
        return "TrainingCheckpoint[" + algorithm + " update=" + updates + " step=" + globalStep + " stage=" + curriculumStage + "]";
    }
}
