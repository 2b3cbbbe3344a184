package io.tradeloop.risk.rules;

import io.tradeloop.core.config.Checks;
import io.tradeloop.risk.PreTradeRule;
import io.tradeloop.risk.RiskContext;
import io.tradeloop.risk.RiskVerdict;
import io.tradeloop.risk.TradeProposal;

/** Refuses an entry once {@code maxEntriesPerDay} entries have been made since 00:00 UTC of the current day. */
public record DailyTradeCap(int maxEntriesPerDay) implements PreTradeRule {
    private static final long DAY_MS = 86_400_000L;

    public DailyTradeCap {
        Checks.inRange("max_entries_per_day", maxEntriesPerDay, 1, 1_000_000);
    }

    @Override
    public String name() {
        return "daily-trade-cap";
    }

    @Override
    public RiskVerdict check(TradeProposal proposal, RiskContext context) {
        if (proposal.isReducingOnly()) return RiskVerdict.approved(name());
        long dayStart = Math.floorDiv(context.timeMs(), DAY_MS) * DAY_MS;
        int done = context.activity().entriesSince(dayStart);
        if (done >= maxEntriesPerDay) {
            return RiskVerdict.refused(name(), done + " entries today (UTC), the cap is " + maxEntriesPerDay);
        }
        return RiskVerdict.approved(name());
    }
}
