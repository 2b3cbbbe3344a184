package io.tradeloop.rl.ppo;

import io.tradeloop.core.config.ConfigException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PpoConfigTest {
    @Test
    void defaultsAreThePlans() {
        PpoConfig c = PpoConfig.DEFAULT;
        assertThat(c.nSteps()).isEqualTo(2048);
        assertThat(c.batchSize()).isEqualTo(64);
        assertThat(c.epochs()).isEqualTo(10);
        assertThat(c.numEnvs()).isEqualTo(16);
        assertThat(c.gaeLambda()).isEqualTo(0.95);
        assertThat(c.clipRange()).isEqualTo(0.2);
        assertThat(PpoSearchSpace.DESIGN.requireWithin(c)).isSameAs(c);
    }

    @Test
    void outOfRangeValuesNameTheParameterTheValueAndTheRange() {
        assertThatThrownBy(() -> PpoConfig.builder().gamma(1.5).build()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("ppo.gamma").hasMessageContaining("1.5").hasMessageContaining("[0.0, 1.0]");
        assertThatThrownBy(() -> PpoConfig.builder().batchSize(100).build()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("ppo.batchSize").hasMessageContaining("32768");
        assertThatThrownBy(() -> PpoSearchSpace.DESIGN.requireWithin(PpoConfig.builder().learningRate(1e-3).build()))
                .hasMessageContaining("ppo.learningRate (search space)");
    }

    @Test
    void jsonRoundTripsAndPartialDocumentsOverrideDefaults() {
        PpoConfig c = PpoConfig.builder().numEnvs(4).nSteps(128).learningRate(1e-4).schedule(LearningRateSchedule.LINEAR).build();
        assertThat(PpoConfigJson.read(PpoConfigJson.write(c))).isEqualTo(c);
        PpoConfig partial = PpoConfigJson.read("{\"gamma\": 0.97, \"adam\": {\"epsilon\": 1e-8}}");
        assertThat(partial.gamma()).isEqualTo(0.97);
        assertThat(partial.adam().epsilon()).isEqualTo(1e-8);
        assertThat(partial.adam().beta1()).isEqualTo(0.9);
        assertThat(partial.nSteps()).isEqualTo(2048);
        assertThatThrownBy(() -> PpoConfigJson.read("{\"gama\": 0.97}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("ppo.gama").hasMessageContaining("unknown field");
        assertThatThrownBy(() -> PpoConfigJson.read("{\"clipRange\": 3}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("ppo.clipRange");
    }

    @Test
    void linearScheduleAnnealsToZero() {
        // 3e-4 * (1 - 250/1000) = 2.25e-4
        assertThat(LearningRateSchedule.LINEAR.rate(3e-4, 250, 1000)).isEqualTo(3e-4 * 0.75);
        assertThat(LearningRateSchedule.LINEAR.rate(3e-4, 2000, 1000)).isZero();
        assertThat(LearningRateSchedule.CONSTANT.rate(3e-4, 2000, 1000)).isEqualTo(3e-4);
    }
}
