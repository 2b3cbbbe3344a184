package io.tradeloop.risk.rules;

import io.tradeloop.core.config.Checks;
import io.tradeloop.risk.PreTradeRule;
import io.tradeloop.risk.RiskContext;
import io.tradeloop.risk.RiskVerdict;
import io.tradeloop.risk.TradeProposal;

import java.util.Optional;

/**
 * The system-level halt on rapid quality degradation: no new entries while (a) the last
 * {@code maxConsecutiveLosses} exits all lost, until {@code coolOffMs} after the last of them; (b) the
 * mean slippage of the newest {@code slippageWindow} fills is at least {@code maxMeanSlippageBps},
 * until {@code coolOffMs} after the newest of them; (c) the newest market data is older than
 * {@code maxDataAgeMs} (or its age is unknown). {@link #tripReason} lets the trading loop flatten on a trip.
 */
public record CircuitBreaker(int maxConsecutiveLosses, int slippageWindow, double maxMeanSlippageBps, long maxDataAgeMs, long coolOffMs)
        implements PreTradeRule {
    public CircuitBreaker {
        Checks.inRange("max_consecutive_losses", maxConsecutiveLosses, 1, 1000);
        Checks.inRange("slippage_window", slippageWindow, 1, 100_000);
        Checks.inRange("max_mean_slippage_bps", maxMeanSlippageBps, 0.0, 10_000.0);
        Checks.inRange("max_data_age_ms", maxDataAgeMs, 1L, 365L * 86_400_000L);
        Checks.inRange("circuit_cool_off_ms", coolOffMs, 0L, 365L * 86_400_000L);
    }

    @Override
    public String name() {
        return "circuit-breaker";
    }

    @Override
    public RiskVerdict check(TradeProposal proposal, RiskContext context) {
        if (proposal.isReducingOnly()) return RiskVerdict.approved(name());
        return tripReason(context).<RiskVerdict>map(r -> RiskVerdict.refused(name(), r)).orElseGet(() -> RiskVerdict.approved(name()));
    }

    /** Why the breaker is tripped now, if it is. */
    public Optional<String> tripReason(RiskContext context) {
        long now = context.timeMs();
        var a = context.activity();
        if (a.consecutiveLosses() >= maxConsecutiveLosses && now - a.lastLossMs() < coolOffMs) {
            return Optional.of(a.consecutiveLosses() + " losing exits in a row (limit " + maxConsecutiveLosses + ")");
        }
        if (a.slippageSamples() >= slippageWindow && now - a.slippageTimeMs(0) < coolOffMs) {
            double s = 0;
            for (int k = 0; k < slippageWindow; k++) s += a.slippageBps(k);
            double mean = s / slippageWindow;
            if (mean >= maxMeanSlippageBps) {
                return Optional.of(String.format("mean slippage of the last %d fills is %.1f bps (limit %.1f)", slippageWindow, mean,
                        maxMeanSlippageBps));
            }
        }
        long last = context.market().lastDataTimeMs();
        if (last == Long.MIN_VALUE) {
            return Optional.of("market data age is unknown");
        }
        if (now - last > maxDataAgeMs) {
            return Optional.of(String.format("market data is %.1f min old (limit %.1f)", (now - last) / 60_000.0, maxDataAgeMs / 60_000.0));
        }
        return Optional.empty();
    }
}
