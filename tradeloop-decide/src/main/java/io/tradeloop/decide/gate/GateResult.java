package io.tradeloop.decide.gate;

/** What one gate said of a candidate trade: let it through or block it, with the numbers behind it. */
public sealed interface GateResult {
    /** The gate's stable name, as in the decision record. */
    String gate();

    /** Passed: {@code value} met {@code threshold}. */
    record Passed(String gate, double value, double threshold, String detail) implements GateResult {
    }

    /** Blocked, with the reason. */
    record Blocked(String gate, double value, double threshold, String reason) implements GateResult {
    }

    default boolean passed() {
        return this instanceof Passed;
    }
}
