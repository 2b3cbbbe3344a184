package io.tradeloop.server.runtime;

import io.tradeloop.core.time.Clock;
import io.tradeloop.server.agent.AgentBrain;
import io.tradeloop.server.agent.AgentConfig;
import io.tradeloop.server.agent.AgentConfigPatch;
import io.tradeloop.server.agent.AgentException;
import io.tradeloop.server.agent.AgentState;
import io.tradeloop.server.agent.BrainDecision;
import io.tradeloop.server.agent.BrainInput;
import io.tradeloop.server.agent.ModelInfo;
import io.tradeloop.server.brain.GreedyCarryBrain;
import io.tradeloop.server.market.MarketReplay;
import io.tradeloop.server.market.TestMarkets;
import io.tradeloop.server.paper.PaperTrader;
import io.tradeloop.server.store.AgentStore;
import io.tradeloop.server.store.TestDb;
import io.tradeloop.server.store.TickStore;
import io.tradeloop.server.store.UserStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentManagerTest {
    static final MarketReplay MARKET = TestMarkets.random(5, 300);
    /** As fast as the loop can go. */
    static final AgentConfig FAST = new AgentConfig("fast", "greedy-carry", 10_000, 5, 0.9, 3, -0.01, 0.15, 5, 2, 3, 1e9);
    /** 2 ms per tick: slow enough to pause mid-run. */
    static final AgentConfig PACED = FAST.withSpeed(8 * 3_600_000 / 2.0);

    /** Crashes at tick {@code at}; greedy carry otherwise. */
    record CrashingBrain(int at) implements AgentBrain {
        @Override
        public String id() {
            return "crashing";
        }

        @Override
        public ModelInfo model() {
            return new ModelInfo("crashing-1", 0L, "test");
        }

        @Override
        public BrainDecision decide(BrainInput in) {
            if (in.timeMs() >= MARKET.timeMs(at)) {
                throw new IllegalStateException("model exploded at tick " + at);
            }
            return new GreedyCarryBrain().decide(in);
        }
    }

    static AgentManager manager(TestDb t) {
        var brains = new BrainRegistry().register(new GreedyCarryBrain()).register(new CrashingBrain(25));
        return new AgentManager(new AgentStore(t.db), new TickStore(t.db), brains, MARKET, null, AgentEvents.NONE, Clock.system());
    }

    static void await(BooleanSupplier cond, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void lifecycleIsolationAndConfigLock() throws Exception {
        try (var t = TestDb.open("h2")) {
            var users = new UserStore(t.db);
            long alice = users.createUser("alice", 0).orElseThrow().id();
            long bob = users.createUser("bob", 0).orElseThrow().id();
            var m = manager(t);
            long id = m.create(alice, PACED).agentId();
            assertThat(m.soleAgent(alice)).isEqualTo(id);
            assertThatThrownBy(() -> m.start(bob, id, false)).isInstanceOf(AgentException.class)
                    .satisfies(e -> assertThat(((AgentException) e).kind()).isEqualTo(AgentException.Kind.NOT_FOUND));
            assertThatThrownBy(() -> m.status(bob, id)).isInstanceOf(AgentException.class);
            assertThat(m.list(bob)).isEmpty();

            m.start(alice, id, false);
            await(() -> m.status(alice, id).predictions() >= 10, "10 decisions");
            assertThatThrownBy(() -> m.configure(alice, id, new AgentConfigPatch(null, null, null, 2.0, null, null, null, null, null, null, null, null, null)))
                    .hasMessageContaining("RUNNING: pause or stop it");
            assertThatThrownBy(() -> m.start(alice, id, false)).hasMessageContaining("already RUNNING");

            m.pause(alice, id);
            long atPause = m.status(alice, id).predictions();
            Thread.sleep(50);
            assertThat(m.status(alice, id).predictions()).as("no ticks while paused").isLessThanOrEqualTo(atPause + 1);
            var st = m.configure(alice, id, new AgentConfigPatch(null, null, null, 2.0, 0.5, 2, null, null, null, null, null, 1e9, null));
            assertThat(st.config().maxLeverage()).isEqualTo(2.0);
            assertThat(st.state()).isEqualTo(AgentState.PAUSED);
            assertThatThrownBy(() -> m.configure(alice, id, new AgentConfigPatch(null, null, null, 11.0, null, null, null, null, null, null, null, null, null)))
                    .hasMessageContaining("max_leverage").hasMessageContaining("[1.0, 10.0]");
            m.resume(alice, id);
            await(() -> m.status(alice, id).state() == AgentState.STOPPED, "the replay to finish");
            var done = m.status(alice, id);
            assertThat(done.reason()).startsWith("replay finished at");
            assertThat(done.finished()).isTrue();
            assertThat(done.predictions()).isEqualTo(MARKET.size());
            assertThat(done.uptimeSeconds()).isGreaterThan(0);

            // every tick committed exactly once, newest first
            var ticks = new TickStore(t.db);
            assertThat(ticks.decisionCount(id, 1)).isEqualTo(MARKET.size());
            assertThat(m.decisions(alice, id, null, 5)).extracting(d -> d.seq()).containsExactly(299, 298, 297, 296, 295);
            assertThatThrownBy(() -> m.start(alice, id, false)).hasMessageContaining("reset");
            var again = m.start(alice, id, true);
            assertThat(again.runNo()).isEqualTo(2);
            m.stop(alice, id);
            assertThat(new AgentStore(t.db).sessions(id)).hasSize(2).allSatisfy(s -> assertThat(s.stoppedMs()).isNotNull());
        }
    }

    @Test
    void aCrashingLoopGoesToErrorAndLeavesOthersRunning() throws Exception {
        try (var t = TestDb.open("h2")) {
            long u = new UserStore(t.db).createUser("u", 0).orElseThrow().id();
            var m = manager(t);
            long bad = m.create(u, new AgentConfig("bad", "crashing", 10_000, 5, 0.9, 3, -0.01, 0.15, 5, 2, 3, 1e9)).agentId();
            long good = m.create(u, PACED).agentId();
            m.start(u, good, false);
            m.start(u, bad, false);
            await(() -> m.status(u, bad).state() == AgentState.ERROR, "the crash");
            var s = m.status(u, bad);
            assertThat(s.reason()).isEqualTo("IllegalStateException: model exploded at tick 25");
            assertThat(s.predictions()).isEqualTo(25); // ticks 0..24 committed, 25 failed and left nothing
            assertThat(new TickStore(t.db).decisionCount(bad, 1)).isEqualTo(25);
            assertThat(new AgentStore(t.db).sessions(bad)).singleElement().satisfies(ss -> assertThat(ss.endState()).isEqualTo("ERROR"));
            long before = m.status(u, good).predictions();
            await(() -> m.status(u, good).predictions() > before + 5, "the other agent to keep trading");
            assertThat(m.status(u, good).state()).isEqualTo(AgentState.RUNNING);
            // switching the failed agent to a working brain and starting it continues its run from tick 25
            m.configure(u, bad, new AgentConfigPatch(null, "greedy-carry", null, null, null, null, null, null, null, null, null, null, null));
            m.start(u, bad, false);
            await(() -> m.status(u, bad).predictions() > 30, "the repaired agent");
            m.stop(u, bad);
            m.stop(u, good);
        }
    }

    @Test
    void agentsComeBackAfterAShutdownAndContinueAsIfUninterrupted() throws Exception {
        try (var t = TestDb.open("h2")) {
            long u = new UserStore(t.db).createUser("u", 0).orElseThrow().id();
            var first = manager(t);
            long running = first.create(u, PACED).agentId();
            long paused = first.create(u, PACED).agentId();
            first.start(u, running, false);
            first.start(u, paused, false);
            await(() -> first.status(u, paused).predictions() >= 20, "20 decisions");
            first.pause(u, paused);
            await(() -> first.status(u, running).predictions() >= 40, "40 decisions");
            first.shutdown(Duration.ofSeconds(5));
            long committed = new TickStore(t.db).decisionCount(running, 1);
            long pausedAt = new TickStore(t.db).decisionCount(paused, 1);

            var second = manager(t); // the "restarted server" on the same database
            assertThat(second.recover()).isEqualTo(2);
            assertThat(second.status(u, paused).state()).isEqualTo(AgentState.PAUSED);
            assertThat(second.status(u, paused).predictions()).isEqualTo(pausedAt);
            await(() -> second.status(u, running).state() == AgentState.STOPPED, "the recovered agent to finish");
            assertThat(new AgentStore(t.db).sessions(running)).singleElement().satisfies(s -> assertThat(s.recoveries()).isEqualTo(1));

            // the same run without an interruption ends identically
            var ref = PaperTrader.startRun(running, 1, PACED, MARKET, new GreedyCarryBrain());
            while (!ref.finished()) ref.step(0, 0);
            var ticks = new TickStore(t.db);
            var stats = ticks.stats(running, 1).orElseThrow();
            assertThat(stats.equityUsd()).isEqualTo(ref.stats().equityUsd());
            assertThat(stats.trades()).isEqualTo(ref.stats().trades());
            assertThat(stats.ledgerSeq()).isEqualTo(ref.stats().ledgerSeq());
            assertThat(ticks.decisionCount(running, 1)).isEqualTo(MARKET.size()).isGreaterThan(committed);
            List<Integer> seqs = t.db.jdbi().withHandle(h -> h.createQuery("SELECT seq FROM decisions WHERE agent_id = :a ORDER BY seq")
                    .bind("a", running).mapTo(Integer.class).list());
            for (int i = 0; i < seqs.size(); i++) {
                assertThat(seqs.get(i)).isEqualTo(i);
            }
            second.shutdown(Duration.ofSeconds(5));
        }
    }
}
