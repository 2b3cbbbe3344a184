package io.tradeloop.learn.label;

/**
 * One triple-barrier trade followed bar by bar: the touch rule of {@link TripleBarrierLabeler} in one
 * place, used by the labeler (over history) and by online learners that score a trade as the bars
 * arrive (the parameter adapter's shadow trades). For each bar after entry: a barrier is touched when
 * the bar's high reaches the upper one or its low the lower one; a bar that opens beyond a barrier
 * fills at that open; a bar whose range holds both barriers is {@link Barrier#BOTH} at its close
 * (unless it opened beyond one of them); without a touch, the {@code horizon}-th bar's close is the
 * vertical barrier. Mutable and reusable: {@link #start} resets it; nothing is allocated per bar.
 */
public final class BarrierWalk {
    private double entry = Double.NaN;
    private double upper;
    private double lower;
    private int horizon;
    private int bars;
    private Barrier barrier = Barrier.NONE;
    private double touchPrice = Double.NaN;
    private double lowHeld;
    private double highHeld;
    private double lastLow;
    private double lastHigh;

    /** Starts a trade entered at {@code entryPrice} with barriers {@code upperPrice} ≥ {@code lowerPrice} and a horizon in bars (≥ 1). */
    public void start(double entryPrice, double upperPrice, double lowerPrice, int horizonBars) {
        if (!(upperPrice >= lowerPrice) || horizonBars < 1 || !(entryPrice > 0)) {
            throw new IllegalArgumentException("a barrier walk needs entry > 0, upper >= lower and horizon >= 1, got entry " + entryPrice
                    + ", upper " + upperPrice + ", lower " + lowerPrice + ", horizon " + horizonBars);
        }
        entry = entryPrice;
        upper = upperPrice;
        lower = lowerPrice;
        horizon = horizonBars;
        bars = 0;
        barrier = Barrier.NONE;
        touchPrice = Double.NaN;
        lowHeld = Double.POSITIVE_INFINITY;
        highHeld = Double.NEGATIVE_INFINITY;
    }

    /** Restores a walk's full state (for persisted learners); {@code barrier} NONE means still open. */
    public void restore(double entryPrice, double upperPrice, double lowerPrice, int horizonBars, int barsSeen, Barrier touched, double touch,
                        double lowestHeld, double highestHeld, double resolvingLow, double resolvingHigh) {
        start(entryPrice, upperPrice, lowerPrice, horizonBars);
        bars = barsSeen;
        barrier = touched;
        touchPrice = touch;
        lowHeld = lowestHeld;
        highHeld = highestHeld;
        lastLow = resolvingLow;
        lastHigh = resolvingHigh;
    }

    /** Folds in the next bar after entry; returns true once the trade is resolved (on this bar or before, which it then ignores). */
    public boolean step(double open, double high, double low, double close) {
        if (barrier != Barrier.NONE) return true;
        if (Double.isNaN(entry)) throw new IllegalStateException("step before start");
        bars++;
        boolean up = high >= upper;
        boolean down = low <= lower;
        if (up && down) {
            // a gap through one barrier at the open decides it; otherwise the bar is ambiguous
            if (open >= upper) resolve(Barrier.UPPER, open, low, high);
            else if (open <= lower) resolve(Barrier.LOWER, open, low, high);
            else resolve(Barrier.BOTH, close, low, high);
        } else if (up) {
            resolve(Barrier.UPPER, Math.max(upper, open), low, high);
        } else if (down) {
            resolve(Barrier.LOWER, Math.min(lower, open), low, high);
        } else if (bars >= horizon) {
            resolve(Barrier.VERTICAL, close, low, high);
        } else {
            lowHeld = Math.min(lowHeld, low);
            highHeld = Math.max(highHeld, high);
        }
        return barrier != Barrier.NONE;
    }

    private void resolve(Barrier b, double price, double low, double high) {
        barrier = b;
        touchPrice = price;
        lastLow = low;
        lastHigh = high;
    }

    public boolean resolved() {
        return barrier != Barrier.NONE;
    }

    /** Which barrier ended the trade (NONE while open). */
    public Barrier barrier() {
        return barrier;
    }

    /** The exit price (NaN while open). */
    public double touchPrice() {
        return touchPrice;
    }

    /** Bars stepped since entry (the exit bar's offset once resolved). */
    public int bars() {
        return bars;
    }

    public double entry() {
        return entry;
    }

    public double upper() {
        return upper;
    }

    public double lower() {
        return lower;
    }

    public int horizon() {
        return horizon;
    }

    /** side × (exit / entry − 1): the trade's gross return (NaN while open). */
    public double returnFor(int side) {
        return side * (touchPrice / entry - 1);
    }

    /**
     * The largest loss the trade showed while held, as a fraction of entry (≥ 0): for a long, the lowest
     * low of the bars held, where the exit bar counts with its exit price when it stopped out on the
     * lower barrier (and with its low otherwise); mirrored for a short.
     */
    public double adverseExcursion(int side) {
        if (side > 0) {
            double w = lowHeld;
            if (barrier != Barrier.NONE) w = Math.min(w, barrier == Barrier.LOWER ? touchPrice : lastLow);
            return Double.isInfinite(w) ? 0 : Math.max(0, 1 - w / entry);
        }
        double w = highHeld;
        if (barrier != Barrier.NONE) w = Math.max(w, barrier == Barrier.UPPER ? touchPrice : lastHigh);
        return Double.isInfinite(w) ? 0 : Math.max(0, w / entry - 1);
    }

    /** The lowest low of the bars held before the exit bar (+∞ before any). */
    public double lowHeld() {
        return lowHeld;
    }

    /** The highest high of the bars held before the exit bar (−∞ before any). */
    public double highHeld() {
        return highHeld;
    }

    /** The exit bar's low (NaN while open). */
    public double exitBarLow() {
        return barrier == Barrier.NONE ? Double.NaN : lastLow;
    }

    /** The exit bar's high (NaN while open). */
    public double exitBarHigh() {
        return barrier == Barrier.NONE ? Double.NaN : lastHigh;
    }
}
