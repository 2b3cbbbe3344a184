package io.tradeloop.rl.ppo;

/** How the learning rate moves over a training run. */
public enum LearningRateSchedule {
    /** The configured rate throughout. */
    CONSTANT,
    /** Annealed linearly from the configured rate to zero over {@link PpoConfig#totalSteps()} (CleanRL's {@code anneal_lr}). */
    LINEAR;

    /** The rate for the update that starts after {@code stepsDone} environment steps. */
    public double rate(double initial, long stepsDone, long totalSteps) {
        return switch (this) {
            case CONSTANT -> initial;
            case LINEAR -> initial * Math.max(0.0, 1.0 - (double) stepsDone / totalSteps);
        };
    }
}
