package io.tradeloop.data.inspect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The gaps of a series.
 *
 * @param count       holes
 * @param missing     missing bars/settlements/periods in all holes together
 * @param weekendOnly holes that lie within a weekend (market closures)
 * @param largest     the longest holes, longest first (ties: earliest first), at most the number asked for
 */
public record GapSummary(long count, long missing, long weekendOnly, List<Gap> largest) {
    public GapSummary {
        largest = List.copyOf(largest);
    }

    public static GapSummary none() {
        return new GapSummary(0, 0, 0, List.of());
    }

    /** The longest gap, or null when there is none. */
    public Gap longest() {
        return largest.isEmpty() ? null : largest.getFirst();
    }

    /**
     * The gaps of sorted times on a grid of {@code slotMs}: consecutive distinct times at least 1.5 slots
     * apart leave a hole from {@code previous + slot} to the next time, with round(spacing / slot) − 1
     * missing slots. Spacings a little off the grid (an hour of daylight-saving shift in weekly bars) are
     * not gaps.
     */
    public static GapSummary of(long[] sortedTimes, int n, long slotMs, int keepLargest) {
        long count = 0;
        long missing = 0;
        long weekend = 0;
        List<Gap> all = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            long d = sortedTimes[i] - sortedTimes[i - 1];
            long miss = Math.round((double) d / slotMs) - 1;
            if (miss >= 1) {
                long from = sortedTimes[i - 1] + slotMs;
                boolean we = Gap.withinWeekend(from, sortedTimes[i], slotMs);
                count++;
                missing += miss;
                if (we) weekend++;
                all.add(new Gap(from, sortedTimes[i], miss, we));
            }
        }
        all.sort(Comparator.comparingLong(Gap::durationMs).reversed().thenComparingLong(Gap::fromMs));
        return new GapSummary(count, missing, weekend, all.subList(0, Math.min(keepLargest, all.size())));
    }
}
