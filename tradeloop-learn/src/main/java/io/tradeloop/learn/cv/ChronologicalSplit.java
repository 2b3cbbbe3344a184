package io.tradeloop.learn.cv;

/**
 * A train / validation / test split at fixed bar boundaries (e.g. train through 2022, validate
 * 2023-H1, test 2023-H2), purged and embargoed at each boundary: a training sample's label window
 * ends before the validation span minus the embargo, and likewise validation before test.
 *
 * @param train      rows whose labels end before validation starts (minus the embargo)
 * @param validation rows starting in [validationStartBar, testStartBar) whose labels end before test starts (minus the embargo)
 * @param test       rows starting at or after testStartBar and before endBar
 */
public record ChronologicalSplit(int[] train, int[] validation, int[] test) {

    /**
     * Splits samples with label windows [start[i], end[i]] at bar boundaries.
     *
     * @param validationStartBar first bar of the validation period
     * @param testStartBar       first bar of the test period
     * @param endBar             bar after the last test bar
     * @param embargoBars        extra bars of separation before each later period
     */
    public static ChronologicalSplit of(int[] start, int[] end, int validationStartBar, int testStartBar, int endBar,
                                        int embargoBars) {
        Purging.checkSamples(start, end);
        if (!(validationStartBar <= testStartBar && testStartBar <= endBar)) {
            throw new IllegalArgumentException("split boundaries must be ordered: validation " + validationStartBar
                    + " <= test " + testStartBar + " <= end " + endBar);
        }
        int m = start.length;
        int[] tr = new int[m];
        int[] va = new int[m];
        int[] te = new int[m];
        int a = 0;
        int b = 0;
        int c = 0;
        for (int i = 0; i < m; i++) {
            if (start[i] < validationStartBar) {
                if (end[i] < validationStartBar - embargoBars) tr[a++] = i;
            } else if (start[i] < testStartBar) {
                if (end[i] < testStartBar - embargoBars) va[b++] = i;
            } else if (start[i] < endBar) {
                te[c++] = i;
            }
        }
        return new ChronologicalSplit(java.util.Arrays.copyOf(tr, a), java.util.Arrays.copyOf(va, b), java.util.Arrays.copyOf(te, c));
    }
}
