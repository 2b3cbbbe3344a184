package io.tradeloop.decide.pipeline;

/**
 * The layers of the directional stack, in the order the ablation adds them; each level includes every
 * level before it.
 */
public enum StackLevel {
    /** The 3-class gradient-boosting model alone: trade its arg-max side at full size. */
    PRIMARY("gbm"),
    /** + the meta-label model: take the primary's side only when P(profit-take first) clears its threshold. */
    META("gbm+meta"),
    /** + the sequence ensemble and the dynamics ensemble in a weighted vote with a support threshold. */
    ENSEMBLE("gbm+meta+ensemble"),
    /** + confidence gate, uncertainty-weighted size, regime gate (debounced) and fuzzy arbitration. */
    GATES("gbm+meta+ensemble+gates"),
    /** + the risk layer: VaR, exposure, caps, cooldown, drawdown halt, circuit breaker; trailing stop, profit lock. */
    RISK("gbm+meta+ensemble+gates+risk"),
    /** + the Q-learning parameter adapter, learning online from closed trades. */
    ADAPTER("gbm+meta+ensemble+gates+risk+adapter");

    private final String label;

    StackLevel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean has(StackLevel layer) {
        return ordinal() >= layer.ordinal();
    }
}
