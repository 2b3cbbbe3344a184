package io.tradeloop.decide.regime;

import io.tradeloop.decide.gate.GateResult;

import java.util.EnumSet;
import java.util.Set;

/** Blocks new entries while the confirmed (debounced) regime is one of {@code blocked}. */
public record RegimeGate(Set<Regime> blocked) {
    public RegimeGate {
        blocked = blocked.isEmpty() ? EnumSet.noneOf(Regime.class) : EnumSet.copyOf(blocked);
    }

    /** Stand aside in a high-volatility range (chop), trade the rest. */
    public static RegimeGate standard() {
        return new RegimeGate(EnumSet.of(Regime.RANGE_HIGH_VOL));
    }

    public GateResult check(RegimeReading r) {
        if (blocked.contains(r.confirmed())) {
            return new GateResult.Blocked("regime", r.confidence(), Double.NaN, "confirmed regime " + r.confirmed() + " is blocked");
        }
        return new GateResult.Passed("regime", r.confidence(), Double.NaN, r.confirmed().name());
    }
}
