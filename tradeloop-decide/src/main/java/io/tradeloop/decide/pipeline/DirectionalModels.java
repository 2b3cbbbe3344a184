package io.tradeloop.decide.pipeline;

import io.tradeloop.learn.dynamics.DynamicsEnsemble;
import io.tradeloop.learn.gbm.GbmClassifier;
import io.tradeloop.learn.label.TripleBarrierConfig;
import io.tradeloop.learn.model.ModelFiles;
import io.tradeloop.learn.model.ModelProvenance;
import io.tradeloop.learn.seq.SequenceEnsemble;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The trained models of the directional stack and the numbers chosen for them on the validation period.
 *
 * @param primary           3-class direction model (down, flat, up)
 * @param meta              take/skip model; its input is the feature row followed by {@link #META_EXTRA} values
 * @param sequence          the sequence ensemble (null when not trained)
 * @param dynamics          the dynamics ensemble (null when not trained)
 * @param weights           voting weight of each family: gbm, seq, dyn (the dynamics weight is split by member weight)
 * @param metaThreshold     P(take) needed, chosen on validation
 * @param signalScale       |vote signal| that maps to fuzzy signal 1 (the validation 90th percentile)
 * @param labels            the triple-barrier configuration the labels used (stops and time exit follow it)
 * @param featureSetVersion the feature set's version
 * @param featureNames      the input columns
 * @param report            validation and test metrics of the training run, by name
 */
public record DirectionalModels(GbmClassifier primary, GbmClassifier meta, SequenceEnsemble sequence, DynamicsEnsemble dynamics,
                                Map<String, Double> weights, double metaThreshold, double signalScale, TripleBarrierConfig labels,
                                String featureSetVersion, List<String> featureNames, Map<String, Double> report) {

    /** The meta model reads the features then: side (±1), the primary's P(up) − P(down), the primary's confidence. */
    public static final int META_EXTRA = 3;

    public DirectionalModels {
        weights = Map.copyOf(weights);
        featureNames = List.copyOf(featureNames);
        report = Map.copyOf(report);
        if (primary.numClasses() != 3) {
            throw new IllegalArgumentException("the primary model must have 3 classes, has " + primary.numClasses());
        }
        if (meta != null && meta.numFeatures() != primary.numFeatures() + META_EXTRA) {
            throw new IllegalArgumentException("the meta model reads " + meta.numFeatures() + " inputs, expected " + (primary.numFeatures() + META_EXTRA));
        }
    }

    public double weight(String family) {
        return weights.getOrDefault(family, 0.0);
    }

    /** Saves into {@code dir}: bundle.json, primary.json, meta.json, sequence/, dynamics/. */
    public void save(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + dir, e);
        }
        primary.save(dir.resolve("primary.json"));
        if (meta != null) meta.save(dir.resolve("meta.json"));
        if (sequence != null) sequence.save(dir.resolve("sequence"));
        if (dynamics != null) {
            try {
                Files.createDirectories(dir.resolve("dynamics"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot create " + dir.resolve("dynamics"), e);
            }
            dynamics.save(dir.resolve("dynamics"), primary.provenance());
        }
        ModelFiles.writeJson(dir.resolve("bundle.json"), new Header(weights, metaThreshold, signalScale, labels, featureSetVersion, featureNames,
                report, meta != null, sequence != null, dynamics != null));
    }

    record Header(Map<String, Double> weights, double metaThreshold, double signalScale, TripleBarrierConfig labels, String featureSetVersion,
                  List<String> featureNames, Map<String, Double> report, boolean hasMeta, boolean hasSequence, boolean hasDynamics) {
    }

    public static DirectionalModels load(Path dir) {
        Header h = ModelFiles.readJson(dir.resolve("bundle.json"), Header.class);
        return new DirectionalModels(GbmClassifier.load(dir.resolve("primary.json")),
                h.hasMeta() ? GbmClassifier.load(dir.resolve("meta.json")) : null,
                h.hasSequence() ? SequenceEnsemble.load(dir.resolve("sequence")) : null,
                h.hasDynamics() ? DynamicsEnsemble.load(dir.resolve("dynamics")) : null,
                h.weights(), h.metaThreshold(), h.signalScale(), h.labels(), h.featureSetVersion(), h.featureNames(), h.report());
    }

    /** The primary model's provenance (the bundle's data span, hash and seed). */
    public ModelProvenance provenance() {
        return primary.provenance();
    }
}
