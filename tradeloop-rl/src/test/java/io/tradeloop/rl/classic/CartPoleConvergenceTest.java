package io.tradeloop.rl.classic;

import io.tradeloop.rl.ppo.MaskedPpo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PPO correctness check of issue 3: CartPole-v1 solved (mean return of the last 100 training
 * episodes >= 475) within 500k steps, for three seeds. About 40 s per seed: {@code mvn -Pslow}.
 */
@Tag("slow")
class CartPoleConvergenceTest {
    private static final Logger LOG = LoggerFactory.getLogger(CartPoleConvergenceTest.class);

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void solvesCartPoleWithinHalfAMillionSteps(long seed) {
        MaskedPpo ppo = CartPoleTraining.trainer(CartPoleTraining.config(500_000), seed);
        long[] solvedAt = {-1};
        double[] best = {0};
        ppo.train(m -> {
            if (!Double.isNaN(m.meanReturn100())) {
                best[0] = Math.max(best[0], m.meanReturn100());
            }
            if (solvedAt[0] < 0 && m.meanReturn100() >= 475) {
                solvedAt[0] = m.globalStep();
            }
        });
        double eval = CartPoleTraining.evaluate(ppo.network(), 100, 1000 + seed, false);
        LOG.info("cartpole seed={} solvedAtStep={} bestReturn100={} finalEvalReturn100={}", seed, solvedAt[0], best[0], eval);
        assertThat(solvedAt[0]).as("first step with a 100-episode mean return >= 475 (best %.1f)", best[0])
                .isBetween(1L, 500_000L);
    }
}
