package io.tradeloop.decide.gate;

import io.tradeloop.core.config.Checks;

import java.util.Locale;

/** Passes a candidate whose confidence is at least {@code minConfidence}. */
public record ConfidenceGate(String name, double minConfidence) {
    public ConfidenceGate {
        Checks.notBlank("gate_name", name);
        Checks.inRange("min_confidence", minConfidence, 0.0, 1.0);
    }

    public GateResult check(double confidence) {
        return check(confidence, minConfidence);
    }

    /** The check against a threshold chosen at run time (the adapter moves it within bounds). */
    public GateResult check(double confidence, double threshold) {
        if (confidence >= threshold) {
            return new GateResult.Passed(name, confidence, threshold, "");
        }
        return new GateResult.Blocked(name, confidence, threshold,
                String.format(Locale.ROOT, "%s %.3f below %.3f", name, confidence, threshold));
    }
}
