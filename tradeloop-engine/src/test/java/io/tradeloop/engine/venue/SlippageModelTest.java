package io.tradeloop.engine.venue;

import io.tradeloop.core.config.ConfigException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SlippageModelTest {
    @Test
    void baseplusRangeTimesSquareRootOfParticipation() {
        var m = new SlippageModel(2, 0.5, 500);
        // range = (102 − 98) / 100 = 0.04; participation = 4 / 100 = 0.04, √ = 0.2;
        // impact = 10⁴ × 0.5 × 0.04 × 0.2 = 40 bps; total 2 + 40 = 42 bps = 0.0042.
        assertThat(m.fraction(4, 102, 98, 100, 100)).isCloseTo(0.0042, within(1e-15));
        // Four times the size doubles the impact: √(16/100) = 0.4 → 80 bps + 2 = 82 bps.
        assertThat(m.fraction(16, 102, 98, 100, 100)).isCloseTo(0.0082, within(1e-15));
    }

    @Test
    void noVolumeCountsAsFullParticipationAndTheCapHolds() {
        var m = new SlippageModel(2, 0.5, 500);
        // volume 0 → √ term 1: 10⁴ × 0.5 × 0.04 = 200 bps + 2 = 202 bps.
        assertThat(m.fraction(4, 102, 98, 100, 0)).isCloseTo(0.0202, within(1e-15));
        // an order larger than the bar's volume is capped at participation 1 as well.
        assertThat(m.fraction(400, 102, 98, 100, 100)).isCloseTo(0.0202, within(1e-15));
        // cap at 100 bps.
        assertThat(new SlippageModel(2, 0.5, 100).fraction(4, 102, 98, 100, 0)).isCloseTo(0.01, within(1e-15));
        assertThat(SlippageModel.none().fraction(4, 102, 98, 100, 100)).isZero();
    }

    @Test
    void refusesOutOfRangeParameters() {
        assertThatThrownBy(() -> new SlippageModel(-1, 0.5, 100)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("slippage_base_bps").hasMessageContaining("-1.0").hasMessageContaining("[0.0, 1000.0]");
        assertThatThrownBy(() -> new SlippageModel(1, Double.NaN, 100)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("slippage_impact");
    }
}
