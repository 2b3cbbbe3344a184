package io.tradeloop.decide.adapt;

import io.tradeloop.core.random.Rng;
import io.tradeloop.decide.regime.Regime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class QLearningParameterAdapterTest {
    private static final MarketState CALM = new MarketState(0.2, 15, 0, Regime.RANGE_LOW_VOL, 0.01);
    private static final MarketState TRENDING = new MarketState(0.8, 35, 1.2, Regime.TREND_HIGH_VOL, 0.08);
    private static final int S = CALM.index();

    /** Greedy (ε = 0), α = 0.5, γ = 0, no Sharpe term, no deviation pull, 0.2% round trip, standard bounds. */
    private static AdapterConfig handConfig(double deviationPenalty) {
        return new AdapterConfig(0.5, 0.0, 0.0, 1.0, 0.0, 1, 30, 0.1, 1, 0.0, deviationPenalty, 0.002, ParameterBounds.standard());
    }

    /**
     * A long at 100 with confidence 0.41 (the base threshold 0.40 takes it): stop 2%, take 3% at multiplier 1,
     * size 0.5 of equity, risk budget 2% (cap 0.02 / 0.02 = 1, not binding), time barrier 3 bars.
     */
    private static Candidate longAt(long timeMs, double confidence) {
        return new Candidate(timeMs, 1, confidence, 100, 0.02, 0.03, 0.5, 0.02, 3);
    }

    @Test
    void stateIndexByHand() {
        // vol 0.8 → 2, ADX 35 → 2, momentum 1.2 → 2, TREND_HIGH_VOL ordinal 0, drawdown 8% → 1
        // ((((2·3 + 2)·3 + 2)·4 + 0)·3 + 1 = ((26·4)·3) + 1 = 313
        assertThat(TRENDING.index()).isEqualTo(313);
        // vol 0.2 → 0, ADX 15 → 0, momentum 0 → 1, RANGE_LOW_VOL ordinal 3, drawdown 1% → 0: ((1·4 + 3)·3 + 0 = 21
        assertThat(CALM.index()).isEqualTo(21);
        assertThat(MarketState.COUNT).isEqualTo(324);
    }

    @Test
    void theCounterfactualRewardsOfAWinnerByHand() {
        var a = new QLearningParameterAdapter(handConfig(0), new Rng(1));
        // ε = 0 and an all-zero table: the greedy tie goes to the lowest index, HOLD
        assertThat(a.act(CALM, longAt(0, 0.41))).isEqualTo(ParameterBounds.standard().defaults());
        assertThat(a.lastAction()).isEqualTo(AdapterAction.HOLD);
        // bar 1 stays inside every barrier (tightest: 98.2 and 102.7)
        a.onBar(1, 100, 101, 99, 100.5, S);
        // bar 2 reaches 103.1: the base's 103 and the tighter 102.7 take profit; the wider 103.3 is not reached
        a.onBar(2, 100.5, 103.1, 100, 103, S);
        assertThat(a.pendingCount()).isEqualTo(1);
        assertThat(a.scored()).isZero();
        // bar 3 is the time barrier for the 103.3 walk: it closes at 102.5; now every walk has closed
        a.onBar(3, 103, 103.2, 102, 102.5, S);
        assertThat(a.pendingCount()).isZero();
        assertThat(a.scored()).isEqualTo(1);
        // base (threshold 0.40, size 1): +3% − 0.2% cost = 2.8% on 0.5 of equity → pnl 1.4%; worst low 99 → adverse 0.5 × 1% = 0.5%
        //   U₀ = 1.4 − 0.5 = 0.9
        // CONFIDENCE_UP: threshold 0.42 > 0.41 blocks it → U = 0, r = −0.9 (blocking a winner costs)
        // SIZE_UP: 0.55 of equity → 1.54 − 0.55 = 0.99, r = +0.09;  SIZE_DOWN: 0.45 → 1.26 − 0.45 = 0.81, r = −0.09
        // TAKE_PROFIT_TIGHTER: exit 102.7 → 0.5 × (2.7% − 0.2%) = 1.25 − 0.5 = 0.75, r = −0.15
        // TAKE_PROFIT_WIDER: vertical at 102.5 → 0.5 × 2.3% = 1.15 − 0.5 = 0.65, r = −0.25
        // HOLD, CONFIDENCE_DOWN (0.38 still takes it), the stops (not reached) and risk (cap not binding): r = 0
        // α = 0.5, γ = 0, Q was 0: Q ← 0.5 r
        assertThat(a.q(S, AdapterAction.CONFIDENCE_UP)).isCloseTo(-0.45, within(1e-9));
        assertThat(a.q(S, AdapterAction.SIZE_UP)).isCloseTo(0.045, within(1e-9));
        assertThat(a.q(S, AdapterAction.SIZE_DOWN)).isCloseTo(-0.045, within(1e-9));
        assertThat(a.q(S, AdapterAction.TAKE_PROFIT_TIGHTER)).isCloseTo(-0.075, within(1e-9));
        assertThat(a.q(S, AdapterAction.TAKE_PROFIT_WIDER)).isCloseTo(-0.125, within(1e-9));
        for (AdapterAction x : new AdapterAction[] {AdapterAction.HOLD, AdapterAction.CONFIDENCE_DOWN, AdapterAction.STOP_WIDER,
                AdapterAction.STOP_TIGHTER, AdapterAction.RISK_UP, AdapterAction.RISK_DOWN}) {
            assertThat(a.q(S, x)).as(x.name()).isCloseTo(0, within(1e-9));
        }
        assertThat(a.lastReward()).isCloseTo(0, within(1e-9)); // the applied HOLD added nothing over the base
        assertThat(a.taken()).isEqualTo(1);
        assertThat(a.wins()).isEqualTo(1);
        // the next candidate in this state takes the best nudge: size up
        a.act(CALM, longAt(10, 0.41));
        assertThat(a.lastAction()).isEqualTo(AdapterAction.SIZE_UP);
        assertThat(a.parameters().sizeMultiplier()).isCloseTo(1.1, within(1e-12));
    }

    @Test
    void blockingALoserPays() {
        var a = new QLearningParameterAdapter(handConfig(0), new Rng(1));
        a.act(CALM, longAt(0, 0.41));
        // bar 1 falls to 97.5: every stop (97.8, 98, 98.2) is hit on it, each at its level (the bar opened at 100)
        a.onBar(1, 100, 100.5, 97.5, 98, S);
        assertThat(a.scored()).isEqualTo(1);
        // base: −2% − 0.2% on 0.5 → −1.1; adverse: the exit 98 → 0.5 × 2% = 1.0 → U₀ = −2.1
        // CONFIDENCE_UP blocks it: r = 0 − (−2.1) = +2.1 → Q = 1.05
        // STOP_TIGHTER (98.2): 0.5 × (−1.8% − 0.2%) − 0.9 = −1.9 → r = +0.2;  STOP_WIDER (97.8): −1.2 − 1.1 = −2.3 → r = −0.2
        // SIZE_DOWN (0.45): −0.99 − 0.9 = −1.89 → r = +0.21;  SIZE_UP: r = −0.21
        assertThat(a.q(S, AdapterAction.CONFIDENCE_UP)).isCloseTo(1.05, within(1e-9));
        assertThat(a.q(S, AdapterAction.STOP_TIGHTER)).isCloseTo(0.1, within(1e-9));
        assertThat(a.q(S, AdapterAction.STOP_WIDER)).isCloseTo(-0.1, within(1e-9));
        assertThat(a.q(S, AdapterAction.SIZE_DOWN)).isCloseTo(0.105, within(1e-9));
        assertThat(a.q(S, AdapterAction.SIZE_UP)).isCloseTo(-0.105, within(1e-9));
        assertThat(a.taken()).isEqualTo(1);
        assertThat(a.wins()).isZero();
        assertThat(a.takenPnlPct()).isCloseTo(-1.1, within(1e-9));
        assertThat(a.basePnlPct()).isCloseTo(-1.1, within(1e-9));
        a.act(CALM, longAt(10, 0.41));
        assertThat(a.lastAction()).isEqualTo(AdapterAction.CONFIDENCE_UP);
    }

    @Test
    void rewardByHand() {
        var a = new QLearningParameterAdapter(handConfig(0).withSharpeWeight(0.1), new Rng(1));
        // no statistics yet: +2%, 10 bars, worst open loss 0.5% → 2 − 0 − 0.5 = 1.5
        assertThat(a.reward(new ClosedTrade(2, 10, 0.5))).isCloseTo(1.5, within(1e-12));
        // score the winner (base pnl 1.4) and the loser (base pnl −1.1) of the tests above
        a.act(CALM, longAt(0, 0.41));
        a.onBar(1, 100, 101, 99, 100.5, S);
        a.onBar(2, 100.5, 103.1, 100, 103, S);
        a.onBar(3, 103, 103.2, 102, 102.5, S);
        a.act(CALM, longAt(10, 0.41));
        a.onBar(11, 100, 100.5, 97.5, 98, S);
        // mean 0.15, sd √((1.25² + 1.25²) / 1) = 1.7677670; +3%, 40 bars (> 30), adverse 1%:
        // 3 − 0.1 − 1 + 0.1 × (3 − 0.15) / 1.7677670 = 1.9 + 0.1612203 = 2.0612203
        assertThat(a.reward(new ClosedTrade(3, 40, 1))).isCloseTo(2.0612203, within(1e-6));
        // the z-score is clipped at ±3: +10% → (10 − 0.15) / 1.7677670 = 5.57 → 3: 10 − 0 − 0 + 0.1 × 3 = 10.3
        assertThat(a.reward(new ClosedTrade(10, 5, 0))).isCloseTo(10.3, within(1e-9));
    }

    @Test
    void aThresholdAtItsCapIsNotAbsorbing() {
        // Start at the 0.60 cap; every candidate has confidence 0.45 and wins like the first test's winner.
        var cap = new AdaptedParameters(0.60, 1, 1, 1, 1);
        // Without the pull back: every action blocks the winner (one nudge only reaches 0.58), so all get r = −0.9
        // alike, HOLD keeps winning the tie, and the threshold never moves: the old trap.
        var trapped = runWinners(new QLearningParameterAdapter(handConfig(0), new Rng(1), cap), 20);
        assertThat(trapped.parameters().confidenceThreshold()).isEqualTo(0.60);
        assertThat(trapped.taken()).isZero();
        // With λ = 0.02: on the plateau r_a = −0.9 − 0.02 × steps(p_a), and CONFIDENCE_DOWN is the one action a step nearer
        // the base (9 steps vs 10 for HOLD at 0.60), so it wins every update until 0.44, the first threshold that takes 0.45:
        // 8 candidates blocked, then the winners are traded (and scored against the base like any others)
        var free = runWinners(new QLearningParameterAdapter(handConfig(0.02), new Rng(1), cap), 20);
        assertThat(free.parameters().confidenceThreshold()).isLessThanOrEqualTo(0.44 + 1e-9);
        assertThat(free.taken()).isGreaterThanOrEqualTo(10);
    }

    private static QLearningParameterAdapter runWinners(QLearningParameterAdapter a, int n) {
        for (int i = 0; i < n; i++) {
            long t = 10L * i;
            a.act(CALM, longAt(t, 0.45));
            a.onBar(t + 1, 100, 101, 99, 100.5, S);
            a.onBar(t + 2, 100.5, 103.1, 100, 103, S);
            a.onBar(t + 3, 103, 103.2, 102, 102.5, S);
        }
        return a;
    }

    @Test
    void theDeviationPullByHand() {
        // the winner of the first test with λ = 0.1: each nudge from the base stands one step away (HOLD none), so
        // r = r(λ = 0) − 0.1: CONFIDENCE_DOWN −0.1 → Q −0.05; SIZE_UP 0.09 − 0.1 = −0.01 → Q −0.005; HOLD 0 → Q 0
        var a = new QLearningParameterAdapter(handConfig(0.1), new Rng(1));
        a.act(CALM, longAt(0, 0.41));
        a.onBar(1, 100, 101, 99, 100.5, S);
        a.onBar(2, 100.5, 103.1, 100, 103, S);
        a.onBar(3, 103, 103.2, 102, 102.5, S);
        assertThat(a.q(S, AdapterAction.CONFIDENCE_DOWN)).isCloseTo(-0.05, within(1e-9));
        assertThat(a.q(S, AdapterAction.SIZE_UP)).isCloseTo(-0.005, within(1e-9));
        assertThat(a.q(S, AdapterAction.HOLD)).isCloseTo(0, within(1e-9));
        assertThat(ParameterBounds.standard().stepsFromDefaults(new AdaptedParameters(0.46, 1.2, 1, 0.9, 1))).isCloseTo(3 + 2 + 1, within(1e-9));
    }

    @Test
    void aNewActionWaitsForNewEvidence() {
        // after one loser, CONFIDENCE_UP leads its row (the blocking-a-loser test): the next candidate nudges the
        // threshold up once; candidates on the following bars, before anything new is scored, trade as HOLD
        var a = new QLearningParameterAdapter(handConfig(0), new Rng(1));
        a.act(CALM, longAt(0, 0.41));
        a.onBar(1, 100, 100.5, 97.5, 98, S);
        // these candidates have a 12-bar time barrier, so quiet bars resolve none of them
        a.act(CALM, new Candidate(1, 1, 0.5, 100, 0.02, 0.03, 0.5, 0.02, 12));
        assertThat(a.lastAction()).isEqualTo(AdapterAction.CONFIDENCE_UP);
        for (int i = 2; i < 8; i++) {
            a.onBar(i, 100, 100.2, 99.8, 100, S);
            a.act(CALM, new Candidate(i, 1, 0.5, 100, 0.02, 0.03, 0.5, 0.02, 12));
            assertThat(a.lastAction()).isEqualTo(AdapterAction.HOLD);
        }
        assertThat(a.parameters().confidenceThreshold()).isCloseTo(0.42, within(1e-12));
        assertThat(a.pendingCount()).isEqualTo(7);
        // one more bar reaches 103 (take-profit of the candidates entered at 100): they are scored, and the next candidate chooses again
        a.onBar(8, 100, 103.5, 99.8, 103.4, S);
        assertThat(a.scored()).isGreaterThan(1);
        a.act(CALM, longAt(8, 0.5));
        assertThat(a.lastAction()).isNotNull();
    }

    @Test
    void barsAtOrBeforeACandidateDoNotStepIt() {
        var a = new QLearningParameterAdapter(handConfig(0), new Rng(1));
        a.act(CALM, longAt(100, 0.41));
        // a replay of older bars (e.g. warm-up history) that would hit the stop is ignored
        a.onBar(50, 100, 100, 90, 90, S);
        a.onBar(100, 100, 100, 90, 90, S);
        assertThat(a.pendingCount()).isEqualTo(1);
        a.onBar(101, 100, 100.5, 97.5, 98, S);
        assertThat(a.scored()).isEqualTo(1);
    }

    @Test
    void epsilonDecaysToItsFloorAndParametersStayInBounds() {
        var b = ParameterBounds.standard();
        var a = new QLearningParameterAdapter(new AdapterConfig(0.1, 0.95, 0.2, 0.5, 0.05, 1, 30, 0.1, 1, 0.1, 0.02, 0.0025, b), new Rng(3));
        a.act(CALM, longAt(0, 0.5));
        assertThat(a.epsilon()).isCloseTo(0.1, within(1e-12));
        a.onBar(1, 100, 100.5, 97.5, 98, S);  // scored: the next candidate may choose again
        a.act(CALM, longAt(10, 0.5));
        assertThat(a.epsilon()).isCloseTo(0.05, within(1e-12));
        a.onBar(11, 100, 100.5, 97.5, 98, S);
        a.act(CALM, longAt(20, 0.5));
        assertThat(a.epsilon()).isCloseTo(0.05, within(1e-12));
        // a long run of one nudge pins the parameter at its bound, never past it
        var p = b.defaults();
        for (int i = 0; i < 100; i++) p = AdapterAction.CONFIDENCE_UP.apply(p, b);
        assertThat(p.confidenceThreshold()).isEqualTo(0.60);
        for (int i = 0; i < 100; i++) p = AdapterAction.SIZE_DOWN.apply(p, b);
        assertThat(p.sizeMultiplier()).isEqualTo(0.25);
        assertThatThrownBy(() -> new QLearningParameterAdapter(AdapterConfig.defaults(), new Rng(1), new AdaptedParameters(0.9, 1, 1, 1, 1)))
                .hasMessageContaining("outside the bounds");
    }

    @Test
    void learnsToStopTakingLosersAndKeepsTakingWinners() {
        // losers only (the base stack takes all 200 at 0.41 ≥ 0.40): the adapter raises the threshold past them and
        // takes only what exploration (ε 0.3 decaying to 0.02) lets through
        var losers = new QLearningParameterAdapter(AdapterConfig.defaults().withLearning(0.2, 0, 0.3), new Rng(11));
        for (int i = 0; i < 200; i++) {
            long t = 10L * i;
            losers.act(CALM, longAt(t, 0.41));
            losers.onBar(t + 1, 100, 100.5, 97.5, 98, S);
        }
        assertThat(losers.scored()).isEqualTo(200);
        assertThat(losers.parameters().confidenceThreshold()).isGreaterThan(0.41);
        assertThat(losers.taken()).isLessThan(20);
        assertThat(losers.advantageSum()).isGreaterThan(100); // ≈ 2.1 per blocked loser
        // winners only: it keeps taking them (and sizes up, within its bounds)
        var winners = runWinners(new QLearningParameterAdapter(AdapterConfig.defaults().withLearning(0.2, 0, 0.3), new Rng(11)), 200);
        assertThat(winners.taken()).isGreaterThan(180);
        assertThat(winners.parameters().sizeMultiplier()).isGreaterThan(1.0);
        assertThat(winners.advantageSum()).isGreaterThan(0);
    }

    @Test
    void savesAndRestoresExactlyWithShadowTradesInFlight(@TempDir Path dir) {
        Path f = dir.resolve("adapter.json");
        var a = new QLearningParameterAdapter(AdapterConfig.defaults(), new Rng(5));
        var b0 = new QLearningParameterAdapter(AdapterConfig.defaults(), new Rng(5));
        for (int i = 0; i < 20; i++) {
            long t = 10L * i;
            a.act(i % 2 == 0 ? CALM : TRENDING, longAt(t, 0.41 + 0.01 * (i % 5)));
            a.onBar(t + 1, 100, 101, 99, 100.5, S);
            a.onBar(t + 2, 100.5, 100.8 + 0.2 * (i % 4), 99.5 - 0.5 * (i % 3), 100.5, S);
            a.onBar(t + 3, 100.5, 101, 98.5, 99, S);
        }
        // one candidate still open (one bar stepped) at the save
        a.act(TRENDING, longAt(1000, 0.43));
        a.onBar(1001, 100, 101, 99, 100.5, S);
        a.save(f);
        var b = QLearningParameterAdapter.load(f, AdapterConfig.defaults(), new Rng(999));
        assertThat(b.origin()).isEqualTo(QLearningParameterAdapter.Origin.FILE);
        assertThat(b.parameters()).isEqualTo(a.parameters());
        assertThat(b.epsilon()).isEqualTo(a.epsilon());
        assertThat(b.pendingCount()).isEqualTo(1);
        assertThat(b.state().q()).isDeepEqualTo(a.state().q());
        // both finish the open candidate identically, and the random state came back too: the same next actions
        a.onBar(1002, 100.5, 104, 100, 103.5, S);
        b.onBar(1002, 100.5, 104, 100, 103.5, S);
        assertThat(b.scored()).isEqualTo(a.scored()).isEqualTo(21);
        assertThat(b.state().q()).isDeepEqualTo(a.state().q());
        for (int i = 0; i < 10; i++) {
            assertThat(b.act(TRENDING, longAt(2000 + i, 0.45))).isEqualTo(a.act(TRENDING, longAt(2000 + i, 0.45)));
            assertThat(b.lastAction()).isEqualTo(a.lastAction());
        }
        assertThat(b0.scored()).isZero();
    }

    @Test
    void corruptOrMissingStateFallsBackWithAWarning(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("adapter.json");
        var missing = QLearningParameterAdapter.load(f, AdapterConfig.defaults(), new Rng(1));
        assertThat(missing.origin()).isEqualTo(QLearningParameterAdapter.Origin.DEFAULTS_MISSING);
        assertThat(missing.parameters()).isEqualTo(ParameterBounds.standard().defaults());

        Files.writeString(f, "{\"version\": 2, \"parameters\": {\"confidenceThreshold\": 0.4, "); // truncated mid-write
        var corrupt = QLearningParameterAdapter.load(f, AdapterConfig.defaults(), new Rng(1));
        assertThat(corrupt.origin()).isEqualTo(QLearningParameterAdapter.Origin.DEFAULTS_CORRUPT);
        assertThat(corrupt.parameters()).isEqualTo(ParameterBounds.standard().defaults());

        // a good save, then a second save keeps the first as .bak; corrupting the main file falls back to it
        var a = new QLearningParameterAdapter(AdapterConfig.defaults(), new Rng(2));
        a.act(CALM, longAt(0, 0.41));
        a.onBar(1, 100, 100.5, 97.5, 98, S);
        Files.delete(f);
        a.save(f);
        var firstParams = a.parameters();
        a.act(TRENDING, longAt(10, 0.5));
        a.onBar(11, 100, 100.5, 97.5, 98, S);
        a.save(f);
        assertThat(dir.resolve("adapter.json.bak")).exists();
        Files.writeString(f, "not json");
        var fromBackup = QLearningParameterAdapter.load(f, AdapterConfig.defaults(), new Rng(1));
        assertThat(fromBackup.origin()).isEqualTo(QLearningParameterAdapter.Origin.BACKUP);
        assertThat(fromBackup.parameters()).isEqualTo(firstParams);
        assertThat(fromBackup.scored()).isEqualTo(1);

        // parsable but out of bounds (a hand-edited threshold of 5) counts as corrupt; so does the older format (version 1)
        String good = Files.readString(dir.resolve("adapter.json.bak"));
        Files.writeString(f, good.replaceFirst("\"confidenceThreshold\" : [0-9.]+", "\"confidenceThreshold\" : 5.0"));
        Files.delete(dir.resolve("adapter.json.bak"));
        assertThat(QLearningParameterAdapter.load(f, AdapterConfig.defaults(), new Rng(1)).origin())
                .isEqualTo(QLearningParameterAdapter.Origin.DEFAULTS_CORRUPT);
        Files.writeString(f, good.replaceFirst("\"version\" : 2", "\"version\" : 1"));
        assertThat(QLearningParameterAdapter.load(f, AdapterConfig.defaults(), new Rng(1)).origin())
                .isEqualTo(QLearningParameterAdapter.Origin.DEFAULTS_CORRUPT);
    }
}
