package io.tradeloop.decide.vote;

/**
 * One model's say on a bar, as the decision record keeps it.
 *
 * @param model       model name (e.g. {@code gbm}, {@code seq}, {@code dyn:ridge-0})
 * @param direction   the arg-max of its probabilities
 * @param confidence  the probability of that direction
 * @param weight      the model's voting weight
 * @param pDown       P(down)
 * @param pFlat       P(flat)
 * @param pUp         P(up)
 * @param uncertainty the model's own uncertainty (ensemble mutual information in nats; 0 when it has none)
 */
public record ModelVote(String model, Direction direction, double confidence, double weight, double pDown, double pFlat, double pUp,
                        double uncertainty) {

    /** The vote of a model whose (down, flat, up) probabilities are {@code p}. */
    public static ModelVote of(String model, double weight, double[] p, double uncertainty) {
        int arg = 0;
        for (int k = 1; k < 3; k++) if (p[k] > p[arg]) arg = k;
        return new ModelVote(model, Direction.ofClass(arg), p[arg], weight, p[0], p[1], p[2], uncertainty);
    }

    /** The probability this vote gives to {@code d}. */
    public double probability(Direction d) {
        return switch (d) {
            case SHORT -> pDown;
            case FLAT -> pFlat;
            case LONG -> pUp;
        };
    }
}
