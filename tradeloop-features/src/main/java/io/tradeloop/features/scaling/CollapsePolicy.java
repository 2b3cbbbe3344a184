package io.tradeloop.features.scaling;

/** What fitting does with a feature that collapsed on the training window (constant or mostly bad). */
public enum CollapsePolicy {
    /** Keep it, log a warning and list it in the scaler's findings. */
    REPORT,
    /** Leave it out of the scaled output, log and list it. */
    DROP,
    /** Refuse to fit, naming every collapsed feature. */
    FAIL
}
