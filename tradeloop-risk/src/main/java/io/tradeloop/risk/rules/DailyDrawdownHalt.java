package io.tradeloop.risk.rules;

import io.tradeloop.core.config.Checks;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.risk.ActivityView;
import io.tradeloop.risk.PreTradeRule;
import io.tradeloop.risk.RiskContext;
import io.tradeloop.risk.RiskVerdict;
import io.tradeloop.risk.TradeProposal;

/**
 * Halts new entries for {@code haltMs} (24 h by default) after the account's daily drawdown reached
 * {@code maxDailyDrawdown}. The daily drawdown at an equity mark is (E_ref − E) / E_ref, where E_ref
 * is the equity at the start of that mark's UTC day: the last mark before 00:00 UTC, or the day's
 * first mark when none is older.
 */
public record DailyDrawdownHalt(double maxDailyDrawdown, long haltMs) implements PreTradeRule {
    private static final long DAY_MS = 86_400_000L;

    public DailyDrawdownHalt {
        Checks.inRange("max_daily_drawdown", maxDailyDrawdown, 1e-4, 1);
        Checks.inRange("drawdown_halt_ms", haltMs, 0L, 365L * DAY_MS);
    }

    public static DailyDrawdownHalt of(double maxDailyDrawdown) {
        return new DailyDrawdownHalt(maxDailyDrawdown, DAY_MS);
    }

    @Override
    public String name() {
        return "daily-drawdown-halt";
    }

    @Override
    public RiskVerdict check(TradeProposal proposal, RiskContext context) {
        if (proposal.isReducingOnly()) return RiskVerdict.approved(name());
        long breach = lastBreachMs(context.activity(), context.timeMs());
        if (breach != Long.MIN_VALUE) {
            return RiskVerdict.refused(name(), String.format("daily drawdown reached %.1f%% at %s, no entries until %s",
                    100 * maxDailyDrawdown, TimeFormat.iso(breach), TimeFormat.iso(breach + haltMs)));
        }
        return RiskVerdict.approved(name());
    }

    /** The time of the newest mark within the last {@code haltMs} whose daily drawdown reached the limit, or MIN_VALUE. */
    long lastBreachMs(ActivityView a, long now) {
        int n = a.equityMarks();
        // oldest mark that can matter: the reference of the oldest day the halt window touches
        long windowStart = now - haltMs;
        long firstDay = Math.floorDiv(windowStart, DAY_MS) * DAY_MS;
        int oldest = 0; // walk back to the newest mark before that day began (or the oldest kept)
        while (oldest < n - 1 && a.equityTimeMs(oldest) >= firstDay) oldest++;
        long day = Long.MIN_VALUE;
        double ref = Double.NaN;
        double prev = Double.NaN;
        long breach = Long.MIN_VALUE;
        for (int k = oldest; k >= 0; k--) {
            long t = a.equityTimeMs(k);
            double e = a.equityUsd(k);
            long d = Math.floorDiv(t, DAY_MS) * DAY_MS;
            if (d != day) {
                day = d;
                ref = Double.isNaN(prev) ? e : prev;
            }
            prev = e;
            if (t > windowStart && t <= now && ref > 0 && (ref - e) / ref >= maxDailyDrawdown - 1e-12) breach = t;
        }
        return breach;
    }
}
