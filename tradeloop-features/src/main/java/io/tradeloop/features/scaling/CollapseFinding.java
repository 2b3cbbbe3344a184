package io.tradeloop.features.scaling;

/**
 * A feature that carries little or no information on the training window.
 *
 * @param column the feature column
 * @param kind   what is wrong
 * @param detail the numbers behind it (e.g. {@code 61% of 9,000 rows bad})
 */
public record CollapseFinding(String column, Kind kind, String detail) {
    /** The ways a feature collapses. */
    public enum Kind {
        /** Every finite value in the window is the same: the feature cannot inform a model. */
        CONSTANT,
        /** More than the allowed fraction of the window was NaN/Inf after warm-up. */
        MOSTLY_BAD,
        /**
         * Half or more of the window shares one value, so the interquartile range is 0; scaled by the
         * standard deviation instead. Reported, never dropped.
         */
        ZERO_IQR
    }

    /** True for findings the {@link CollapsePolicy} acts on (ZERO_IQR is informational). */
    public boolean collapsed() {
        return kind != Kind.ZERO_IQR;
    }
}
