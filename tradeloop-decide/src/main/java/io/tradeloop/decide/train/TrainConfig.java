package io.tradeloop.decide.train;

import io.tradeloop.core.config.Checks;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.decide.pipeline.StackConfig;
import io.tradeloop.features.set.FeatureSetDefinition;
import io.tradeloop.learn.dynamics.DynamicsEnsemble;
import io.tradeloop.learn.gbm.GbmConfig;
import io.tradeloop.learn.label.TripleBarrierConfig;
import io.tradeloop.learn.seq.SequenceModelConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link DirectionalTrainer} trains and on which periods.
 *
 * @param features          the feature set
 * @param validationStartMs first decision time of the validation period (training labels end before it)
 * @param testStartMs       first decision time of the test period (never used in training or selection)
 * @param endMs             end of the data used
 * @param labels            triple-barrier labels
 * @param gbm               gradient boosting (primary, meta and the boosted dynamics member)
 * @param sequence          the sequence ensemble, or null to skip it
 * @param dynamics          the dynamics ensemble, or null to skip it
 * @param walkForwardFolds  purged walk-forward folds for the primary's out-of-fold predictions (the meta-labels' inputs), in [2, 20]
 * @param roundTripCost     fees + slippage of a round trip as a fraction, used to pick the meta threshold on validation, in [0, 0.05]
 * @param seed              the seed of every random draw
 * @param stack             the stack configuration (support threshold for the validation vote)
 */
public record TrainConfig(FeatureSetDefinition features, long validationStartMs, long testStartMs, long endMs, TripleBarrierConfig labels,
                          GbmConfig gbm, SequenceModelConfig sequence, DynamicsEnsemble.Config dynamics, int walkForwardFolds,
                          double roundTripCost, long seed, StackConfig stack) {
    public TrainConfig {
        Checks.notNull("features", features);
        if (!(validationStartMs < testStartMs && testStartMs < endMs)) {
            throw new io.tradeloop.core.config.ConfigException("periods", "validation start " + TimeFormat.iso(validationStartMs)
                    + " < test start " + TimeFormat.iso(testStartMs) + " < end " + TimeFormat.iso(endMs) + " must hold");
        }
        Checks.notNull("labels", labels);
        Checks.notNull("gbm", gbm);
        Checks.inRange("walk_forward_folds", walkForwardFolds, 2, 20);
        Checks.inRange("round_trip_cost", roundTripCost, 0, 0.05);
        Checks.notNull("stack", stack);
    }

    /**
     * The evaluation of issue 4: directional-4h features, train through 2022, validate 2023-H1, test
     * 2023-H2; labels 1τ/1τ over 12 bars (2 days of 4h bars); 5 purged walk-forward folds; 0.25% round trip.
     */
    public static TrainConfig standard(long seed) {
        return new TrainConfig(FeatureSetDefinition.builtin("directional-4h"), TimeFormat.parse("2023-01-01"), TimeFormat.parse("2023-07-01"),
                TimeFormat.parse("2024-01-01"), new TripleBarrierConfig(1.0, 1.0, 12, 50, 0.002), GbmConfig.defaults(),
                SequenceModelConfig.defaults(), new DynamicsEnsemble.Config(3, 0.7, 10, true, 0.0), 5, 0.0025, seed, StackConfig.defaults());
    }

    public TrainConfig withSequence(SequenceModelConfig s) {
        return new TrainConfig(features, validationStartMs, testStartMs, endMs, labels, gbm, s, dynamics, walkForwardFolds, roundTripCost, seed, stack);
    }

    public TrainConfig withGbm(GbmConfig g) {
        return new TrainConfig(features, validationStartMs, testStartMs, endMs, labels, g, sequence, dynamics, walkForwardFolds, roundTripCost, seed, stack);
    }

    public Map<String, Object> asMap() {
        var m = new LinkedHashMap<String, Object>();
        m.put("features", features.id());
        m.put("validation_start", TimeFormat.iso(validationStartMs));
        m.put("test_start", TimeFormat.iso(testStartMs));
        m.put("end", TimeFormat.iso(endMs));
        m.put("labels", labels);
        m.put("gbm", gbm.asMap());
        m.put("sequence", sequence == null ? "off" : sequence.asMap());
        m.put("dynamics", dynamics == null ? "off" : dynamics);
        m.put("walk_forward_folds", walkForwardFolds);
        m.put("round_trip_cost", roundTripCost);
        m.put("seed", seed);
        return m;
    }
}
