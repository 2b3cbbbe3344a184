package io.tradeloop.learn.model;

import java.util.List;
import java.util.Map;

/**
 * Where a trained model came from (Tribuo-style): enough to rebuild it from (data, config, seed,
 * code) and to judge it by its held-out metrics. Saved beside every model.
 *
 * @param name              model name, e.g. {@code gbm-direction-BTC}
 * @param kind              model family, e.g. {@code gbm-classifier}
 * @param createdAt         ISO-8601 UTC creation time
 * @param dataSource        the data file(s) or series name
 * @param dataFromMs        first bar open time used in training, epoch ms
 * @param dataToMs          last bar close time used in training, epoch ms
 * @param dataSha256        SHA-256 of the training inputs (features and labels), hex
 * @param featureSetVersion the feature set's version string
 * @param featureNames      one name per input column, in order
 * @param config            the training configuration, as key → value
 * @param seed              the seed of every random draw in training
 * @param metrics           held-out metrics, e.g. validation accuracy and log-loss
 * @param codeVersion       the tradeloop version that trained it
 */
public record ModelProvenance(String name, String kind, String createdAt, String dataSource, long dataFromMs, long dataToMs,
                              String dataSha256, String featureSetVersion, List<String> featureNames,
                              Map<String, Object> config, long seed, Map<String, Double> metrics, String codeVersion) {
    public ModelProvenance {
        featureNames = List.copyOf(featureNames);
        config = Map.copyOf(config);
        metrics = Map.copyOf(metrics);
    }

    /** The same provenance with more metrics (e.g. test metrics added after evaluation). */
    public ModelProvenance withMetrics(Map<String, Double> more) {
        var m = new java.util.TreeMap<>(metrics);
        m.putAll(more);
        return new ModelProvenance(name, kind, createdAt, dataSource, dataFromMs, dataToMs, dataSha256, featureSetVersion,
                featureNames, config, seed, m, codeVersion);
    }

    /** The running code's version (jar manifest, or {@code dev}). */
    public static String currentCodeVersion() {
        String v = ModelProvenance.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
