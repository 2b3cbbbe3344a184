package io.tradeloop.data.bars;

/**
 * What can be wrong with one bar row on its own (time order and duplicates are properties of the file,
 * checked separately). Readers refuse or drop rows with any problem but {@link #ZERO_VOLUME}, which is
 * kept and reported; the inspector counts each kind.
 */
public enum BarProblem {
    /** A price or the volume is NaN or infinite. */
    NON_FINITE,
    /** A price is zero or negative. */
    NON_POSITIVE_PRICE,
    /** The volume is negative. */
    NEGATIVE_VOLUME,
    /** High is below low. */
    HIGH_BELOW_LOW,
    /** Open or close lies outside [low, high]. */
    OPEN_CLOSE_OUTSIDE_RANGE,
    /** The volume is zero: suspicious (no trading, or a filled-in bar) but not wrong. */
    ZERO_VOLUME;

    private static final BarProblem[] VALUES = values();

    /** This problem's bit in the mask {@link #classify} returns. */
    public int bit() {
        return 1 << ordinal();
    }

    /** True when a reader must refuse (strict) or drop (repair) a row with this problem. */
    public boolean refuses() {
        return this != ZERO_VOLUME;
    }

    /** True when {@code mask} holds this problem. */
    public boolean in(int mask) {
        return (mask & bit()) != 0;
    }

    /** The bit mask of every problem of one row (0 when the row is sound). Allocates nothing. */
    public static int classify(double open, double high, double low, double close, double volume) {
        int mask = 0;
        boolean finite = Double.isFinite(open) && Double.isFinite(high) && Double.isFinite(low)
                && Double.isFinite(close) && Double.isFinite(volume);
        if (!finite) {
            mask |= NON_FINITE.bit();
        }
        if (open <= 0 || high <= 0 || low <= 0 || close <= 0) {
            mask |= NON_POSITIVE_PRICE.bit();
        }
        if (volume < 0) {
            mask |= NEGATIVE_VOLUME.bit();
        } else if (volume == 0) {
            mask |= ZERO_VOLUME.bit();
        }
        if (high < low) {
            mask |= HIGH_BELOW_LOW.bit();
        } else if (open > high || open < low || close > high || close < low) {
            mask |= OPEN_CLOSE_OUTSIDE_RANGE.bit();
        }
        return mask;
    }

    /** True when the mask holds a problem that refuses the row. */
    public static boolean refused(int mask) {
        return (mask & ~ZERO_VOLUME.bit()) != 0;
    }

    /** The problems in a mask, in declaration order. */
    public static java.util.List<BarProblem> of(int mask) {
        java.util.List<BarProblem> out = new java.util.ArrayList<>();
        for (BarProblem p : VALUES) {
            if (p.in(mask)) out.add(p);
        }
        return out;
    }
}
