package io.tradeloop.server.store;

import io.tradeloop.server.agent.AgentConfig;
import io.tradeloop.server.agent.AgentState;
import io.tradeloop.server.agent.AgentStats;
import io.tradeloop.server.brain.GreedyCarryBrain;
import io.tradeloop.server.market.TestMarkets;
import io.tradeloop.server.paper.PaperTrader;
import io.tradeloop.server.paper.TickRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The repositories on both databases (H2 always; PostgreSQL when reachable). */
class StoreTest {
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void usersKeysAndCredentials(String kind) {
        try (var t = TestDb.open(kind)) {
            var users = new UserStore(t.db);
            var alice = users.createUser("alice", 1).orElseThrow();
            assertThat(users.createUser("alice", 2)).isEmpty();
            var bob = users.createUser("bob", 3).orElseThrow();
            long k = users.insertKey(alice.id(), "tl_abc", "f".repeat(64), "default", 50, 10);
            assertThat(users.findKeyByPrefix("tl_abc")).get().satisfies(key -> {
                assertThat(key.userId()).isEqualTo(alice.id());
                assertThat(key.isRevoked()).isFalse();
                assertThat(key.ratePerSecond()).isEqualTo(50);
            });
            assertThat(users.revokeKey(bob.id(), k, 11)).as("bob cannot revoke alice's key").isFalse();
            assertThat(users.revokeKey(alice.id(), k, 11)).isTrue();
            assertThat(users.revokeKey(alice.id(), k, 12)).isFalse();
            assertThat(users.findKeyByPrefix("tl_abc").orElseThrow().revokedMs()).isEqualTo(11L);

            users.putCredential(new UserStore.StoredCredential(alice.id(), "binance", "…1234", "ct1", 1, 5));
            users.putCredential(new UserStore.StoredCredential(alice.id(), "binance", "…9999", "ct2", 1, 6));
            assertThat(users.listCredentials(alice.id())).singleElement().satisfies(c -> {
                assertThat(c.ciphertext()).isEqualTo("ct2");
                assertThat(c.keyHint()).isEqualTo("…9999");
            });
            assertThat(users.listCredentials(bob.id())).isEmpty();
            assertThat(users.deleteCredential(bob.id(), "binance")).isFalse();
            assertThat(users.deleteCredential(alice.id(), "binance")).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void agentsAreIsolatedPerUserAndSessionsFollowTheState(String kind) {
        try (var t = TestDb.open(kind)) {
            var users = new UserStore(t.db);
            var agents = new AgentStore(t.db);
            long alice = users.createUser("alice", 1).orElseThrow().id();
            long bob = users.createUser("bob", 1).orElseThrow().id();
            var cfg = AgentConfig.defaults("carry");
            long id = agents.insert(alice, cfg, 100);
            assertThat(agents.find(alice, id)).get().satisfies(a -> {
                assertThat(a.config()).isEqualTo(cfg);
                assertThat(a.state()).isEqualTo(AgentState.STOPPED);
                assertThat(a.runNo()).isZero();
            });
            assertThat(agents.find(bob, id)).as("another user's agent is invisible").isEmpty();
            assertThat(agents.listForUser(bob)).isEmpty();

            var changed = new AgentConfig("carry2", "greedy-carry", 5_000, 4, 0.5, 2, -0.03, 0.2, 20, 5, 1, 1000);
            agents.updateConfig(id, changed, 200);
            assertThat(agents.find(alice, id).orElseThrow().config()).isEqualTo(changed);
            assertThat(agents.find(alice, id).orElseThrow().configVersion()).isEqualTo(2);

            agents.startSession(id, 1, AgentStats.fresh(1, 5_000, TestMarkets.T0), 300);
            assertThat(agents.find(alice, id).orElseThrow().state()).isEqualTo(AgentState.RUNNING);
            agents.recordRecovery(id);
            agents.updateState(id, AgentState.ERROR, "boom", 400);
            var sessions = agents.sessions(id);
            assertThat(sessions).singleElement().satisfies(s -> {
                assertThat(s.stoppedMs()).isEqualTo(400L);
                assertThat(s.endState()).isEqualTo("ERROR");
                assertThat(s.error()).isEqualTo("boom");
                assertThat(s.recoveries()).isEqualTo(1);
            });
            assertThat(new TickStore(t.db).stats(id, 1)).get().isEqualTo(AgentStats.fresh(1, 5_000, TestMarkets.T0));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void committedTicksRestoreTheAccountExactly(String kind) {
        try (var t = TestDb.open(kind)) {
            long user = new UserStore(t.db).createUser("u", 1).orElseThrow().id();
            var agents = new AgentStore(t.db);
            var ticks = new TickStore(t.db);
            var cfg = new AgentConfig("p", "greedy-carry", 10_000, 5, 0.9, 3, -0.01, 0.15, 5, 2, 3, 28_800);
            long id = agents.insert(user, cfg, 1);
            var market = TestMarkets.random(11, 60);
            var brain = new GreedyCarryBrain();
            var live = PaperTrader.startRun(id, 1, cfg, market, brain);
            agents.startSession(id, 1, live.stats(), 1);
            List<TickRecord> records = new ArrayList<>();
            for (int k = 0; k < 40; k++) {
                TickRecord r = live.step(k, k);
                ticks.commitTick(id, r, k);
                records.add(r);
            }
            // Committing a tick again is refused and changes nothing.
            assertThatThrownBy(() -> ticks.commitTick(id, records.get(39), 99)).isInstanceOf(RuntimeException.class);
            assertThat(ticks.decisionCount(id, 1)).isEqualTo(40);

            var stats = ticks.stats(id, 1).orElseThrow();
            assertThat(stats).isEqualTo(records.get(39).stats());
            var restored = PaperTrader.restore(id, cfg, market, brain, stats, ticks.ledger(id, 1), ticks.positions(id, 1));
            for (int k = 40; k < 60; k++) {
                TickRecord a = live.step(k, k);
                TickRecord b = restored.step(k, k);
                assertThat(b).isEqualTo(a);
            }

            var page1 = ticks.decisions(id, 1, null, 10);
            assertThat(page1).extracting(d -> d.seq()).containsExactly(39, 38, 37, 36, 35, 34, 33, 32, 31, 30);
            assertThat(page1.get(0)).isEqualTo(records.get(39).decision());
            var page2 = ticks.decisions(id, 1, 30, 10);
            assertThat(page2.get(0).seq()).isEqualTo(29);
            assertThat(ticks.equityCurve(id, 1, 7)).hasSize(7).satisfies(c -> {
                assertThat(c.get(0).seq()).isZero();
                assertThat(c.get(6).seq()).isEqualTo(39);
            });
            assertThat(ticks.tradeDecisions(id, 1, 100)).isNotEmpty().allSatisfy(d ->
                    assertThat(d.orders()).anySatisfy(o -> assertThat(o.status()).isEqualTo("FILLED")));
        }
    }
}
