package io.tradeloop.rl.classic;

import io.tradeloop.core.random.Rng;
import io.tradeloop.rl.nn.ModularNetworkSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyntheticMaskedEnvTest {
    private static final ModularNetworkSpec L = ModularNetworkSpec.FUNDING;

    @Test
    void masksFollowTheSlotsAndForbiddenActionsAreRefused() {
        SyntheticMaskedEnv env = new SyntheticMaskedEnv(L, new Rng(1));
        assertThat(env.spec().observationSize()).isEqualTo(275);
        assertThat(env.spec().actionCount()).isEqualTo(36);
        float[] obs = new float[275];
        boolean[] mask = new boolean[36];
        env.reset(obs, 0, mask, 0);
        Rng pick = new Rng(2);
        for (int step = 0; step < 500; step++) {
            assertThat(mask[0]).isTrue();
            boolean free = false;
            for (int s = 0; s < 5; s++) {
                boolean active = obs[L.executionOffset() + s * 12] == 1f;
                free |= !active;
                assertThat(mask[31 + s]).isEqualTo(active);
            }
            for (int t = 0; t < 10; t++) {
                boolean valid = obs[L.opportunityOffset() + t * 20] == 1f;
                for (int size = 0; size < 3; size++) {
                    assertThat(mask[1 + size * 10 + t]).isEqualTo(valid && free);
                }
            }
            int forbidden = -1;
            for (int a = 0; a < 36; a++) {
                if (!mask[a]) {
                    forbidden = a;
                }
            }
            if (forbidden >= 0) {
                int f = forbidden;
                assertThatThrownBy(() -> env.step(f, new float[275], 0, new boolean[36], 0))
                        .hasMessageContaining("not allowed by the current action mask");
            }
            int a;
            do {
                a = pick.nextInt(36);
            } while (!mask[a]);
            env.step(a, obs, 0, mask, 0);
            if (env.truncated()) {
                assertThat((step + 1) % SyntheticMaskedEnv.EPISODE_STEPS).isZero();
                env.reset(obs, 0, mask, 0);
            }
        }
    }
}
