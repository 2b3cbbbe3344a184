package io.tradeloop.rl.ppo;

import io.tradeloop.core.random.Rng;
import io.tradeloop.rl.classic.CartPoleTraining;
import io.tradeloop.rl.classic.SyntheticMaskedEnv;
import io.tradeloop.rl.env.VecEnv;
import io.tradeloop.rl.nn.ModularNetworkSpec;
import io.tradeloop.rl.nn.ModularPPONetwork;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MaskedPpoTest {
    @Test
    void learnsCartPoleWellBeyondARandomPolicyOnATinyBudget() {
        // 20 updates of 2,048 steps (~3 s). A random policy lasts ~22 steps on CartPole.
        MaskedPpo ppo = CartPoleTraining.trainer(CartPoleTraining.config(40_960), 7);
        double before = CartPoleTraining.evaluate(ppo.network(), 30, 100, false);
        List<UpdateMetrics> log = new ArrayList<>();
        ppo.train(log::add);
        double after = CartPoleTraining.evaluate(ppo.network(), 30, 100, false);
        assertThat(log).hasSize(20);
        assertThat(ppo.globalStep()).isEqualTo(40_960);
        assertThat(before).isLessThan(40);
        assertThat(after).as("mean return after 40k steps (before: %.1f)", before).isGreaterThan(150);
        UpdateMetrics last = log.getLast();
        assertThat(last.entropy()).isBetween(0.0, Math.log(2));
        assertThat(last.actionFractions()[0] + last.actionFractions()[1]).isEqualTo(1.0);
        assertThat(last.logLine(List.of("LEFT", "RIGHT"))).contains("sps=").contains("pg_loss=").contains("approx_kl=")
                .contains("clipfrac=").contains("actions=LEFT:");
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        PpoConfig c = PpoConfig.builder().numEnvs(2).nSteps(64).batchSize(32).epochs(2).totalSteps(512).build();
        MaskedPpo a = CartPoleTraining.trainer(c, 3);
        MaskedPpo b = CartPoleTraining.trainer(c, 3);
        a.train(m -> { });
        b.train(m -> { });
        assertThat(b.network().state()).isEqualTo(a.network().state());
        MaskedPpo other = CartPoleTraining.trainer(c, 4);
        other.train(m -> { });
        assertThat(other.network().state()).isNotEqualTo(a.network().state());
    }

    @Test
    void neverSamplesAForbiddenActionWithTheModularNetwork() {
        // SyntheticMaskedEnv refuses a forbidden action with an exception, so a whole rollout is the check.
        ModularNetworkSpec spec = ModularNetworkSpec.FUNDING;
        Rng rng = new Rng(9);
        List<SyntheticMaskedEnv> envs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            envs.add(new SyntheticMaskedEnv(spec, rng.split()));
        }
        PpoConfig c = PpoConfig.builder().numEnvs(4).nSteps(200).batchSize(100).epochs(1).totalSteps(800)
                .normalizeObservations(true).build();
        MaskedPpo ppo = new MaskedPpo(c, new VecEnv(envs), new ModularPPONetwork(spec, rng.split()), rng.split());
        UpdateMetrics m = ppo.iterate();
        assertThat(m.episodes()).isEqualTo(4);          // 168-step episodes in 200 steps per env
        assertThat(m.actionGroups(envs.getFirst().spec().actionNames())).containsOnlyKeys("HOLD", "ENTER", "EXIT");
        assertThat(m.policyLoss()).isFinite();
        assertThat(m.entropy()).isFinite().isPositive();
    }

    @Test
    void aNetworkOfTheWrongShapeIsRefused() {
        Rng rng = new Rng(1);
        VecEnv envs = CartPoleTraining.environments(2, rng);
        PpoConfig c = PpoConfig.builder().numEnvs(2).nSteps(32).batchSize(32).build();
        assertThatThrownBy(() -> new MaskedPpo(c, envs, new ModularPPONetwork(ModularNetworkSpec.FUNDING, rng), rng))
                .hasMessageContaining("network takes 275 floats -> 36 actions").hasMessageContaining("cartpole gives 4 -> 2");
    }
}
