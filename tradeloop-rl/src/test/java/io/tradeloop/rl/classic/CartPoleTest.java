package io.tradeloop.rl.classic;

import io.tradeloop.core.random.Rng;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CartPoleTest {
    private final float[] obs = new float[4];
    private final boolean[] mask = new boolean[2];

    @Test
    void oneStepFromRestMatchesGymnasiumsEquations() {
        // From (0, 0, 0, 0) pushing right (F = 10): sin = 0, cos = 1
        // temp = 10 / 1.1 = 9.0909091
        // thetaacc = (0 - 9.0909091) / (0.5 * (4/3 - 0.1/1.1)) = -9.0909091 / 0.6212121 = -14.6341463
        // xacc = 9.0909091 - 0.05 * (-14.6341463) / 1.1 = 9.7560976
        // Euler: x = 0, x_dot = 0.02 * 9.7560976 = 0.1951220, theta = 0, theta_dot = -0.2926829
        CartPole env = new CartPole(new Rng(1));
        env.reset(obs, 0, mask, 0);
        env.setState(0, 0, 0, 0);
        double r = env.step(1, obs, 0, mask, 0);
        assertThat(r).isEqualTo(1.0);
        assertThat(obs[0]).isZero();
        assertThat(obs[1]).isCloseTo(0.1951220f, within(1e-6f));
        assertThat(obs[2]).isZero();
        assertThat(obs[3]).isCloseTo(-0.2926829f, within(1e-6f));
        assertThat(mask).containsExactly(true, true);
        assertThat(env.terminated()).isFalse();
    }

    @Test
    void terminatesPastTwelveDegreesOrTheTrackEnd() {
        CartPole env = new CartPole(new Rng(1));
        env.reset(obs, 0, mask, 0);
        // theta = 0.2094 rad (12 deg = 0.2094395) moving outwards at 1 rad/s crosses the limit in one step
        env.setState(0, 0, 0.2094, 1.0);
        env.step(1, obs, 0, mask, 0);
        assertThat(env.terminated()).isTrue();
        env.setState(2.399, 1.0, 0, 0);       // x crosses 2.4
        env.step(1, obs, 0, mask, 0);
        assertThat(env.terminated()).isTrue();
    }

    @Test
    void truncatesAtFiveHundredSteps() {
        CartPole env = new CartPole(new Rng(2));
        env.reset(obs, 0, mask, 0);
        int steps = 0;
        // Balance by pushing towards the side the pole leans to; a simple controller survives 500 steps.
        while (!env.terminated() && !env.truncated()) {
            env.step(obs[2] + 0.5f * obs[3] > 0 ? 1 : 0, obs, 0, mask, 0);
            steps++;
        }
        assertThat(env.truncated()).isTrue();
        assertThat(env.terminated()).isFalse();
        assertThat(steps).isEqualTo(500);
    }

    @Test
    void resetsUniformlyWithinFiveHundredths() {
        CartPole env = new CartPole(new Rng(3));
        for (int i = 0; i < 200; i++) {
            env.reset(obs, 0, mask, 0);
            for (float v : obs) {
                assertThat(v).isBetween(-0.05f, 0.05f);
            }
        }
    }

    @Test
    void anActionOutsideTheSpaceIsRefused() {
        CartPole env = new CartPole(new Rng(1));
        env.reset(obs, 0, mask, 0);
        assertThatThrownBy(() -> env.step(2, obs, 0, mask, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cartpole: action 2 is outside [0, 1]");
    }

    @Test
    void savedStateContinuesIdentically() throws IOException {
        CartPole a = new CartPole(new Rng(4));
        a.reset(obs, 0, mask, 0);
        a.step(1, obs, 0, mask, 0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        a.saveState(new DataOutputStream(bytes));
        CartPole b = new CartPole(new Rng(99));
        b.restoreState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        float[] oa = new float[4];
        float[] ob = new float[4];
        for (int i = 0; i < 300; i++) {
            int act = i % 3 == 0 ? 0 : 1;
            a.step(act, oa, 0, mask, 0);
            b.step(act, ob, 0, mask, 0);
            assertThat(ob).containsExactly(oa);
            if (a.terminated()) {
                a.reset(oa, 0, mask, 0);
                b.reset(ob, 0, mask, 0);
                assertThat(ob).containsExactly(oa);
            }
        }
    }
}
