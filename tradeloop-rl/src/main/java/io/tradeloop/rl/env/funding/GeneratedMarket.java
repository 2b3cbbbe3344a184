package io.tradeloop.rl.env.funding;

import io.tradeloop.core.config.Checks;
import io.tradeloop.core.random.Rng;

/**
 * Unlimited episodes from the calibrated {@link MarketGenerator}: a tape of {@code tapeHours} is generated
 * (with the environment's generator, so it is seeded) and serves {@code episodesPerTape} episodes at random
 * windows before the next tape is made. Building a tape costs milliseconds; sharing it across episodes keeps
 * that off the step path.
 */
public final class GeneratedMarket implements MarketSource {
    /** Generated paths start here (a Monday at 00:00 UTC) so venues settle at their usual hours. */
    static final long ORIGIN_MS = 1_672_617_600_000L; // 2023-01-02T00:00Z

    private final GeneratorParams params;
    private final EnvConfig env;
    private final int tapeSteps;
    private final int episodesPerTape;
    private MarketTape tape;
    private long[] tapeSeed;
    private int served;

    public GeneratedMarket(GeneratorParams params, EnvConfig env, int tapeHours, int episodesPerTape) {
        this.params = params;
        this.env = env;
        Checks.inRange("tape_hours", tapeHours, 24 * 7, 24 * 366 * 5);
        this.tapeSteps = tapeHours / env.stepHours();
        this.episodesPerTape = Checks.inRange("episodes_per_tape", episodesPerTape, 1, 1_000_000);
    }

    @Override
    public Episode next(Rng rng, int steps) {
        if (tape == null || served >= episodesPerTape) {
            Rng tapeRng = rng.split();
            tapeSeed = tapeRng.state();
            tape = generate(tapeRng);
            served = 0;
        }
        served++;
        int first = tape.warmupSteps();
        int last = tape.steps() - 2 - steps;
        if (last < first) {
            throw new IllegalArgumentException("an episode of " + steps + " steps does not fit generated tapes of " + tapeSteps + " steps");
        }
        return new Episode(tape, first + rng.nextInt(last - first + 1));
    }

    private MarketTape generate(Rng tapeRng) {
        return MarketTape.build(MarketGenerator.generate(params, tapeRng, ORIGIN_MS, tapeSteps, env.stepHours()), env);
    }

    /** The current tape is saved as the seed that made it; restoring regenerates it. */
    @Override
    public void saveState(java.io.DataOutput out) throws java.io.IOException {
        out.writeBoolean(tape != null);
        if (tape != null) {
            for (long w : tapeSeed) {
                out.writeLong(w);
            }
        }
        out.writeInt(served);
    }

    @Override
    public void restoreState(java.io.DataInput in) throws java.io.IOException {
        if (in.readBoolean()) {
            long[] seed = new long[5];
            for (int i = 0; i < seed.length; i++) {
                seed[i] = in.readLong();
            }
            if (tape == null || !java.util.Arrays.equals(seed, tapeSeed)) {
                tapeSeed = seed;
                tape = generate(Rng.fromState(seed));
            }
        } else {
            tape = null;
            tapeSeed = null;
        }
        served = in.readInt();
    }

    @Override
    public int maxEpisodeSteps() {
        return tapeSteps - 2 - Math.max(env.stepsIn(72), 30);
    }

    public GeneratorParams params() {
        return params;
    }
}
