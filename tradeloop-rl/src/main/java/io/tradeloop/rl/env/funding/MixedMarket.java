package io.tradeloop.rl.env.funding;

import io.tradeloop.core.config.Checks;
import io.tradeloop.core.random.Rng;

/** Each episode from the first source with probability {@code firstShare}, else from the second (e.g. real training months and the generator). */
public final class MixedMarket implements MarketSource {
    private final MarketSource first;
    private final MarketSource second;
    private final double firstShare;

    public MixedMarket(MarketSource first, MarketSource second, double firstShare) {
        this.first = first;
        this.second = second;
        this.firstShare = Checks.inRange("real_share", firstShare, 0, 1);
    }

    @Override
    public Episode next(Rng rng, int steps) {
        return rng.nextDouble() < firstShare ? first.next(rng, steps) : second.next(rng, steps);
    }

    @Override
    public void saveState(java.io.DataOutput out) throws java.io.IOException {
        first.saveState(out);
        second.saveState(out);
    }

    @Override
    public void restoreState(java.io.DataInput in) throws java.io.IOException {
        first.restoreState(in);
        second.restoreState(in);
    }

    @Override
    public int maxEpisodeSteps() {
        return Math.min(first.maxEpisodeSteps(), second.maxEpisodeSteps());
    }
}
