package io.tradeloop.server.agent;

import java.util.List;

/**
 * The paper account as a decision maker sees it at one tick.
 *
 * @param initialCapitalUsd the run's starting cash
 * @param equityUsd         cash + margin + unrealised P&amp;L
 * @param availableUsd      free cash (not locked as margin)
 * @param usedMarginUsd     margin locked in open legs
 * @param maxDrawdownPct    deepest drawdown of the run so far, fraction
 * @param slots             the open positions (free slots are absent)
 */
public record AccountView(double initialCapitalUsd, double equityUsd, double availableUsd, double usedMarginUsd,
                          double maxDrawdownPct, List<SlotView> slots) {
    public AccountView {
        slots = List.copyOf(slots);
    }

    /** True when a position on {@code key} is open. */
    public boolean holds(String key) {
        return slots.stream().anyMatch(s -> s.key().equals(key));
    }

    public int openPositions() {
        return slots.size();
    }
}
