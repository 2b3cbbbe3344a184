package io.tradeloop.decide.gate;

/**
 * Uncertainty-weighted sizing from the hybrid CNN-LSTM plan ("Uncertainty-Weighted Actions"):
 * size = base × min(2 × confidence, 1). Full size from confidence 0.5; half size at 0.25.
 */
public final class UncertaintySizing {
    private UncertaintySizing() {
    }

    public static double weight(double confidence) {
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], got " + confidence);
        }
        return Math.min(2 * confidence, 1);
    }

    public static double size(double baseSize, double confidence) {
        return baseSize * weight(confidence);
    }
}
