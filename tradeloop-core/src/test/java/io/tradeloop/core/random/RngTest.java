package io.tradeloop.core.random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RngTest {
    @Test
    void sameSeedSameStreamAndStateRestoresExactly() {
        var a = new Rng(42);
        var b = new Rng(42);
        for (int i = 0; i < 100; i++) {
            assertThat(a.nextLong()).isEqualTo(b.nextLong());
        }
        a.nextGaussian();
        long[] state = a.state();
        double[] expected = {a.nextGaussian(), a.nextDouble(), a.nextInt(7)};
        var c = Rng.fromState(state);
        assertThat(new double[] {c.nextGaussian(), c.nextDouble(), c.nextInt(7)}).containsExactly(expected);
    }

    @Test
    void momentsAreRight() {
        var r = new Rng(7);
        int n = 200_000;
        double sum = 0;
        double sumSq = 0;
        double u = 0;
        int[] counts = new int[5];
        for (int i = 0; i < n; i++) {
            double g = r.nextGaussian();
            sum += g;
            sumSq += g * g;
            u += r.nextDouble();
            counts[r.nextInt(5)]++;
        }
        assertThat(sum / n).isCloseTo(0, within(0.01));
        assertThat(sumSq / n).isCloseTo(1, within(0.01));
        assertThat(u / n).isCloseTo(0.5, within(0.005));
        for (int c : counts) {
            assertThat(c / (double) n).isCloseTo(0.2, within(0.005));
        }
    }
}
