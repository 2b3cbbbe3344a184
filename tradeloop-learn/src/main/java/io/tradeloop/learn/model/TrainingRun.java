package io.tradeloop.learn.model;

/**
 * What a trainer needs to know about a run to write the model's provenance.
 *
 * @param name              model name
 * @param dataSource        data file(s) or series name
 * @param dataFromMs        first training bar open time, epoch ms
 * @param dataToMs          last training bar close time, epoch ms
 * @param featureSetVersion version of the feature set that made the inputs
 * @param seed              the run's seed
 */
public record TrainingRun(String name, String dataSource, long dataFromMs, long dataToMs, String featureSetVersion, long seed) {
    /** A run description for tests and tools that train on synthetic arrays. */
    public static TrainingRun synthetic(String name, long seed) {
        return new TrainingRun(name, "synthetic", 0, 0, "synthetic", seed);
    }
}
