package io.tradeloop.rl.env.funding;

import io.tradeloop.core.random.Rng;
import io.tradeloop.rl.env.VecEnv;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** N funding environments stepped together: contiguous arrays, auto-reset, one seed per environment. */
class FundingVecEnvTest {
    static VecEnv vec(long seed, int n) {
        var rng = new Rng(seed);
        MarketSeries series = TestMarkets.random(new Rng(7), 500);
        EnvConfig c = EnvConfig.defaults();
        MarketTape tape = MarketTape.build(series, c); // shared, read-only
        List<FundingArbitrageEnv> envs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            envs.add(new FundingArbitrageEnv(c, new ReplayMarket(tape, 0, tape.steps()), EpisodeSampler.sampled(72, 96), rng.split()));
        }
        return new VecEnv(envs);
    }

    static int[] firstAllowed(VecEnv v, Rng rng) {
        int[] actions = new int[v.size()];
        int na = v.spec().actionCount();
        for (int i = 0; i < v.size(); i++) {
            int pick;
            do {
                pick = rng.nextInt(na);
            } while (!v.masks()[i * na + pick]);
            actions[i] = pick;
        }
        return actions;
    }

    @Test
    void stepsTogetherResetsEndedEpisodesAndIsReproducible() {
        VecEnv a = vec(11, 4);
        VecEnv b = vec(11, 4);
        a.reset();
        b.reset();
        assertThat(a.observations()).hasSize(4 * 275);
        assertThat(a.masks()).hasSize(4 * 36);
        // environments have their own seeds: different episodes (configs) from the start
        assertThat(a.observations()[0]).isNotEqualTo(a.observations()[275]);
        var ra = new Rng(3);
        var rb = new Rng(3);
        int ended = 0;
        for (int s = 0; s < 400; s++) {
            a.step(firstAllowed(a, ra));
            b.step(firstAllowed(b, rb));
            assertThat(b.observations()).isEqualTo(a.observations());
            assertThat(b.rewards()).isEqualTo(a.rewards());
            for (int i = 0; i < 4; i++) {
                if (a.truncated()[i] || a.terminated()[i]) {
                    ended++;
                    // the new episode starts flat: no execution is active, progress 0
                    assertThat(a.observations()[i * 275 + 5 + ObservationLayout.P_EPISODE_PROGRESS]).isZero();
                    assertThat(a.observations()[i * 275 + 15]).isZero();
                    assertThat(a.masks()[i * 36]).isTrue();
                }
            }
        }
        // episodes of 72–96 steps: each of the 4 environments finished at least 4 in 400 steps
        assertThat(ended).isGreaterThanOrEqualTo(16);
        assertThat(a.episodes().count()).isEqualTo(ended);
        assertThat(a.episodes().meanScore()).isFinite();
    }

    /** Generated-market environments (params fitted on a random market), each with its own seed. */
    static VecEnv generated(long seed, int n) {
        MarketSeries fitOn = TestMarkets.random(new Rng(21), 24 * 60);
        GeneratorParams params = MarketCalibration.fit(fitOn, TestMarkets.T0, TestMarkets.T0 + 24 * 60 * TestMarkets.HOUR);
        EnvConfig c = EnvConfig.defaults();
        var rng = new Rng(seed);
        List<FundingArbitrageEnv> envs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            envs.add(new FundingArbitrageEnv(c, new GeneratedMarket(params, c, 24 * 20, 2), EpisodeSampler.sampled(72, 120), rng.split()));
        }
        return new VecEnv(envs);
    }

    @Test
    void aRestoredVectorContinuesBitForBit() {
        for (boolean gen : new boolean[] {false, true}) {
            VecEnv a = gen ? generated(5, 3) : vec(5, 3);
            a.reset();
            var ra = new Rng(8);
            for (int s = 0; s < 250; s++) {
                a.step(firstAllowed(a, ra));
            }
            byte[] saved = a.saveState();
            long[] actionRng = ra.state();
            VecEnv b = gen ? generated(5, 3) : vec(5, 3);
            b.restoreState(saved);
            var rb = Rng.fromState(actionRng);
            assertThat(b.observations()).isEqualTo(a.observations());
            assertThat(b.masks()).isEqualTo(a.masks());
            for (int s = 0; s < 300; s++) {
                a.step(firstAllowed(a, ra));
                b.step(firstAllowed(b, rb));
                assertThat(b.observations()).as("generated=%s step %d after restore", gen, s).isEqualTo(a.observations());
                assertThat(b.rewards()).isEqualTo(a.rewards());
                assertThat(b.terminated()).isEqualTo(a.terminated());
            }
            for (int i = 0; i < 3; i++) {
                var ea = (FundingArbitrageEnv) a.env(i);
                var eb = (FundingArbitrageEnv) b.env(i);
                assertThat(eb.state().portfolio().equityUsd()).isEqualTo(ea.state().portfolio().equityUsd());
            }
        }
    }
}
