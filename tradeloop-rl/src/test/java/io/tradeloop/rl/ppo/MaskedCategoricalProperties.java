package io.tradeloop.rl.ppo;

import io.tradeloop.core.random.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MaskedCategoricalProperties {
    @Property(tries = 200)
    void aForbiddenActionIsNeverSampledAndEntropyIsFinite(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int n) {
        Rng rng = new Rng(seed);
        float[] logits = new float[n];
        boolean[] mask = new boolean[n];
        for (int j = 0; j < n; j++) {
            // extreme logits too: a forbidden action with a huge logit must still never come out
            logits[j] = (float) (rng.nextDouble() < 0.2 ? 1e4 * rng.nextGaussian() : 5 * rng.nextGaussian());
            mask[j] = rng.nextDouble() < 0.5;
        }
        mask[rng.nextInt(n)] = true;
        double[] logp = new double[n];
        double h = MaskedCategorical.logSoftmax(logits, 0, mask, 0, n, logp);
        assertThat(h).isFinite().isGreaterThanOrEqualTo(-1e-12);
        double total = 0;
        for (int j = 0; j < n; j++) {
            if (mask[j]) {
                assertThat(logp[j]).isLessThanOrEqualTo(1e-12);
                total += Math.exp(logp[j]);
            } else {
                assertThat(logp[j]).isEqualTo(Double.NEGATIVE_INFINITY);
            }
        }
        assertThat(total).isCloseTo(1.0, within(1e-9));
        for (int k = 0; k < 500; k++) {
            int a = MaskedCategorical.sample(logp, mask, 0, n, rng.nextDouble());
            assertThat(mask[a]).as("sampled action %d is allowed", a).isTrue();
        }
        assertThat(mask[MaskedCategorical.sample(logp, mask, 0, n, Math.nextDown(1.0))]).isTrue();
    }

    @Test
    void logProbabilitiesAndEntropyOverValidActionsOnly() {
        // logits [0, ln 3, 100] with the third forbidden: p = [1/4, 3/4], H = 0.5623351
        float[] logits = {0f, (float) Math.log(3), 100f};
        double[] logp = new double[3];
        double h = MaskedCategorical.logSoftmax(logits, 0, new boolean[] {true, true, false}, 0, 3, logp);
        assertThat(logp[0]).isCloseTo(Math.log(0.25), within(1e-7));
        assertThat(logp[1]).isCloseTo(Math.log(0.75), within(1e-7));
        assertThat(h).isCloseTo(0.5623351, within(1e-7));
        // a single allowed action: probability 1, entropy 0
        h = MaskedCategorical.logSoftmax(logits, 0, new boolean[] {false, false, true}, 0, 3, logp);
        assertThat(logp[2]).isZero();
        assertThat(h).isZero();
    }

    @Test
    void samplingFollowsTheProbabilities() {
        // p = [1/4, 3/4]: u < 0.25 -> 0, else 1
        double[] logp = {Math.log(0.25), Math.log(0.75), Double.NEGATIVE_INFINITY};
        boolean[] mask = {true, true, false};
        assertThat(MaskedCategorical.sample(logp, mask, 0, 3, 0.2499)).isZero();
        assertThat(MaskedCategorical.sample(logp, mask, 0, 3, 0.2501)).isEqualTo(1);
        assertThat(MaskedCategorical.sample(logp, mask, 0, 3, 0.9999)).isEqualTo(1);
    }

    @Test
    void aMaskThatAllowsNothingIsAnError() {
        assertThatThrownBy(() -> MaskedCategorical.logSoftmax(new float[2], 0, new boolean[2], 0, 2, new double[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allows no action");
    }
}
