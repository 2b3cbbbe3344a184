package io.tradeloop.features.set;

/**
 * Sanitisation counts of one feature column: warm-up NaNs are counted apart from bad values
 * (NaN/+Inf/-Inf after warm-up), and {@code filled} says how many bad values were replaced by the
 * last good value (the rest stay NaN because no good value preceded them).
 */
public record FeatureQuality(String column, long rows, long warmup, long nan, long posInf, long negInf, long filled) {
    /** NaN + Inf after warm-up. */
    public long bad() {
        return nan + posInf + negInf;
    }

    /** Bad values as a fraction of the rows after warm-up (0 when there are none). */
    public double badFraction() {
        long defined = rows - warmup;
        return defined <= 0 ? 0 : (double) bad() / defined;
    }
}
