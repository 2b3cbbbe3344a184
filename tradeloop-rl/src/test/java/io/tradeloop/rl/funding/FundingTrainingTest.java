package io.tradeloop.rl.funding;

import io.tradeloop.core.random.Rng;
import io.tradeloop.rl.checkpoint.TrainingCheckpoint;
import io.tradeloop.rl.env.funding.EnvConfig;
import io.tradeloop.rl.env.funding.FundingArbitrageEnv;
import io.tradeloop.rl.env.funding.MarketCalibration;
import io.tradeloop.rl.env.funding.MarketSeries;
import io.tradeloop.rl.env.funding.MarketTape;
import io.tradeloop.rl.env.funding.RealMarketLoader;
import io.tradeloop.rl.env.funding.TestMarkets;
import io.tradeloop.rl.ppo.PpoConfig;
import io.tradeloop.rl.ppo.UpdateMetrics;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Tiny-budget training runs: the wiring trains, follows the curriculum, and resumes bit for bit. */
class FundingTrainingTest {
    static final long DAYS_60 = 60 * 24 * TestMarkets.HOUR;

    /** A random 60-day market standing in for the real files: train on the first 40 days, test on the rest. */
    static FundingData data() {
        EnvConfig env = EnvConfig.defaults();
        MarketSeries series = TestMarkets.random(new Rng(3), 24 * 60);
        var split = new FundingData.Split(TestMarkets.T0, TestMarkets.T0 + 40 * 24 * TestMarkets.HOUR,
                TestMarkets.T0 + 40 * 24 * TestMarkets.HOUR, TestMarkets.T0 + DAYS_60);
        var loaded = new RealMarketLoader.Loaded(series, List.of(), Map.of(), "test");
        return new FundingData(env, split, loaded, MarketTape.build(series, env),
                MarketCalibration.fit(series, TestMarkets.T0 + 3 * 24 * TestMarkets.HOUR, split.trainToMs()));
    }

    static FundingTrainConfig tiny(long steps) {
        PpoConfig ppo = FundingTrainConfig.defaults().ppo().toBuilder().numEnvs(2).nSteps(64).batchSize(32).epochs(2).build();
        var base = FundingTrainConfig.defaults();
        return new FundingTrainConfig(ppo, false, 1, 0.001, 0.5, 24 * 20, 4, 0.25, 0.5, base.split(), 1).withTotalSteps(steps);
    }

    @Test
    void trainsThroughTheCurriculumStages() {
        FundingData d = data();
        var t = new FundingTraining(tiny(1024), d, 5);
        assertThat(t.ppo().network().parameterCount()).isBetween(40_000L, 45_000L); // the contract's modular network
        assertThat(t.stageName()).isEqualTo("simple-72h");
        int updates = 0;
        while (t.ppo().globalStep() < 1024) {
            UpdateMetrics m = t.ppo().iterate();
            assertThat(m.policyLoss()).isFinite();
            assertThat(m.valueLoss()).isFinite();
            t.advanceCurriculum();
            updates++;
        }
        assertThat(updates).isEqualTo(8); // 1,024 / (2 × 64)
        // 25% and 50% of 1,024 steps: stages change at 256 and 512
        assertThat(t.stageName()).isEqualTo("full-range-168h");
        assertThat(((FundingArbitrageEnv) t.envs().env(0)).episodeSampler().maxHours()).isEqualTo(168);
    }

    @Test
    void aResumedRunContinuesBitForBit() {
        FundingData d = data();
        var straight = new FundingTraining(tiny(768), d, 9);
        TrainingCheckpoint ck = null;
        for (int u = 0; u < 6; u++) {
            straight.ppo().iterate();
            straight.advanceCurriculum();
            if (u == 2) {
                ck = straight.ppo().checkpoint(straight.stageName(), Map.of());
            }
        }
        var resumed = new FundingTraining(tiny(768), d, 9);
        resumed.ppo().restore(ck);
        resumed.restoreStage(ck.curriculumStage());
        for (int u = 3; u < 6; u++) {
            resumed.ppo().iterate();
            resumed.advanceCurriculum();
        }
        assertThat(resumed.ppo().globalStep()).isEqualTo(straight.ppo().globalStep());
        var a = straight.ppo().network().state();
        var b = resumed.ppo().network().state();
        assertThat(b.weights()).hasSameSizeAs(a.weights());
        for (int i = 0; i < a.weights().size(); i++) {
            assertThat(b.weights().get(i).data()).as(a.weights().get(i).name()).isEqualTo(a.weights().get(i).data());
        }
        assertThat(b.adamSteps()).isEqualTo(a.adamSteps());
    }

    @Test
    void theSimpleModeTrainsAnMlpOnThreeActions() {
        var base = tiny(256);
        var simple = new FundingTrainConfig(base.ppo(), true, 1, 0.001, 0.5, 24 * 20, 4, 0.25, 0.5, base.split(), 1);
        FundingData full = data();
        var d = new FundingData(simple.envConfig(), full.split(), full.real(), MarketTape.build(full.real().series(), simple.envConfig()),
                full.generator());
        var t = new FundingTraining(simple, d, 2);
        assertThat(t.envs().spec().actionNames()).containsExactly("HOLD", "ENTER_OPP_0_LARGE", "EXIT_POS_0");
        assertThat(t.ppo().network().observationSize()).isEqualTo(47);
        UpdateMetrics m = t.ppo().iterate();
        assertThat(m.actionFractions()).hasSize(3);
        assertThat(m.valueLoss()).isFinite();
    }

    @Test
    void configFilesOverrideDefaultsAndRefuseUnknownKeys() {
        var c = FundingTrainConfig.read("""
                {"ppo": {"numEnvs": 4, "nSteps": 128}, "env": {"layout": "simple"}, "market": {"realShare": 0.25},
                 "split": {"trainTo": "2023-09-01", "testFrom": "2023-09-01"}}""");
        assertThat(c.ppo().numEnvs()).isEqualTo(4);
        assertThat(c.simpleLayout()).isTrue();
        assertThat(c.envConfig().layout().actionCount()).isEqualTo(3);
        assertThat(c.realShare()).isEqualTo(0.25);
        assertThat(c.split().trainToMs()).isEqualTo(io.tradeloop.core.time.TimeFormat.parse("2023-09-01"));
        assertThat(FundingTrainConfig.read(c.toJson())).isEqualTo(c); // the echo in checkpoints reads back
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FundingTrainConfig.read("{\"market\": {\"realshare\": 1}}"))
                .hasMessageContaining("market.realshare").hasMessageContaining("not a known setting");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FundingTrainConfig.read("{\"market\": {\"realShare\": 2}}"))
                .hasMessageContaining("market.realShare").hasMessageContaining("[0.0, 1.0]");
    }
}
