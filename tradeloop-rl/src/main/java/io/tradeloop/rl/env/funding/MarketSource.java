package io.tradeloop.rl.env.funding;

import io.tradeloop.core.random.Rng;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Where an environment's episodes come from: windows of one fixed tape (real data, a split of it) or tapes
 * made by the calibrated generator. A source may keep state (the generator's current tape), so each
 * environment gets its own instance from a factory.
 */
public sealed interface MarketSource permits ReplayMarket, GeneratedMarket, MixedMarket {
    /** The tape and first step of the next episode of {@code steps} steps. */
    Episode next(Rng rng, int steps);

    /** Longest episode (in steps) this source can serve. */
    int maxEpisodeSteps();

    /** Writes what {@link #next} depends on besides the generator it is given (checkpoints). */
    void saveState(DataOutput out) throws IOException;

    /** Restores what {@link #saveState} wrote. */
    void restoreState(DataInput in) throws IOException;

    /** An episode's market: {@code steps} steps of {@code tape} from {@code startStep}. */
    record Episode(MarketTape tape, int startStep) {
    }
}
