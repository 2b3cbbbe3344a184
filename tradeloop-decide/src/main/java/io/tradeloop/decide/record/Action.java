package io.tradeloop.decide.record;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.tradeloop.decide.vote.Direction;

/** What the decision stack does on a bar: open a position, close the open one, or do nothing. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = Action.Enter.class, name = "enter"), @JsonSubTypes.Type(value = Action.Exit.class, name = "exit"),
        @JsonSubTypes.Type(value = Action.Hold.class, name = "hold")})
public sealed interface Action {

    /**
     * Open a position.
     *
     * @param side           LONG or SHORT
     * @param equityFraction notional as a fraction of equity (after every sizing step)
     * @param stopLossPct    the trade's stop distance as a fraction of the price (NaN: none)
     * @param takeProfitPct  the trade's take-profit distance as a fraction of the price (NaN: none)
     * @param maxBars        bars until the time exit
     */
    record Enter(Direction side, double equityFraction, double stopLossPct, double takeProfitPct, int maxBars) implements Action {
        public Enter {
            if (side == Direction.FLAT) {
                throw new IllegalArgumentException("an entry needs a side, got FLAT");
            }
            if (!(equityFraction > 0) || Double.isInfinite(equityFraction)) {
                throw new IllegalArgumentException("entry size must be > 0, got " + equityFraction);
            }
        }
    }

    /** Close the open position, and why (a rule name or "signal reversal" / "time exit"). */
    record Exit(String reason) implements Action {
    }

    /** Do nothing (keep what is held), and why. */
    record Hold(String reason) implements Action {
    }
}
