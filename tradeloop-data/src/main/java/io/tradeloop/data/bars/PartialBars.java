package io.tradeloop.data.bars;

/**
 * What aggregation does with a bar whose period the source data covers only in part: the first bar when
 * the data starts inside its period, the last when the data ends inside it. Its values would differ from
 * the complete bar's, so the default is to drop it.
 */
public enum PartialBars {
    /** Leave partial first/last bars out (reported in {@link Aggregation#droppedPartial()}). */
    DROP,
    /** Keep them, flagged by {@link Aggregation#firstPartial()} / {@link Aggregation#lastPartial()}. */
    KEEP
}
