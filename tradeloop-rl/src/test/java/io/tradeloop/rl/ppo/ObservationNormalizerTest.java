package io.tradeloop.rl.ppo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ObservationNormalizerTest {
    @Test
    void runningStatisticsEqualThoseOfAllRowsTogether() {
        // feature 0 sees 1, 3 then 5: mean 3, variance (4 + 0 + 4) / 3 = 8/3
        // feature 1 sees 0, 0 then 6: mean 2, variance (4 + 4 + 16) / 3 = 8
        ObservationNormalizer n = new ObservationNormalizer(2, 10);
        n.update(new float[] {1, 0, 3, 0}, 2);
        n.update(new float[] {5, 6}, 1);
        assertThat(n.count()).isEqualTo(3);
        assertThat(n.mean()[0]).isCloseTo(3, within(1e-12));
        assertThat(n.variance()[0]).isCloseTo(8.0 / 3, within(1e-12));
        assertThat(n.mean()[1]).isCloseTo(2, within(1e-12));
        assertThat(n.variance()[1]).isCloseTo(8, within(1e-12));
        // normalised: (5 - 3) / sqrt(8/3) = 1.2247449; (6 - 2) / sqrt(8) = 1.4142136
        float[] out = new float[2];
        n.normalize(new float[] {5, 6}, 0, out, 0, 1);
        assertThat(out[0]).isCloseTo(1.2247449f, within(1e-6f));
        assertThat(out[1]).isCloseTo(1.4142136f, within(1e-6f));
    }

    @Test
    void normalisedValuesAreClipped() {
        ObservationNormalizer n = new ObservationNormalizer(1, 2);
        n.update(new float[] {-1, 1}, 2);      // mean 0, variance 1
        float[] out = new float[1];
        n.normalize(new float[] {100}, 0, out, 0, 1);
        assertThat(out[0]).isEqualTo(2f);
    }
}
