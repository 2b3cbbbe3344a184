package io.tradeloop.engine.walkforward;

import io.tradeloop.core.config.Checks;
import io.tradeloop.core.config.ConfigException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Walk-forward splits over a time range, for every trainer and evaluation that needs chronological folds.
 *
 * <pre>
 *   ROLLING  fold k: train [s + k·step, s + k·step + train)          test [trainEnd + embargo, … + test)
 *   ANCHORED fold k: train [s,          s + train + k·step)          test [trainEnd + embargo, … + test)
 * </pre>
 * Folds are produced while the whole test window fits in the range (a shorter last window is not
 * emitted). The embargo keeps information that straddles the boundary (overlapping labels, slow
 * indicators) out of the test. Purging training samples whose label windows reach into the test is the
 * trainer's job (tradeloop-learn's purged CV); this class only cuts time.
 *
 * @param mode      rolling (fixed-length train window) or anchored (growing from the start)
 * @param trainMs   training length (the first one, for anchored), &gt; 0
 * @param testMs    test length, &gt; 0
 * @param stepMs    how far each fold moves, &gt; 0 (usually = testMs, so test windows tile the range)
 * @param embargoMs gap between the end of training and the start of the test, ≥ 0
 */
public record WalkForward(Mode mode, long trainMs, long testMs, long stepMs, long embargoMs) {
    /** How the training window moves. */
    public enum Mode {
        /** A fixed-length training window that slides forward. */
        ROLLING,
        /** A training window that always starts at the beginning and grows. */
        ANCHORED
    }

    public WalkForward {
        Checks.notNull("mode", mode);
        Checks.inRange("train_ms", trainMs, 1, Long.MAX_VALUE / 4);
        Checks.inRange("test_ms", testMs, 1, Long.MAX_VALUE / 4);
        Checks.inRange("step_ms", stepMs, 1, Long.MAX_VALUE / 4);
        Checks.inRange("embargo_ms", embargoMs, 0, Long.MAX_VALUE / 4);
    }

    public static WalkForward rolling(Duration train, Duration test, Duration embargo) {
        return new WalkForward(Mode.ROLLING, train.toMillis(), test.toMillis(), test.toMillis(), embargo.toMillis());
    }

    public static WalkForward anchored(Duration train, Duration test, Duration embargo) {
        return new WalkForward(Mode.ANCHORED, train.toMillis(), test.toMillis(), test.toMillis(), embargo.toMillis());
    }

    /** The folds over {@code span}, in time order; fails when not even one fits. */
    public List<Split> splits(TimeRange span) {
        List<Split> out = new ArrayList<>();
        for (int k = 0; ; k++) {
            long trainFrom = mode == Mode.ROLLING ? span.fromMs() + k * stepMs : span.fromMs();
            long trainTo = mode == Mode.ROLLING ? trainFrom + trainMs : span.fromMs() + trainMs + k * stepMs;
            long testFrom = trainTo + embargoMs;
            long testTo = testFrom + testMs;
            if (testTo > span.toMs() || testTo < 0) {
                break;
            }
            out.add(new Split(k, new TimeRange(trainFrom, trainTo), new TimeRange(testFrom, testTo)));
        }
        if (out.isEmpty()) {
            throw new ConfigException("walk_forward", "no fold fits in " + span + " (" + Duration.ofMillis(span.lengthMs())
                    + "): train " + Duration.ofMillis(trainMs) + " + embargo " + Duration.ofMillis(embargoMs) + " + test "
                    + Duration.ofMillis(testMs) + " is longer");
        }
        return out;
    }
}
