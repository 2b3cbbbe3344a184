package io.tradeloop.server.paper;

import io.tradeloop.server.agent.AgentConfig;
import io.tradeloop.server.agent.PositionRecord;
import io.tradeloop.server.brain.GreedyCarryBrain;
import io.tradeloop.server.market.ColumnarReplay;
import io.tradeloop.server.market.TestMarkets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A run rebuilt from its committed journal at any tick continues exactly as the uninterrupted run. */
class PaperTraderRestoreProperties {
    // a low entry threshold and a tight stop so the random market trades, stops out and re-enters often
    static final AgentConfig CFG = new AgentConfig("p", "greedy-carry", 10_000, 5, 0.9, 3, -0.01, 0.15, 5, 2, 3, 28_800);

    @Property(tries = 25)
    void restoredRunMatchesTheUninterruptedOne(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
                                               @ForAll @IntRange(min = 1, max = 79) int cut) {
        ColumnarReplay m = TestMarkets.random(seed, 80);
        var brain = new GreedyCarryBrain();
        var live = PaperTrader.startRun(3, 2, CFG, m, brain);
        List<LedgerEvent> journal = new ArrayList<>();
        TickRecord atCut = null;
        List<TickRecord> liveRecords = new ArrayList<>();
        for (int k = 0; k < 80; k++) {
            TickRecord r = live.step(k, k);
            liveRecords.add(r);
            if (k < cut) {
                journal.addAll(r.ledger());
            }
            if (k == cut - 1) {
                atCut = r;
            }
        }
        List<PositionRecord> positions = atCut.positions();
        var restored = PaperTrader.restore(3, CFG, m, brain, atCut.stats(), journal, positions);
        assertThat(restored.stats()).isEqualTo(atCut.stats());
        for (int k = cut; k < 80; k++) {
            TickRecord r = restored.step(k, k);
            TickRecord expected = liveRecords.get(k);
            assertThat(r.decision()).isEqualTo(expected.decision());
            assertThat(r.ledger()).isEqualTo(expected.ledger());
            assertThat(r.positions()).isEqualTo(expected.positions());
            assertThat(r.stats()).isEqualTo(expected.stats());
        }
        assertThat(restored.portfolio().cashUsd()).isEqualTo(live.portfolio().cashUsd());
        assertThat(restored.portfolio().equityUsd()).isEqualTo(live.portfolio().equityUsd());
    }

    @Property(tries = 10)
    void aJournalWithAGapIsRefused(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        ColumnarReplay m = TestMarkets.random(seed, 40);
        var live = PaperTrader.startRun(3, 1, CFG, m, new GreedyCarryBrain());
        List<LedgerEvent> journal = new ArrayList<>();
        TickRecord last = null;
        for (int k = 0; k < 40; k++) {
            last = live.step(k, k);
            journal.addAll(last.ledger());
        }
        if (journal.size() < 2) {
            return;
        }
        journal.remove(journal.size() / 2);
        TickRecord fin = last;
        assertThatThrownBy(() -> PaperTrader.restore(3, CFG, m, new GreedyCarryBrain(), fin.stats(), journal, fin.positions()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("missing");
    }

    @net.jqwik.api.Example
    void theRandomMarketExercisesEntriesExitsAndStops() {
        // guards the property above against passing vacuously: the random market trades, stops out and pays funding
        var live = PaperTrader.startRun(3, 1, CFG, TestMarkets.random(42, 80), new GreedyCarryBrain());
        long stops = 0;
        long funding = 0;
        for (int k = 0; k < 80; k++) {
            TickRecord r = live.step(k, k);
            stops += r.decision().closed().stream().filter(c -> c.reason().equals("stop-loss")).count();
            funding += r.ledger().stream().filter(e -> e instanceof LedgerEvent.FundingEntry).count();
        }
        assertThat(live.stats().trades()).isGreaterThan(5);
        assertThat(stops).isPositive();
        assertThat(funding).isGreaterThan(20);
    }
}
