package io.tradeloop.data.inspect;

import java.util.List;

/**
 * What a funding series looks like.
 *
 * @param settlements    rows with a parsed settlement
 * @param malformed      rows whose text does not parse
 * @param firstMs        first settlement time
 * @param lastMs         last settlement time
 * @param intervalHours  median spacing in whole hours (8 on most venues, 1 on dYdX)
 * @param gaps           missed settlements
 * @param duplicates     rows repeating an earlier settlement time
 * @param outOfOrder     rows earlier than the row before them
 * @param nonFinite      NaN or infinite rates
 * @param extremeRates   rates whose size per 8 h exceeds {@code threshold8h}
 * @param threshold8h    the threshold used
 * @param minRate8h      smallest finite rate, normalised to 8 h
 * @param maxRate8h      largest finite rate, normalised to 8 h
 * @param meanRate8h     mean finite rate, normalised to 8 h
 * @param mostExtreme    the largest rates by size, with their times
 */
public record FundingStats(long settlements, long malformed, long firstMs, long lastMs, double intervalHours, GapSummary gaps,
                           long duplicates, long outOfOrder, long nonFinite, long extremeRates, double threshold8h,
                           double minRate8h, double maxRate8h, double meanRate8h, List<Rate> mostExtreme) {
    public FundingStats {
        mostExtreme = List.copyOf(mostExtreme);
    }

    /** One settlement: its time, the rate per interval and the rate per 8 h. */
    public record Rate(long timeMs, double rate, double rate8h) {
    }
}
