package io.tradeloop.rl.env.funding;

import io.tradeloop.core.random.Rng;
import io.tradeloop.core.time.TimeFormat;

/**
 * Episodes drawn from a window [fromStep, toStep) of one tape (for instance the training months of the real
 * data): each episode starts at a uniformly drawn step with its statistics warm and ends inside the window.
 */
public final class ReplayMarket implements MarketSource {
    private final MarketTape tape;
    private final int fromStep;
    private final int toStep;

    public ReplayMarket(MarketTape tape, int fromStep, int toStep) {
        this.tape = tape;
        this.fromStep = Math.max(fromStep, tape.warmupSteps());
        this.toStep = Math.min(toStep, tape.steps());
        if (this.toStep - this.fromStep < 2) {
            throw new IllegalArgumentException("replay window [" + fromStep + ", " + toStep + ") of " + tape.series()
                    + " leaves fewer than 2 steps after the warm-up of " + tape.warmupSteps() + " steps");
        }
    }

    /** The window [fromMs, toMs) of the tape. */
    public static ReplayMarket between(MarketTape tape, long fromMs, long toMs) {
        MarketSeries s = tape.series();
        int from = s.stepAtOrAfter(fromMs);
        int to = s.stepAtOrAfter(toMs);
        if (to - Math.max(from, tape.warmupSteps()) < 2) {
            throw new IllegalArgumentException("no data in [" + TimeFormat.iso(fromMs) + ", " + TimeFormat.iso(toMs) + ") of " + s);
        }
        return new ReplayMarket(tape, from, to);
    }

    @Override
    public Episode next(Rng rng, int steps) {
        int last = toStep - 1 - steps; // the episode's last step (start + steps) stays inside the window
        if (last < fromStep) {
            throw new IllegalArgumentException("an episode of " + steps + " steps does not fit the replay window of "
                    + (toStep - fromStep) + " steps");
        }
        return new Episode(tape, fromStep + rng.nextInt(last - fromStep + 1));
    }

    @Override
    public int maxEpisodeSteps() {
        return toStep - 1 - fromStep;
    }

    /** A fixed window holds no state. */
    @Override
    public void saveState(java.io.DataOutput out) {
    }

    @Override
    public void restoreState(java.io.DataInput in) {
    }

    public MarketTape tape() {
        return tape;
    }

    public int fromStep() {
        return fromStep;
    }

    public int toStep() {
        return toStep;
    }
}
