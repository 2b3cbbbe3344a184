package io.tradeloop.core.funding;

import io.tradeloop.core.config.ConfigException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CarryRuleTest {
    @Test
    void netEdgeSpreadsTheRoundTripFees() {
        // Taker 0.05% on both venues: round trip = 2 × (0.0005 + 0.0005) = 0.002.
        double fees = CarryRule.roundTripFeeRate(0.0005, 0.0005);
        assertThat(fees).isCloseTo(0.002, within(1e-15));
        var rule = new CarryRule(0.0, 0.0, 20, 0.15);
        // long 0.0001, short 0.0003: d = 0.0002; fees per period = 0.002 / 20 = 0.0001; net = 0.0001.
        assertThat(rule.netEdge8h(0.0001, 0.0003, fees)).isCloseTo(0.0001, within(1e-15));
        assertThat(rule.shouldEnter(0.0001, 0.0003, fees)).isTrue();
        // d = 0.00009 < 0.0001 of amortised fees: net = −0.00001, no entry.
        assertThat(rule.shouldEnter(0.0001, 0.00019, fees)).isFalse();
    }

    @Test
    void exitsWhenTheDifferentialTurnsOrALegNearsLiquidation() {
        var rule = new CarryRule(0.0, 0.0, 20, 0.15);
        assertThat(rule.shouldExit(0.0002, 0.0001, Double.POSITIVE_INFINITY)).isTrue(); // d = −0.0001 < 0
        assertThat(rule.shouldExit(0.0001, 0.0002, Double.POSITIVE_INFINITY)).isFalse(); // d = +0.0001
        assertThat(rule.shouldExit(0.0001, 0.0002, 0.14)).isTrue(); // 14% from liquidation < 15% buffer
        assertThat(rule.shouldExit(0.0001, 0.0002, 0.16)).isFalse();
    }

    @Test
    void bestPairIsLongTheLowestShortTheHighest() {
        double[] rates = {0.0001, -0.0002, Double.NaN, 0.0004};
        int p = CarryRule.bestPair(rates, 4);
        assertThat(CarryRule.longOf(p, 4)).isEqualTo(1);
        assertThat(CarryRule.shortOf(p, 4)).isEqualTo(3);
        assertThat(CarryRule.bestPair(new double[] {0.0001, Double.NaN}, 2)).isEqualTo(-1);
        assertThat(CarryRule.bestPair(new double[] {0.0001, 0.0001}, 2)).isEqualTo(-1); // no differential
    }

    @Test
    void refusesAnExitAboveTheEntry() {
        assertThatThrownBy(() -> new CarryRule(0.0, 0.001, 20, 0.15))
                .isInstanceOf(ConfigException.class).hasMessageContaining("exit_differential_8h");
        assertThatThrownBy(() -> new CarryRule(0.0, 0.0, 0, 0.15))
                .isInstanceOf(ConfigException.class).hasMessageContaining("amortisation_periods");
    }
}
