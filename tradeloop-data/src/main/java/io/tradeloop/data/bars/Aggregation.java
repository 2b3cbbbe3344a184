package io.tradeloop.data.bars;

import io.tradeloop.core.series.BarSeries;

/**
 * Bars built from finer data (trades or finer bars) and an account of what was not complete.
 *
 * @param bars           the bars, each aligned on a multiple of its timeframe since the epoch (UTC)
 * @param coverageFromMs the source data covers [coverageFromMs, coverageToMs)
 * @param coverageToMs   see coverageFromMs
 * @param firstPartial   the first bar is kept although its period starts before the coverage (KEEP only)
 * @param lastPartial    the last bar is kept although its period ends after the coverage (KEEP only)
 * @param droppedPartial partial first/last bars left out (DROP only; 0 to 2)
 * @param incompleteBars bars inside the coverage built from fewer finer bars than their period holds
 *                       (the source had a gap there); always 0 from trades
 * @param emptyPeriods   periods inside the coverage with no source data at all, hence no bar (never invented)
 */
public record Aggregation(BarSeries bars, long coverageFromMs, long coverageToMs, boolean firstPartial, boolean lastPartial,
                          int droppedPartial, int incompleteBars, long emptyPeriods) {
}
