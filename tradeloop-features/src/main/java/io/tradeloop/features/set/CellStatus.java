package io.tradeloop.features.set;

/** What the sanitiser found in one feature value before it was stored. */
public enum CellStatus {
    /** A finite value, stored as computed. */
    OK,
    /** The feature was still warming up; stored as NaN, counted apart from bad values. */
    WARMUP,
    /** The indicator gave NaN after its warm-up (e.g. a division by a zero range); forward-filled. */
    NAN,
    /** +Infinity after warm-up; forward-filled. */
    POS_INF,
    /** -Infinity after warm-up; forward-filled. */
    NEG_INF;

    private static final CellStatus[] VALUES = values();

    /** The status stored as {@code code} ({@link #ordinal()}). */
    public static CellStatus of(byte code) {
        return VALUES[code];
    }

    /** True for NAN, POS_INF and NEG_INF: values that were computed but are not finite. */
    public boolean bad() {
        return this == NAN || this == POS_INF || this == NEG_INF;
    }
}
