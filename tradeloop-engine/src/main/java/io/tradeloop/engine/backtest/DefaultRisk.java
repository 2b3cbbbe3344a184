package io.tradeloop.engine.backtest;

import io.tradeloop.risk.RiskEngine;
import io.tradeloop.risk.rules.LiquidationBuffer;
import io.tradeloop.risk.rules.MarginUseLimit;
import io.tradeloop.risk.rules.MaxOpenPositions;
import io.tradeloop.risk.rules.SufficientCash;

import java.util.List;

/** The risk rule sets the baselines run under when the caller gives none; every order passes one of them. */
public final class DefaultRisk {
    private DefaultRisk() {
    }

    /** One-instrument directional trading: margin and fees must be payable from free cash, margin ≤ equity. */
    public static RiskEngine directional() {
        return new RiskEngine(List.of(new SufficientCash(), MarginUseLimit.refuseAbove(1.0)));
    }

    /**
     * Two-leg carry: payable from cash, margin use ≤ 95% of equity, no leg starting within 15% of
     * liquidation, at most {@code maxPairs} pairs (two books each) open.
     */
    public static RiskEngine carry(int maxPairs) {
        return new RiskEngine(List.of(new SufficientCash(), MarginUseLimit.refuseAbove(0.95), new LiquidationBuffer(0.15),
                new MaxOpenPositions(maxPairs, 2)));
    }
}
