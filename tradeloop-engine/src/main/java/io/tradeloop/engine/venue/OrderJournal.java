package io.tradeloop.engine.venue;

import io.tradeloop.core.order.Fill;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The chronological record of a run: every risk verdict, order, fill, liquidation and funding payment,
 * in the order they happened. Reports, the decision API and reconciliation read it.
 */
public final class OrderJournal {
    private final List<JournalEntry> entries = new ArrayList<>();
    private final List<Fill> fills = new ArrayList<>();
    private int refusedProposals;
    private int rejectedOrders;
    private int liquidations;

    public void append(JournalEntry entry) {
        entries.add(entry);
        switch (entry) {
            case JournalEntry.Filled f -> fills.add(f.fill());
            case JournalEntry.Liquidated l -> {
                fills.add(l.fill());
                liquidations++;
            }
            case JournalEntry.RiskChecked r -> {
                if (r.decision().isRefused()) refusedProposals++;
            }
            case JournalEntry.Rejected ignored -> rejectedOrders++;
            case JournalEntry.Accepted ignored -> {
            }
            case JournalEntry.Cancelled ignored -> {
            }
            case JournalEntry.FundingSettled ignored -> {
            }
        }
    }

    public List<JournalEntry> entries() {
        return Collections.unmodifiableList(entries);
    }

    /** Every execution, liquidations included, in time order. */
    public List<Fill> fills() {
        return Collections.unmodifiableList(fills);
    }

    public int refusedProposals() {
        return refusedProposals;
    }

    public int rejectedOrders() {
        return rejectedOrders;
    }

    public int liquidations() {
        return liquidations;
    }

    public <T extends JournalEntry> List<T> entries(Class<T> kind) {
        return entries.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
