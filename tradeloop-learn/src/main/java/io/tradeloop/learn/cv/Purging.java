package io.tradeloop.learn.cv;

import java.util.Arrays;

/**
 * The purge and embargo rule (López de Prado, AFML §7.4): a training sample whose label window
 * [start, end] overlaps the test span leaks the test outcome into training and is dropped; so is a
 * training sample that ends within {@code embargo} bars before the test span or starts within
 * {@code embargo} bars after it (serially correlated features leak across the boundary).
 */
public final class Purging {
    private Purging() {
    }

    /**
     * Keeps the candidates i with end[i] &lt; testStart − embargo or start[i] &gt; testEnd + embargo,
     * where the test span is [testStart, testEnd] in bars.
     */
    public static int[] keepOutside(int[] candidates, int[] start, int[] end, int testStart, int testEnd, int embargo) {
        int[] keep = new int[candidates.length];
        int k = 0;
        for (int i : candidates) {
            if (end[i] < testStart - embargo || start[i] > testEnd + embargo) {
                keep[k++] = i;
            }
        }
        return Arrays.copyOf(keep, k);
    }

    /** The span [first start, last end] in bars covered by the label windows of {@code rows}. */
    public static int[] span(int[] rows, int[] start, int[] end) {
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (int r : rows) {
            lo = Math.min(lo, start[r]);
            hi = Math.max(hi, end[r]);
        }
        return new int[] {lo, hi};
    }

    static void checkSamples(int[] start, int[] end) {
        if (start.length != end.length) {
            throw new IllegalArgumentException("sample start (" + start.length + ") and end (" + end.length + ") columns differ in length");
        }
        for (int i = 0; i < start.length; i++) {
            if (end[i] < start[i]) {
                throw new IllegalArgumentException("sample " + i + " ends (bar " + end[i] + ") before it starts (bar " + start[i] + ")");
            }
            if (i > 0 && start[i] < start[i - 1]) {
                throw new IllegalArgumentException("samples must be in time order: sample " + i + " starts at bar " + start[i]
                        + ", before sample " + (i - 1) + " at bar " + start[i - 1]);
            }
        }
    }
}
