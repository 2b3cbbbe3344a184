package io.tradeloop.decide.vote;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class WeightedVoteTest {
    private static ModelVote vote(String name, double w, double down, double flat, double up) {
        return ModelVote.of(name, w, new double[] {down, flat, up}, 0);
    }

    @Test
    void sideNeedsTheSupportThresholdByHand() {
        // weights 0.5 long, 0.3 short, 0.2 flat (of 1.0)
        var votes = List.of(vote("a", 0.5, 0.2, 0.2, 0.6), vote("b", 0.3, 0.5, 0.3, 0.2), vote("c", 0.2, 0.3, 0.4, 0.3));
        var at50 = new WeightedVote(0.5).combine(votes);
        assertThat(at50.direction()).isEqualTo(Direction.LONG);
        assertThat(at50.support()).isCloseTo(0.5, within(1e-12));
        // confidence = Σ w·P(up) = 0.5·0.6 + 0.3·0.2 + 0.2·0.3 = 0.42
        assertThat(at50.confidence()).isCloseTo(0.42, within(1e-12));
        // signal = Σ w·(up − down) = 0.5·0.4 + 0.3·(−0.3) + 0.2·0 = 0.11
        assertThat(at50.signal()).isCloseTo(0.11, within(1e-12));
        // a 60% threshold is not met: FLAT, confidence = Σ w·P(flat) = 0.1 + 0.09 + 0.08 = 0.27
        var at60 = new WeightedVote(0.6).combine(votes);
        assertThat(at60.direction()).isEqualTo(Direction.FLAT);
        assertThat(at60.confidence()).isCloseTo(0.27, within(1e-12));
        assertThat(at60.longWeight()).isCloseTo(0.5, within(1e-12));
        assertThat(at60.shortWeight()).isCloseTo(0.3, within(1e-12));
    }

    @Test
    void weightsAreNormalisedAndTiesStayFlat() {
        // raw weights 2 and 2: 50/50 long vs short never wins even at threshold 0.5
        var tie = new WeightedVote(0.5).combine(List.of(vote("a", 2, 0.1, 0.1, 0.8), vote("b", 2, 0.8, 0.1, 0.1)));
        assertThat(tie.direction()).isEqualTo(Direction.FLAT);
        assertThat(tie.longWeight()).isCloseTo(0.5, within(1e-12));
        assertThatThrownBy(() -> new WeightedVote(0.5).combine(List.of(vote("a", -1, 0.1, 0.1, 0.8))))
                .hasMessageContaining("model a has weight -1.0");
        assertThatThrownBy(() -> new WeightedVote(1.5)).hasMessageContaining("support_threshold");
    }
}
