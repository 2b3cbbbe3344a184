package io.tradeloop.rl.funding;

import io.tradeloop.core.config.ConfigException;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.rl.env.funding.EnvConfig;
import io.tradeloop.rl.env.funding.GeneratedMarket;
import io.tradeloop.rl.env.funding.GeneratorParams;
import io.tradeloop.rl.env.funding.MarketCalibration;
import io.tradeloop.rl.env.funding.MarketSource;
import io.tradeloop.rl.env.funding.MarketTape;
import io.tradeloop.rl.env.funding.MixedMarket;
import io.tradeloop.rl.env.funding.RealMarketLoader;
import io.tradeloop.rl.env.funding.ReplayMarket;

import java.nio.file.Path;

/**
 * The funding agent's data, loaded once: the real market over the training and test months, its tape, and the
 * generator fitted on the training months only (so nothing of the hold-out reaches training, not even a
 * statistic). Training draws episodes from the real training months and from generated tapes; evaluation walks
 * the test months.
 *
 * @param env       the environment config the tape was built for
 * @param split     the chronological split
 * @param real      the loaded real market and how it was made
 * @param tape      the real market's tape over [train from, test to)
 * @param generator the generator's parameters, fitted on the training months
 */
public record FundingData(EnvConfig env, Split split, RealMarketLoader.Loaded real, MarketTape tape, GeneratorParams generator) {
    /** Hours of history the opportunity statistics need before a window is usable (3 days). */
    static final long WARMUP_MS = 72 * 3_600_000L;

    /**
     * A chronological split: train on [trainFrom, trainTo), test on [testFrom, testTo); the test starts at or after
     * the end of training.
     */
    public record Split(long trainFromMs, long trainToMs, long testFromMs, long testToMs) {
        public Split {
            if (!(trainFromMs < trainToMs && trainToMs <= testFromMs && testFromMs < testToMs)) {
                throw new ConfigException("split", "needs train_from < train_to <= test_from < test_to, got "
                        + TimeFormat.iso(trainFromMs) + ", " + TimeFormat.iso(trainToMs) + ", " + TimeFormat.iso(testFromMs)
                        + ", " + TimeFormat.iso(testToMs));
            }
        }

        /** Train 2023-01 .. 2023-09, test 2023-10 .. 2023-12 (issue 3). */
        public static Split defaults() {
            return of("2023-01-01", "2023-10-01", "2023-10-01", "2024-01-01");
        }

        public static Split of(String trainFrom, String trainTo, String testFrom, String testTo) {
            return new Split(TimeFormat.parse(trainFrom), TimeFormat.parse(trainTo), TimeFormat.parse(testFrom), TimeFormat.parse(testTo));
        }

        @Override
        public String toString() {
            return "train " + TimeFormat.iso(trainFromMs) + " .. " + TimeFormat.iso(trainToMs) + ", test "
                    + TimeFormat.iso(testFromMs) + " .. " + TimeFormat.iso(testToMs);
        }
    }

    /** Loads the shared data layout under {@code dataDir}; {@code seed} drives the modelled prices of rates-only venues. */
    public static FundingData load(Path dataDir, EnvConfig env, Split split, long seed) {
        RealMarketLoader.Loaded real = RealMarketLoader.load(RealMarketLoader.Sources.shared(dataDir), split.trainFromMs(),
                split.testToMs(), env.stepHours(), split.trainFromMs(), split.trainToMs(), seed);
        MarketTape tape = MarketTape.build(real.series(), env);
        GeneratorParams gen = MarketCalibration.fit(real.series(), split.trainFromMs() + WARMUP_MS, split.trainToMs());
        return new FundingData(env, split, real, tape, gen);
    }

    /** Episodes from the real training months. */
    public ReplayMarket trainReplay() {
        return ReplayMarket.between(tape, split.trainFromMs(), split.trainToMs());
    }

    /** The hold-out months. */
    public ReplayMarket testReplay() {
        return ReplayMarket.between(tape, split.testFromMs(), split.testToMs());
    }

    /**
     * A fresh source for one training environment: real training months with probability {@code realShare}, else
     * generated tapes of {@code tapeHours} reused for {@code episodesPerTape} episodes.
     */
    public MarketSource trainingSource(double realShare, int tapeHours, int episodesPerTape) {
        GeneratedMarket gen = new GeneratedMarket(generator, env, tapeHours, episodesPerTape);
        return realShare >= 1 ? trainReplay() : realShare <= 0 ? gen : new MixedMarket(trainReplay(), gen, realShare);
    }
}
