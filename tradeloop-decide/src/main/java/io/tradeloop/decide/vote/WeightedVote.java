package io.tradeloop.decide.vote;

import io.tradeloop.core.config.Checks;

import java.util.List;

/**
 * Weighted voting with a directional support threshold: each model votes for its arg-max direction with
 * its weight; LONG or SHORT wins only when its share of the total weight is at least
 * {@code supportThreshold} (and larger than the other side's), otherwise the result is FLAT. The
 * confidence is the weight-averaged probability every model gives the winning direction, so a narrow
 * win by unsure models stays unsure.
 */
public record WeightedVote(double supportThreshold) {
    public WeightedVote {
        Checks.inRange("support_threshold", supportThreshold, 0.0, 1.0);
    }

    public VoteResult combine(List<ModelVote> votes) {
        if (votes.isEmpty()) {
            throw new IllegalArgumentException("a vote needs at least one model");
        }
        double total = 0;
        double lw = 0;
        double sw = 0;
        double fw = 0;
        double signal = 0;
        for (ModelVote v : votes) {
            if (!(v.weight() >= 0) || Double.isInfinite(v.weight())) {
                throw new IllegalArgumentException("model " + v.model() + " has weight " + v.weight() + ", allowed [0, +inf)");
            }
            total += v.weight();
            switch (v.direction()) {
                case LONG -> lw += v.weight();
                case SHORT -> sw += v.weight();
                case FLAT -> fw += v.weight();
            }
            signal += v.weight() * (v.pUp() - v.pDown());
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("the models' weights sum to " + total + ", must be > 0");
        }
        lw /= total;
        sw /= total;
        fw /= total;
        signal /= total;
        Direction d;
        double support;
        if (lw >= supportThreshold && lw > sw) {
            d = Direction.LONG;
            support = lw;
        } else if (sw >= supportThreshold && sw > lw) {
            d = Direction.SHORT;
            support = sw;
        } else {
            d = Direction.FLAT;
            support = Math.max(lw, Math.max(sw, fw));
        }
        double conf = 0;
        for (ModelVote v : votes) conf += v.weight() * v.probability(d);
        return new VoteResult(d, support, lw, sw, fw, conf / total, signal);
    }
}
