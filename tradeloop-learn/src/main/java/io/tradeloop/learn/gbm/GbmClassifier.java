package io.tradeloop.learn.gbm;

import io.tradeloop.learn.calibrate.Calibrator;
import io.tradeloop.learn.dataset.DesignMatrix;
import io.tradeloop.learn.model.ModelFiles;
import io.tradeloop.learn.model.ModelProvenance;
import io.tradeloop.learn.model.ProbabilisticClassifier;

import java.nio.file.Path;

/**
 * A trained gradient-boosting classifier (direction down/flat/up, or the meta-label take/skip) with its
 * probability calibration and provenance. Prediction is the Java tree walk plus the calibrator:
 * allocation-free and identical after {@link #save}/{@link #load}.
 */
public final class GbmClassifier implements ProbabilisticClassifier {
    private final TreeEnsemble trees;
    private final int classes;
    private final Calibrator calibrator;
    private final ModelProvenance provenance;

    GbmClassifier(TreeEnsemble trees, int classes, Calibrator calibrator, ModelProvenance provenance) {
        if (classes == 2 ? trees.groups() != 1 : trees.groups() != classes) {
            throw new IllegalArgumentException(classes + " classes need " + (classes == 2 ? 1 : classes) + " tree groups, the model has " + trees.groups());
        }
        this.trees = trees;
        this.classes = classes;
        this.calibrator = calibrator;
        this.provenance = provenance;
    }

    @Override
    public int numClasses() {
        return classes;
    }

    @Override
    public int numFeatures() {
        return trees.features();
    }

    public Calibrator calibrator() {
        return calibrator;
    }

    public ModelProvenance provenance() {
        return provenance;
    }

    public TreeEnsemble trees() {
        return trees;
    }

    public GbmClassifier withProvenance(ModelProvenance p) {
        return new GbmClassifier(trees, classes, calibrator, p);
    }

    @Override
    public void predictProba(float[] x, int offset, double[] out) {
        if (classes == 2) {
            out[0] = trees.margin(x, offset);
        } else {
            trees.margins(x, offset, out);
        }
        calibrator.toProbabilities(out, classes);
    }

    /** Probabilities of every row (evaluation and tests). */
    public double[][] predictAll(DesignMatrix x) {
        double[][] p = new double[x.rows()][Math.max(2, classes)];
        for (int i = 0; i < x.rows(); i++) predictProba(x.values(), x.offset(i), p[i]);
        return p;
    }

    /** The persisted form: provenance, calibrator and the flattened trees. */
    record File(ModelProvenance provenance, int classes, String calibrator, double calibratorA, double calibratorB, double[] calibratorBias,
                TreeEnsemble.TreeArrays trees) {
    }

    public void save(Path file) {
        String kind;
        double a = Double.NaN;
        double b = Double.NaN;
        double[] bias = null;
        switch (calibrator) {
            case Calibrator.Identity i -> kind = "identity";
            case Calibrator.Temperature t -> {
                kind = "temperature";
                a = t.temperature();
            }
            case Calibrator.VectorScaling v -> {
                kind = "vector";
                a = v.temperature();
                bias = v.bias();
            }
            case Calibrator.Platt p -> {
                kind = "platt";
                a = p.a();
                b = p.b();
            }
        }
        ModelFiles.writeJson(file, new File(provenance, classes, kind, a, b, bias, trees.arrays()));
    }

    public static GbmClassifier load(Path file) {
        File f = ModelFiles.readJson(file, File.class);
        Calibrator c = switch (f.calibrator()) {
            case "identity" -> new Calibrator.Identity();
            case "temperature" -> new Calibrator.Temperature(f.calibratorA());
            case "vector" -> new Calibrator.VectorScaling(f.calibratorA(), f.calibratorBias());
            case "platt" -> new Calibrator.Platt(f.calibratorA(), f.calibratorB());
            default -> throw new IllegalArgumentException(file + ": unknown calibrator '" + f.calibrator()
                    + "' (allowed: identity, temperature, vector, platt)");
        };
        return new GbmClassifier(TreeEnsemble.of(f.trees()), f.classes(), c, f.provenance());
    }
}
