package io.tradeloop.learn.cv;

import io.tradeloop.core.config.Checks;

import java.util.ArrayList;
import java.util.List;

/**
 * Purged, embargoed walk-forward cross-validation. The samples (in time order) are cut into
 * {@code folds + 1} contiguous blocks; fold k tests block k + 1 and trains on the samples before it
 * (all of them when anchored, the last {@code rollingWindow} when rolling), after {@link Purging}
 * drops every training sample whose label window reaches into the test span or the embargo before it.
 *
 * @param folds         number of test blocks, in [1, 100]
 * @param embargoBars   bars between the last training label and the test span, in [0, 100 000]
 * @param rollingWindow 0 for anchored (expanding) training, else the number of samples before the test block to train on
 */
public record PurgedWalkForward(int folds, int embargoBars, int rollingWindow) {
    public PurgedWalkForward {
        Checks.inRange("folds", folds, 1, 100);
        Checks.inRange("embargo_bars", embargoBars, 0, 100_000);
        Checks.inRange("rolling_window", rollingWindow, 0, Integer.MAX_VALUE);
    }

    public static PurgedWalkForward anchored(int folds, int embargoBars) {
        return new PurgedWalkForward(folds, embargoBars, 0);
    }

    /**
     * The folds for samples with label windows [start[i], end[i]] in bars (sorted by start).
     *
     * @throws IllegalArgumentException when there are fewer samples than blocks, or the columns disagree
     */
    public List<CvFold> split(int[] start, int[] end) {
        Purging.checkSamples(start, end);
        int m = start.length;
        int blocks = folds + 1;
        if (m < blocks) {
            throw new IllegalArgumentException(m + " samples cannot make " + folds + " walk-forward folds (need at least " + blocks + ")");
        }
        List<CvFold> out = new ArrayList<>(folds);
        for (int k = 0; k < folds; k++) {
            int testFrom = (int) ((long) m * (k + 1) / blocks);
            int testTo = (int) ((long) m * (k + 2) / blocks);
            int[] test = range(testFrom, testTo);
            int trainFrom = rollingWindow == 0 ? 0 : Math.max(0, testFrom - rollingWindow);
            int[] span = Purging.span(test, start, end);
            int[] train = Purging.keepOutside(range(trainFrom, testFrom), start, end, span[0], span[1], embargoBars);
            out.add(new CvFold(k, train, test));
        }
        return out;
    }

    static int[] range(int from, int to) {
        int[] r = new int[Math.max(0, to - from)];
        for (int i = 0; i < r.length; i++) r[i] = from + i;
        return r;
    }
}
