package io.tradeloop.rl.nn;

/**
 * An actor-critic network as the PPO trainer sees it, independent of any environment: a batched
 * forward that gives one logit per action and a state value per row, the backward of a loss given its
 * gradient with respect to those outputs, a global-norm query for clipping, an Adam step and the full
 * state for checkpoints.
 *
 * <p>Arrays are row-major and caller-owned: {@code obs[b * observationSize() + k]},
 * {@code logits[b * actionCount() + a]}, {@code values[b]}. Logits are raw (unmasked); the trainer applies
 * the action mask. Implementations are single-threaded and reuse their buffers.
 */
public interface PolicyNetwork extends AutoCloseable {
    int observationSize();

    int actionCount();

    /** Number of trainable scalars. */
    long parameterCount();

    /** Inference forward (no dropout, nothing kept for a backward pass). */
    void predict(float[] obs, int batch, float[] logits, float[] values);

    /** Training forward: the same outputs, keeping the activations {@link #backward} needs. */
    void forward(float[] obs, int batch, float[] logits, float[] values);

    /**
     * Back-propagates the gradient of a loss with respect to the outputs of the last {@link #forward}
     * and stores the parameter gradients (replacing any earlier ones).
     */
    void backward(float[] dLogits, float[] dValues);

    /** L2 norm of all parameter gradients together. */
    double gradientNorm();

    /** One Adam update from the stored gradients multiplied by {@code gradientScale} (for norm clipping). */
    void adamStep(AdamConfig adam, double learningRate, double gradientScale);

    /** A deep copy of weights, optimiser moments and dropout generator. */
    NetworkState state();

    /** Replaces weights, optimiser moments and dropout generator; names and shapes must match. */
    void load(NetworkState state);

    /** Releases native resources, if any. */
    @Override
    default void close() {
    }
}
