package io.tradeloop.decide.adapt;

import io.tradeloop.core.random.Rng;
import io.tradeloop.decide.regime.Regime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class QLearningParameterAdapterTest {
    private static final MarketState CALM = new MarketState(0.2, 15, 0, Regime.RANGE_LOW_VOL, 0.01);
    private static final MarketState TRENDING = new MarketState(0.8, 35, 1.2, Regime.TREND_HIGH_VOL, 0.08);

    private static AdapterConfig greedy() {
        var d = AdapterConfig.defaults();
        return new AdapterConfig(0.1, 0.95, 0.0, 1.0, 0.0, 1, 30, 0.1, 1, 0.1, d.bounds());
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
    void rewardByHand() {
        var a = new QLearningParameterAdapter(greedy(), new Rng(1));
        // first trade: +2%, 10 bars, worst open loss 0.5% → 2 − 0 − 0.5 = 1.5 (no Sharpe term before two trades)
        assertThat(a.reward(new ClosedTrade(2, 10, 0.5))).isCloseTo(1.5, within(1e-12));
        a.act(CALM);
        a.onTradeClosed(new ClosedTrade(2, 10, 0.5), CALM);
        a.act(CALM);
        a.onTradeClosed(new ClosedTrade(0, 10, 0), CALM);
        // earlier pnl 2 and 0: mean 1, sd √2 = 1.4142136; third trade +3%, 40 bars (> 30), adverse 1%:
        // 3 − 0.1 − 1 + 0.1 × (3 − 1) / 1.4142146 = 1.9 + 0.1414213 = 2.0414213
        assertThat(a.reward(new ClosedTrade(3, 40, 1))).isCloseTo(2.0414213, within(1e-6));
    }

    @Test
    void qUpdateByHand() {
        var a = new QLearningParameterAdapter(greedy(), new Rng(1));
        // ε = 0 and an all-zero table: the greedy tie goes to the lowest index, HOLD
        a.act(CALM);
        assertThat(a.lastAction()).isEqualTo(AdapterAction.HOLD);
        // r = 1.5, next state all zeros: Q ← 0 + 0.1 × (1.5 + 0.95 × 0 − 0) = 0.15
        a.onTradeClosed(new ClosedTrade(2, 10, 0.5), CALM);
        assertThat(a.q(CALM.index(), AdapterAction.HOLD)).isCloseTo(0.15, within(1e-12));
        // again HOLD (0.15 is the max); r = 1 − 0 − 0 + 0 (one earlier trade only) = 1
        // Q ← 0.15 + 0.1 × (1 + 0.95 × 0.15 − 0.15) = 0.15 + 0.1 × 0.9925 = 0.24925
        a.act(CALM);
        a.onTradeClosed(new ClosedTrade(1, 5, 0), CALM);
        assertThat(a.q(CALM.index(), AdapterAction.HOLD)).isCloseTo(0.24925, within(1e-12));
    }

    @Test
    void epsilonDecaysToItsFloorAndParametersStayInBounds() {
        var b = ParameterBounds.standard();
        var a = new QLearningParameterAdapter(new AdapterConfig(0.1, 0.95, 0.2, 0.5, 0.05, 1, 30, 0.1, 1, 0.1, b), new Rng(3));
        a.act(CALM);
        assertThat(a.epsilon()).isCloseTo(0.1, within(1e-12));
        a.act(CALM);
        assertThat(a.epsilon()).isCloseTo(0.05, within(1e-12));
        a.act(CALM);
        assertThat(a.epsilon()).isCloseTo(0.05, within(1e-12));
        // a long run of one nudge pins the parameter at its bound, never past it
        var p = b.defaults();
        for (int i = 0; i < 100; i++) p = AdapterAction.CONFIDENCE_UP.apply(p, b);
        assertThat(p.confidenceThreshold()).isEqualTo(0.60);
        for (int i = 0; i < 100; i++) p = AdapterAction.SIZE_DOWN.apply(p, b);
        assertThat(p.sizeMultiplier()).isEqualTo(0.25);
    }

    @Test
    void learnsWhichNudgePays() {
        // a toy market that rewards shrinking size (+1%) and punishes everything else (−1%)
        var a = new QLearningParameterAdapter(new AdapterConfig(0.2, 0.0, 0.3, 0.995, 0.05, 1, 30, 0.1, 1, 0.0,
                ParameterBounds.standard()), new Rng(11));
        for (int i = 0; i < 800; i++) {
            a.act(CALM);
            double pnl = a.lastAction() == AdapterAction.SIZE_DOWN ? 1 : -1;
            a.onTradeClosed(new ClosedTrade(pnl, 5, 0), CALM);
        }
        AdapterAction best = AdapterAction.HOLD;
        for (AdapterAction x : AdapterAction.values()) if (a.q(CALM.index(), x) > a.q(CALM.index(), best)) best = x;
        assertThat(best).isEqualTo(AdapterAction.SIZE_DOWN);
    }

    @Test
    void savesAndRestoresExactly(@TempDir Path dir) {
        Path f = dir.resolve("adapter.json");
        var a = new QLearningParameterAdapter(AdapterConfig.defaults(), new Rng(5));
        for (int i = 0; i < 20; i++) {
            a.act(i % 2 == 0 ? CALM : TRENDING);
            a.onTradeClosed(new ClosedTrade(i % 3 - 1, 5 + i, 0.2), CALM);
        }
        a.save(f);
        var b = QLearningParameterAdapter.load(f, AdapterConfig.defaults(), new Rng(999));
        assertThat(b.origin()).isEqualTo(QLearningParameterAdapter.Origin.FILE);
        assertThat(b.parameters()).isEqualTo(a.parameters());
        assertThat(b.epsilon()).isEqualTo(a.epsilon());
        assertThat(b.q(CALM.index(), AdapterAction.HOLD)).isEqualTo(a.q(CALM.index(), AdapterAction.HOLD));
        // the random state came back too: both choose the same next actions
        for (int i = 0; i < 10; i++) {
            assertThat(b.act(TRENDING)).isEqualTo(a.act(TRENDING));
            assertThat(b.lastAction()).isEqualTo(a.lastAction());
        }
    }

    @Test
    void corruptOrMissingStateFallsBackWithAWarning(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("adapter.json");
        var missing = QLearningParameterAdapter.load(f, AdapterConfig.defaults(), new Rng(1));
        assertThat(missing.origin()).isEqualTo(QLearningParameterAdapter.Origin.DEFAULTS_MISSING);
        assertThat(missing.parameters()).isEqualTo(ParameterBounds.standard().defaults());

        Files.writeString(f, "{\"version\": 1, \"parameters\": {\"confidenceThreshold\": 0.4, "); // truncated mid-write
        var corrupt = QLearningParameterAdapter.load(f, AdapterConfig.defaults(), new Rng(1));
        assertThat(corrupt.origin()).isEqualTo(QLearningParameterAdapter.Origin.DEFAULTS_CORRUPT);
        assertThat(corrupt.parameters()).isEqualTo(ParameterBounds.standard().defaults());

        // a good save, then a second save keeps the first as .bak; corrupting the main file falls back to it
        var a = new QLearningParameterAdapter(AdapterConfig.defaults(), new Rng(2));
        a.act(CALM);
        a.onTradeClosed(new ClosedTrade(1, 3, 0), CALM);
        Files.delete(f);
        a.save(f);
        var firstParams = a.parameters();
        a.act(TRENDING);
        a.onTradeClosed(new ClosedTrade(1, 3, 0), CALM);
        a.save(f);
        assertThat(dir.resolve("adapter.json.bak")).exists();
        Files.writeString(f, "not json");
        var fromBackup = QLearningParameterAdapter.load(f, AdapterConfig.defaults(), new Rng(1));
        assertThat(fromBackup.origin()).isEqualTo(QLearningParameterAdapter.Origin.BACKUP);
        assertThat(fromBackup.parameters()).isEqualTo(firstParams);
        assertThat(fromBackup.trades()).isEqualTo(1);

        // parsable but out of bounds (a hand-edited threshold of 5) counts as corrupt
        String good = Files.readString(dir.resolve("adapter.json.bak"));
        Files.writeString(f, good.replaceFirst("\"confidenceThreshold\" : [0-9.]+", "\"confidenceThreshold\" : 5.0"));
        Files.delete(dir.resolve("adapter.json.bak"));
        assertThat(QLearningParameterAdapter.load(f, AdapterConfig.defaults(), new Rng(1)).origin())
                .isEqualTo(QLearningParameterAdapter.Origin.DEFAULTS_CORRUPT);
    }
}
