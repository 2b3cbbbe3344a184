package io.tradeloop.risk;

import io.tradeloop.risk.rules.CircuitBreaker;
import io.tradeloop.risk.rules.Cooldown;
import io.tradeloop.risk.rules.DailyDrawdownHalt;
import io.tradeloop.risk.rules.DailyTradeCap;
import io.tradeloop.risk.rules.GrossExposureLimit;
import io.tradeloop.risk.rules.LeverageLimit;
import io.tradeloop.risk.rules.MarginUseLimit;
import io.tradeloop.risk.rules.SufficientCash;
import io.tradeloop.risk.rules.VarLimit;

import java.util.List;

/** Named rule sets for the risk engine, so every mode composes the same layer from one place. */
public final class RiskLayers {
    private static final long H = 3_600_000L;

    private RiskLayers() {
    }

    /**
     * The directional stack's risk layer, with limits set a priori (not fitted to any period): fees
     * and margin payable from cash, margin ≤ equity, leverage ≤ 3, gross notional ≤ 1.5 × equity,
     * historical VaR(99%, 6 bars) ≤ 5% of equity on at least 200 returns, at most 3 entries a UTC day,
     * 4 h cooldown after an exit and 12 h after a loss, no entries for 24 h after a 5% daily drawdown,
     * and a circuit breaker on 4 losses in a row, mean slippage ≥ 50 bps over 5 fills, or data older
     * than 12 h (48 h cool-off).
     */
    public static RiskEngine directional() {
        return new RiskEngine(List.of(new SufficientCash(), MarginUseLimit.refuseAbove(1.0), new LeverageLimit(3), new GrossExposureLimit(1.5, 0.1),
                new VarLimit(VarLimit.Method.HISTORICAL, 0.99, 6, 0.05, 200, 0.1), new DailyTradeCap(3), new Cooldown(4 * H, 12 * H),
                DailyDrawdownHalt.of(0.05), new CircuitBreaker(4, 5, 50, 12 * H, 48 * H)));
    }
}
