package io.tradeloop.decide.gate;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What one gate said of a candidate trade: let it through or block it, with the numbers behind it. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = GateResult.Passed.class, name = "passed"),
        @JsonSubTypes.Type(value = GateResult.Blocked.class, name = "blocked")})
public sealed interface GateResult {
    /** The gate's stable name, as in the decision record. */
    String gate();

    /** Passed: {@code value} met {@code threshold}. */
    record Passed(String gate, double value, double threshold, String detail) implements GateResult {
    }

    /** Blocked, with the reason. */
    record Blocked(String gate, double value, double threshold, String reason) implements GateResult {
    }

    @JsonIgnore
    default boolean passed() {
        return this instanceof Passed;
    }
}
