package io.tradeloop.data.trades;

/**
 * What can be wrong with one trade print. Readers refuse or drop prints with any problem but
 * {@link #ZERO_AMOUNT} (real archives hold such prints, e.g. 18 in ta4j's Bitstamp file), which is kept,
 * counted in the bar's price range with no volume, and reported.
 */
public enum TradeProblem {
    /** Price or amount is NaN or infinite. */
    NON_FINITE,
    /** The price is zero or negative. */
    NON_POSITIVE_PRICE,
    /** The amount is negative. */
    NEGATIVE_AMOUNT,
    /** The amount is zero. */
    ZERO_AMOUNT;

    public int bit() {
        return 1 << ordinal();
    }

    public boolean in(int mask) {
        return (mask & bit()) != 0;
    }

    /** The bit mask of every problem of one print. Allocates nothing. */
    public static int classify(double price, double amount) {
        int mask = 0;
        if (!Double.isFinite(price) || !Double.isFinite(amount)) mask |= NON_FINITE.bit();
        if (price <= 0) mask |= NON_POSITIVE_PRICE.bit();
        if (amount < 0) mask |= NEGATIVE_AMOUNT.bit();
        else if (amount == 0) mask |= ZERO_AMOUNT.bit();
        return mask;
    }

    /** True when the mask holds a problem that refuses the print. */
    public static boolean refused(int mask) {
        return (mask & ~ZERO_AMOUNT.bit()) != 0;
    }
}
