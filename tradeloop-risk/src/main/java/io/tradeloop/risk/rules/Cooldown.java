package io.tradeloop.risk.rules;

import io.tradeloop.core.config.Checks;
import io.tradeloop.risk.PreTradeRule;
import io.tradeloop.risk.RiskContext;
import io.tradeloop.risk.RiskVerdict;
import io.tradeloop.risk.TradeProposal;

/**
 * No new entry within {@code afterExitMs} of the last exit, nor within {@code afterLossMs} of the last
 * losing exit (the longer wait usually follows a loss: no revenge trading).
 */
public record Cooldown(long afterExitMs, long afterLossMs) implements PreTradeRule {
    public Cooldown {
        Checks.inRange("cooldown_after_exit_ms", afterExitMs, 0L, 365L * 86_400_000L);
        Checks.inRange("cooldown_after_loss_ms", afterLossMs, 0L, 365L * 86_400_000L);
    }

    @Override
    public String name() {
        return "cooldown";
    }

    @Override
    public RiskVerdict check(TradeProposal proposal, RiskContext context) {
        if (proposal.isReducingOnly()) return RiskVerdict.approved(name());
        var a = context.activity();
        long now = context.timeMs();
        if (a.lastLossMs() != Long.MIN_VALUE && now - a.lastLossMs() < afterLossMs) {
            return RiskVerdict.refused(name(), String.format("a loss closed %.1f h ago, the cooldown after a loss is %.1f h",
                    (now - a.lastLossMs()) / 3.6e6, afterLossMs / 3.6e6));
        }
        if (a.lastExitMs() != Long.MIN_VALUE && now - a.lastExitMs() < afterExitMs) {
            return RiskVerdict.refused(name(), String.format("an exit was %.1f h ago, the cooldown after an exit is %.1f h",
                    (now - a.lastExitMs()) / 3.6e6, afterExitMs / 3.6e6));
        }
        return RiskVerdict.approved(name());
    }
}
