package io.tradeloop.rl.env.funding;

import io.tradeloop.core.config.Checks;
import io.tradeloop.core.config.ConfigException;

import java.util.List;

/**
 * Training stages by environment step (plan 3.2): each stage says how episodes pick their config and length.
 * The plan's presets: a fixed simple config with 72-hour episodes, then configs sampled as in training
 * ({@link TradingConfig#sampleRandom}) with 120-hour episodes, then every parameter over its full range with
 * 168-hour episodes.
 *
 * @param stages stages in order; the first starts at step 0
 */
public record Curriculum(List<Stage> stages) {
    /**
     * One stage.
     *
     * @param name     recorded in checkpoints so a resumed run continues in the right stage
     * @param fromStep first environment step of the stage
     * @param sampler  how its episodes pick config and length
     */
    public record Stage(String name, long fromStep, EpisodeSampler sampler) {
        public Stage {
            Checks.notBlank("curriculum.stage.name", name);
            Checks.inRange("curriculum.stage.from_step", fromStep, 0L, Long.MAX_VALUE / 2);
            Checks.notNull("curriculum.stage.sampler", sampler);
        }
    }

    public Curriculum {
        if (stages.isEmpty() || stages.getFirst().fromStep() != 0) {
            throw new ConfigException("curriculum.stages", "needs at least one stage and the first must start at step 0");
        }
        for (int i = 1; i < stages.size(); i++) {
            if (stages.get(i).fromStep() <= stages.get(i - 1).fromStep()) {
                throw new ConfigException("curriculum.stages", "stage '" + stages.get(i).name() + "' starts at step "
                        + stages.get(i).fromStep() + ", not after the stage before it (" + stages.get(i - 1).fromStep() + ")");
            }
        }
        stages = List.copyOf(stages);
    }

    /**
     * The plan's three stages over a run of {@code totalSteps}: {@code simple-72h} (fixed
     * {@link TradingConfig#simple()}) for the first {@code firstShare}, {@code sampled-120h} until
     * {@code secondShare}, then {@code full-range-168h}.
     */
    public static Curriculum plan(long totalSteps, double firstShare, double secondShare) {
        Checks.inRange("curriculum.first_share", firstShare, 0.0, 1.0);
        Checks.inRange("curriculum.second_share", secondShare, firstShare, 1.0);
        long s1 = Math.max(1, (long) (firstShare * totalSteps));
        long s2 = Math.max(s1 + 1, (long) (secondShare * totalSteps));
        return new Curriculum(List.of(
                new Stage("simple-72h", 0, EpisodeSampler.fixed(TradingConfig.simple(), 72, 72)),
                new Stage("sampled-120h", s1, EpisodeSampler.sampled(120, 120)),
                new Stage("full-range-168h", s2, EpisodeSampler.fullRange(168, 168))));
    }

    /** The stage in force at environment step {@code step}. */
    public Stage at(long step) {
        Stage s = stages.getFirst();
        for (Stage st : stages) {
            if (st.fromStep() <= step) {
                s = st;
            }
        }
        return s;
    }

    /** The stage of that name (checkpoints store names). */
    public Stage named(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no curriculum stage named '" + name + "'; stages: "
                        + stages.stream().map(Stage::name).toList()));
    }

    /** Longest episode any stage asks for, in hours. */
    public int maxHours() {
        return stages.stream().mapToInt(s -> s.sampler().maxHours()).max().orElse(0);
    }
}
