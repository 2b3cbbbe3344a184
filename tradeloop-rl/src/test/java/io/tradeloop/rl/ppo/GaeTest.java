package io.tradeloop.rl.ppo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GaeTest {
    @Test
    void advantagesAndReturnsMatchHandComputedValues() {
        // One environment, three steps, gamma 0.9, lambda 0.8; the episode ends with step 1.
        // t=2: delta = 3 + 0.9*2.0 - 1.5 = 3.3;                    A2 = 3.3
        // t=1: done, delta = 2 - 1.0 = 1.0;                          A1 = 1.0
        // t=0: delta = 1 + 0.9*1.0 - 0.5 = 1.4;  A0 = 1.4 + 0.9*0.8*1.0 = 2.12
        // returns = A + V = [2.62, 2.0, 4.8]
        float[] adv = new float[3];
        float[] ret = new float[3];
        Gae.compute(new float[] {1, 2, 3}, new float[] {0.5f, 1.0f, 1.5f}, new boolean[] {false, true, false},
                new float[] {2.0f}, 3, 1, 0.9, 0.8, adv, ret);
        assertThat(adv[0]).isCloseTo(2.12f, within(1e-6f));
        assertThat(adv[1]).isCloseTo(1.0f, within(1e-6f));
        assertThat(adv[2]).isCloseTo(3.3f, within(1e-6f));
        assertThat(ret[0]).isCloseTo(2.62f, within(1e-6f));
        assertThat(ret[1]).isCloseTo(2.0f, within(1e-6f));
        assertThat(ret[2]).isCloseTo(4.8f, within(1e-6f));
    }

    @Test
    void environmentsAreIndependentInTheInterleavedLayout() {
        // Two environments, two steps, layout [t * 2 + e]; gamma 1, lambda 1 (plain Monte-Carlo returns minus V).
        // env 0: rewards 1, 1, no end, last value 10 -> A1 = 1 + 10 - 0 = 11, A0 = 1 + 0 - 0 + 11 = 12
        // env 1: rewards 5, 7, ends at t=0 -> A0 = 5 - 0 = 5, A1 = 7 + 3 (last value) = 10
        float[] adv = new float[4];
        float[] ret = new float[4];
        Gae.compute(new float[] {1, 5, 1, 7}, new float[4], new boolean[] {false, true, false, false},
                new float[] {10, 3}, 2, 2, 1.0, 1.0, adv, ret);
        assertThat(adv).containsExactly(12f, 5f, 11f, 10f);
    }
}
