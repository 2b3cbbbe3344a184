package io.tradeloop.rl.env.funding;

import io.tradeloop.core.config.Checks;
import io.tradeloop.core.random.Rng;

/**
 * How each episode picks its trading config and its length: a fixed config, {@link TradingConfig#sampleRandom}
 * or {@link TradingConfig#sampleFullRange}, and a length uniform in whole hours between the bounds.
 *
 * @param mode     where the config comes from
 * @param fixed    the config for {@link Mode#FIXED}
 * @param minHours shortest episode
 * @param maxHours longest episode
 */
public record EpisodeSampler(Mode mode, TradingConfig fixed, int minHours, int maxHours) {
    public EpisodeSampler {
        Checks.notNull("mode", mode);
        Checks.notNull("fixed", fixed);
        Checks.inRange("min_hours", minHours, 1, 24 * 366 * 5);
        Checks.inRange("max_hours", maxHours, minHours, 24 * 366 * 5);
    }

    /** Where a config comes from. */
    public enum Mode {
        FIXED, SAMPLED, FULL_RANGE
    }

    public static EpisodeSampler fixed(TradingConfig config, int minHours, int maxHours) {
        return new EpisodeSampler(Mode.FIXED, config, minHours, maxHours);
    }

    public static EpisodeSampler sampled(int minHours, int maxHours) {
        return new EpisodeSampler(Mode.SAMPLED, TradingConfig.defaults(), minHours, maxHours);
    }

    public static EpisodeSampler fullRange(int minHours, int maxHours) {
        return new EpisodeSampler(Mode.FULL_RANGE, TradingConfig.defaults(), minHours, maxHours);
    }

    public TradingConfig sampleConfig(Rng rng) {
        return switch (mode) {
            case FIXED -> fixed;
            case SAMPLED -> TradingConfig.sampleRandom(rng);
            case FULL_RANGE -> TradingConfig.sampleFullRange(rng);
        };
    }

    /** Episode length in hours, a whole number of steps of {@code stepHours}. */
    public int sampleHours(Rng rng, int stepHours) {
        int lo = Math.max(stepHours, (minHours + stepHours - 1) / stepHours * stepHours);
        int hi = Math.max(lo, maxHours / stepHours * stepHours);
        return lo + stepHours * rng.nextInt((hi - lo) / stepHours + 1);
    }
}
