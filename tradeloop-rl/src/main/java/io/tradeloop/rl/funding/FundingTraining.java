package io.tradeloop.rl.funding;

import io.tradeloop.core.random.Rng;
import io.tradeloop.rl.env.VecEnv;
import io.tradeloop.rl.env.funding.Curriculum;
import io.tradeloop.rl.env.funding.EnvConfig;
import io.tradeloop.rl.env.funding.FundingArbitrageEnv;
import io.tradeloop.rl.nn.MlpPolicyNetwork;
import io.tradeloop.rl.nn.ModularNetworkSpec;
import io.tradeloop.rl.nn.ModularPPONetwork;
import io.tradeloop.rl.nn.PolicyNetwork;
import io.tradeloop.rl.ppo.MaskedPpo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Wiring of a funding-agent training run: {@code numEnvs} environments (each with its own generator split from
 * the seed and its own market source), the modular network of the contract (an MLP in the simple mode), the
 * masked PPO trainer, and the curriculum, advanced between updates.
 */
public final class FundingTraining {
    private static final Logger LOG = LoggerFactory.getLogger(FundingTraining.class);
    /** Hidden width of the simple mode's MLP. */
    static final int SIMPLE_HIDDEN = 64;

    private final FundingTrainConfig config;
    private final VecEnv envs;
    private final MaskedPpo ppo;
    private final Curriculum curriculum;
    private Curriculum.Stage stage;

    public FundingTraining(FundingTrainConfig config, FundingData data, long seed) {
        this(config, data, seed, 1);
    }

    /**
     * The same with the modular network computing minibatches on {@code networkThreads} (1 or 2) threads: worth it
     * only when the second core is free; results differ from one thread's only in rounding and stay deterministic.
     */
    public FundingTraining(FundingTrainConfig config, FundingData data, long seed, int networkThreads) {
        this.config = config;
        EnvConfig env = data.env();
        Rng root = new Rng(seed);
        curriculum = Curriculum.plan(config.ppo().totalSteps(), config.simpleUntil(), config.sampledUntil());
        stage = curriculum.at(0);
        List<FundingArbitrageEnv> list = new ArrayList<>();
        for (int i = 0; i < config.ppo().numEnvs(); i++) {
            list.add(new FundingArbitrageEnv(env, data.trainingSource(config.realShare(), config.tapeHours(), config.episodesPerTape()),
                    stage.sampler(), root.split()));
        }
        envs = new VecEnv(list);
        PolicyNetwork net = network(env, root.split(), networkThreads);
        ppo = new MaskedPpo(config.ppo(), envs, net, root.split());
    }

    /** The contract's modular network for the full layout, an MLP for the simple one. */
    public static PolicyNetwork network(EnvConfig env, Rng rng) {
        return network(env, rng, 1);
    }

    /** The same, the modular network on {@code threads} threads. */
    public static PolicyNetwork network(EnvConfig env, Rng rng, int threads) {
        if (env.layout().observationSize() == ModularNetworkSpec.FUNDING.observationSize()
                && env.layout().actionCount() == ModularNetworkSpec.FUNDING.actions()) {
            return new ModularPPONetwork(ModularNetworkSpec.FUNDING, rng, threads);
        }
        return new MlpPolicyNetwork(env.layout().observationSize(), env.layout().actionCount(), SIMPLE_HIDDEN, rng);
    }

    public MaskedPpo ppo() {
        return ppo;
    }

    public VecEnv envs() {
        return envs;
    }

    public Curriculum curriculum() {
        return curriculum;
    }

    public FundingTrainConfig config() {
        return config;
    }

    /** The stage in force (its name goes into checkpoints). */
    public String stageName() {
        return stage.name();
    }

    /** Moves every environment to the stage of the trainer's current step (takes effect at their next episodes). */
    public void advanceCurriculum() {
        Curriculum.Stage next = curriculum.at(ppo.globalStep());
        if (next != stage) {
            setStage(next);
        }
    }

    /** After a resume: the stage the checkpoint was in. */
    public void restoreStage(String name) {
        if (name != null && !name.isBlank()) {
            setStage(curriculum.named(name));
        }
    }

    private void setStage(Curriculum.Stage next) {
        LOG.info("curriculum stage={} from_step={} step={} sampler={}", next.name(), next.fromStep(), ppo.globalStep(), next.sampler());
        stage = next;
        for (int i = 0; i < envs.size(); i++) {
            ((FundingArbitrageEnv) envs.env(i)).setEpisodeSampler(next.sampler());
        }
    }
}
