package io.tradeloop.decide.vote;

/**
 * The outcome of a weighted vote.
 *
 * @param direction   the side with enough support, or FLAT when none has
 * @param support     the winning side's share of the total weight (of the largest side when none won)
 * @param longWeight  share of the weight voting long
 * @param shortWeight share of the weight voting short
 * @param flatWeight  share of the weight voting flat
 * @param confidence  weight-averaged probability of {@code direction} over all models
 * @param signal      weight-averaged P(up) − P(down), in [−1, 1]
 */
public record VoteResult(Direction direction, double support, double longWeight, double shortWeight, double flatWeight, double confidence,
                         double signal) {
}
