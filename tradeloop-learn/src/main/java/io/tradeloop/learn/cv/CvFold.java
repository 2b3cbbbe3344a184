package io.tradeloop.learn.cv;

/**
 * One train/test split of sample rows (indices into the sample arrays, ascending).
 *
 * @param index the fold number, from 0
 * @param train rows to fit on, purged and embargoed against {@code test}
 * @param test  rows to evaluate on
 */
public record CvFold(int index, int[] train, int[] test) {
}
