package io.tradeloop.rl.env;

/**
 * A reinforcement-learning environment with discrete, maskable actions, written for vectorised
 * stepping without allocation: observations and masks are written into caller-owned arrays at an offset.
 *
 * <p>Contract: {@link #reset} starts an episode; {@link #step} applies an action the current mask
 * allows (a forbidden action is refused with {@link IllegalArgumentException} naming it) and returns the
 * reward; after it, {@link #terminated()} or {@link #truncated()} says whether the episode ended.
 * Every random draw comes from the generator the environment was built with.
 */
public interface Env {
    /** Observation length and action count. */
    EnvSpec spec();

    /** Starts a new episode, writing its first observation and action mask. */
    void reset(float[] obs, int obsOffset, boolean[] mask, int maskOffset);

    /**
     * Applies {@code action}, writes the next observation and mask, and returns the reward.
     *
     * @throws IllegalArgumentException when the action is out of range or the current mask forbids it
     */
    double step(int action, float[] obs, int obsOffset, boolean[] mask, int maskOffset);

    /** The last step ended the episode for a reason inside the task (goal, ruin, drawdown limit). */
    boolean terminated();

    /** The last step ended the episode only because its time ran out (bootstrap from the value). */
    boolean truncated();

    /** A number that describes the episode's outcome in the task's own terms (e.g. P&amp;L %), or NaN. */
    default double episodeScore() {
        return Double.NaN;
    }
}
