package io.tradeloop.decide.gate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class GatesTest {
    @Test
    void uncertaintyWeightedSizeByHand() {
        // size × min(2 × confidence, 1): 0.2 → 0.4, 0.5 → 1, 0.9 → 1
        assertThat(UncertaintySizing.size(1000, 0.2)).isCloseTo(400, within(1e-9));
        assertThat(UncertaintySizing.size(1000, 0.5)).isCloseTo(1000, within(1e-9));
        assertThat(UncertaintySizing.size(1000, 0.9)).isCloseTo(1000, within(1e-9));
        assertThatThrownBy(() -> UncertaintySizing.weight(1.2)).hasMessageContaining("1.2");
    }

    @Test
    void confidenceGatePassesAtTheThreshold() {
        var g = new ConfidenceGate("confidence", 0.4);
        assertThat(g.check(0.4).passed()).isTrue();
        var blocked = g.check(0.39);
        assertThat(blocked).isInstanceOf(GateResult.Blocked.class);
        assertThat(((GateResult.Blocked) blocked).reason()).isEqualTo("confidence 0.390 below 0.400");
        assertThat(g.check(0.39, 0.35).passed()).isTrue();
    }
}
