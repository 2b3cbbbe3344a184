package io.tradeloop.learn.gbm;

import io.tradeloop.learn.model.ModelFiles;
import io.tradeloop.learn.model.ModelProvenance;

import java.nio.file.Path;

/** A trained gradient-boosting regressor (e.g. of the next-horizon return) with provenance. */
public final class GbmRegressor {
    private final TreeEnsemble trees;
    private final ModelProvenance provenance;

    GbmRegressor(TreeEnsemble trees, ModelProvenance provenance) {
        if (trees.groups() != 1) {
            throw new IllegalArgumentException("a regressor has one output group, the model has " + trees.groups());
        }
        this.trees = trees;
        this.provenance = provenance;
    }

    public double predict(float[] x, int offset) {
        return trees.margin(x, offset);
    }

    public int numFeatures() {
        return trees.features();
    }

    public ModelProvenance provenance() {
        return provenance;
    }

    record File(ModelProvenance provenance, TreeEnsemble.TreeArrays trees) {
    }

    public void save(Path file) {
        ModelFiles.writeJson(file, new File(provenance, trees.arrays()));
    }

    public static GbmRegressor load(Path file) {
        File f = ModelFiles.readJson(file, File.class);
        return new GbmRegressor(TreeEnsemble.of(f.trees()), f.provenance());
    }
}
