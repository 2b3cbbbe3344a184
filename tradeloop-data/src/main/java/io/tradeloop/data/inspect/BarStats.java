package io.tradeloop.data.inspect;

import io.tradeloop.core.series.Timeframe;

/**
 * What the rows of a bar series look like, counted on the rows as the file holds them.
 *
 * @param rows                  data rows (parsed and malformed)
 * @param malformed             rows whose text does not parse
 * @param firstOpenMs           earliest bar open time ({@code Long.MIN_VALUE} without bars)
 * @param lastOpenMs            latest bar open time
 * @param interval              the bar interval (stated by the file or the most common spacing); null with under 2 bars
 * @param intervalStated        true when the file states the interval (Binance close times, a JSON name)
 * @param expectedBars          bars a gap-free series from first to last would have
 * @param gaps                  holes between distinct bar times
 * @param duplicates            rows repeating an earlier row's time
 * @param outOfOrder            rows earlier than the row before them
 * @param misaligned            bars whose open time is not a multiple of the interval since the epoch (UTC)
 * @param offGridSpacings       consecutive distinct bars whose spacing is not a whole number of intervals (within 1%):
 *                              irregular bars, e.g. a "weekly" bar three days after the previous one
 * @param nonFinite             rows with a NaN or infinite price or volume
 * @param nonPositivePrices     rows with a price ≤ 0
 * @param highBelowLow          rows with high &lt; low
 * @param openCloseOutsideRange rows with open or close outside [low, high]
 * @param negativeVolume        rows with volume &lt; 0
 * @param zeroVolume            rows with volume = 0
 */
public record BarStats(long rows, long malformed, long firstOpenMs, long lastOpenMs, Timeframe interval, boolean intervalStated,
                       long expectedBars, GapSummary gaps, long duplicates, long outOfOrder, long misaligned, long offGridSpacings, long nonFinite,
                       long nonPositivePrices, long highBelowLow, long openCloseOutsideRange, long negativeVolume, long zeroVolume) {
    /** Distinct bar times. */
    public long distinctBars() {
        return rows - malformed - duplicates;
    }
}
