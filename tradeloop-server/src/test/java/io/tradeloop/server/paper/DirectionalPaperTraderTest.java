package io.tradeloop.server.paper;

import io.tradeloop.server.agent.AgentConfig;
import io.tradeloop.server.agent.DecisionRecord;
import io.tradeloop.server.brain.DirectionalStackBrain;
import io.tradeloop.server.brain.SmallDirectionalBundle;
import io.tradeloop.core.SharedData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The directional paper agent on real BTC bars of a small trained bundle's test period: every tick is
 * explained by the stack, entries pass the nine rules of the directional risk layer, the account adds up,
 * and a run restored from its journal continues exactly as the uninterrupted one.
 */
class DirectionalPaperTraderTest {
    static final AgentConfig CFG = AgentConfig.defaults("dir").withBrain(DirectionalStackBrain.ID).withAsset("BTC");
    static final int TICKS = 700;

    static DirectionalStackBrain brain() {
        var b = SmallDirectionalBundle.brain();
        Assumptions.assumeTrue(b.isPresent(), SharedData.ABSENT);
        return b.get();
    }

    @Test
    void everyTickIsExplainedByTheStackAndTheAccountAddsUp() {
        var brain = brain();
        var replay = brain.replay("BTC");
        var t = DirectionalPaperTrader.startRun(1, 1, CFG, replay, brain);
        List<DecisionRecord> ds = new ArrayList<>();
        double feesAndNet = 0;
        for (int k = 0; k < TICKS; k++) {
            var r = t.step(k, 0);
            ds.add(r.decision());
            assertThat(r.decision().seq()).isEqualTo(k);
            assertThat(r.decision().simTimeMs()).isEqualTo(replay.timeMs(k));
            assertThat(r.decision().priceUsd()).isEqualTo(replay.close(k));
            for (var c : r.decision().closed()) feesAndNet += c.netPnlUsd();
        }
        assertThat(replay.timeMs(0)).isGreaterThanOrEqualTo(io.tradeloop.decide.train.TrainConfig.standard(3).testStartMs());
        // the models vote on every bar (gbm and the dynamics members, plus the weighted vote)
        assertThat(ds).allSatisfy(d -> assertThat(d.votes()).hasSizeGreaterThan(2));
        assertThat(ds).allSatisfy(d -> assertThat(d.votes()).anySatisfy(v -> assertThat(v.voter()).isEqualTo("gbm")));
        // bars where a side had support went through the meta-label, confidence, regime and fuzzy gates
        var gated = ds.stream().filter(d -> !d.gates().isEmpty()).toList();
        assertThat(gated).isNotEmpty();
        assertThat(gated).allSatisfy(d -> assertThat(d.gates()).extracting(g -> g.name()).containsExactly("meta", "confidence", "regime", "fuzzy"));
        var entries = ds.stream().filter(d -> d.action().startsWith("ENTER")).toList();
        assertThat(entries).as("the stack proposed entries in %d bars", TICKS).isNotEmpty();
        for (var d : entries) {
            assertThat(d.gates()).allSatisfy(g -> assertThat(g.passed()).isTrue());
            assertThat(d.risk().stream().filter(r -> !r.rule().equals("max-position")).count()).as(d.reasoning()).isGreaterThanOrEqualTo(1);
            assertThat(d.reasoning()).contains("Enter");
        }
        var filled = entries.stream().filter(d -> d.orders().stream().anyMatch(o -> o.status().equals("FILLED"))).toList();
        assertThat(filled).as("some entries passed the risk layer").isNotEmpty();
        assertThat(filled).allSatisfy(d -> assertThat(d.risk()).filteredOn(r -> !r.rule().equals("max-position")).hasSize(9));
        // equity = initial capital + net P&L of closed trades + the open trade's net so far
        double open = t.position().side() == 0 ? 0 : t.position().tradeNetUsd();
        assertThat(t.stats().equityUsd()).isCloseTo(CFG.initialCapitalUsd() + feesAndNet + open, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(t.stats().trades()).isEqualTo(ds.stream().mapToLong(d -> d.closed().size()).sum());
        assertThat(t.stats().predictions()).isEqualTo(TICKS);
    }

    @Test
    void aRunRestoredFromItsJournalContinuesExactlyAsTheUninterruptedOne() {
        var brain = brain();
        var replay = brain.replay("BTC");
        var reference = DirectionalPaperTrader.startRun(7, 1, CFG, replay, brain);
        var first = DirectionalPaperTrader.startRun(7, 1, CFG, replay, brain);
        List<LedgerEvent> journal = new ArrayList<>();
        TickRecord last = null;
        int cut = 0;
        // cut the run at a tick where a position is open, so the restore must rebuild the trade's state too
        for (int k = 0; k < TICKS; k++) {
            reference.step(k, 0);
            last = first.step(k, 0);
            journal.addAll(last.ledger());
            if (k > 200 && !last.positions().isEmpty()) {
                cut = k + 1;
                break;
            }
        }
        Assumptions.assumeTrue(cut > 0, "no position was open after tick 200 in " + TICKS + " ticks");
        var restored = DirectionalPaperTrader.restore(7, CFG, replay, brain, last.stats(), journal, last.positions());
        assertThat(restored.positions()).isEqualTo(last.positions());
        for (int k = cut; k < TICKS; k++) {
            var a = reference.step(k, 0);
            var b = restored.step(k, 0);
            assertThat(b.decision().action()).as("tick %d", k).isEqualTo(a.decision().action());
            assertThat(b.decision().reasoning()).as("tick %d", k).isEqualTo(a.decision().reasoning());
            assertThat(b.ledger()).as("tick %d", k).isEqualTo(a.ledger());
        }
        assertThat(restored.stats()).isEqualTo(reference.stats());
        assertThat(reference.stats().trades()).as("the run traded after the cut, so the comparison means something").isGreaterThan(
                last.stats().trades());
    }
}
