package io.tradeloop.learn.gbm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * A boosted tree ensemble evaluated in plain Java: the serving form of an XGBoost model. Trees are
 * flattened into shared arrays, so a prediction walks ints and floats and allocates nothing.
 *
 * <p>Semantics follow XGBoost's: at a split on feature f with threshold t, go left when x_f &lt; t
 * (compared in float), right otherwise; a missing (NaN) value takes the node's default direction;
 * a leaf's value is stored in the threshold slot. The margin of output group g is
 * {@code bias[g] + Σ leaves of the trees of group g}.
 */
public final class TreeEnsemble {
    private final int groups;
    private final int features;
    private final int[] treeRoot;
    private final int[] treeGroup;
    private final int[] left;
    private final int[] right;
    private final int[] feature;
    private final float[] threshold;
    private final boolean[] defaultLeft;
    private final double[] bias;

    TreeEnsemble(int groups, int features, int[] treeRoot, int[] treeGroup, int[] left, int[] right, int[] feature,
                 float[] threshold, boolean[] defaultLeft, double[] bias) {
        this.groups = groups;
        this.features = features;
        this.treeRoot = treeRoot;
        this.treeGroup = treeGroup;
        this.left = left;
        this.right = right;
        this.feature = feature;
        this.threshold = threshold;
        this.defaultLeft = defaultLeft;
        this.bias = bias;
    }

    /** Output groups: 1 for binary and regression, the class count for multi-class soft-max. */
    public int groups() {
        return groups;
    }

    public int features() {
        return features;
    }

    public int trees() {
        return treeRoot.length;
    }

    public double[] bias() {
        return bias.clone();
    }

    /** Writes the raw margins of the row at {@code x[offset …]} into {@code out[0 … groups)}. */
    public void margins(float[] x, int offset, double[] out) {
        System.arraycopy(bias, 0, out, 0, groups);
        for (int t = 0; t < treeRoot.length; t++) {
            int node = treeRoot[t];
            while (left[node] >= 0) {
                float v = x[offset + feature[node]];
                boolean goLeft = Float.isNaN(v) ? defaultLeft[node] : v < threshold[node];
                node = goLeft ? left[node] : right[node];
            }
            out[treeGroup[t]] += threshold[node];
        }
    }

    /** The margin of a single-group model (binary or regression). */
    public double margin(float[] x, int offset) {
        double m = bias[0];
        for (int t = 0; t < treeRoot.length; t++) {
            int node = treeRoot[t];
            while (left[node] >= 0) {
                float v = x[offset + feature[node]];
                boolean goLeft = Float.isNaN(v) ? defaultLeft[node] : v < threshold[node];
                node = goLeft ? left[node] : right[node];
            }
            m += threshold[node];
        }
        return m;
    }

    /** A copy with the given per-group bias (used once after training to match XGBoost's base score exactly). */
    TreeEnsemble withBias(double[] newBias) {
        if (newBias.length != groups) {
            throw new IllegalArgumentException("bias needs " + groups + " values, got " + newBias.length);
        }
        return new TreeEnsemble(groups, features, treeRoot, treeGroup, left, right, feature, threshold, defaultLeft, newBias.clone());
    }

    /**
     * Reads the trees of an XGBoost JSON model ({@code Booster.toByteArray("json")}); the bias starts at
     * zero and is set by {@link GbmTrainer} from XGBoost's own margins.
     */
    public static TreeEnsemble fromXgboostJson(byte[] json) {
        try {
            JsonNode doc = new ObjectMapper().readTree(json);
            JsonNode learner = doc.path("learner");
            int numClass = Integer.parseInt(learner.path("learner_model_param").path("num_class").asText("0"));
            int numFeature = Integer.parseInt(learner.path("learner_model_param").path("num_feature").asText("0"));
            int groups = Math.max(1, numClass);
            JsonNode model = learner.path("gradient_booster").path("model");
            JsonNode trees = model.path("trees");
            JsonNode info = model.path("tree_info");
            if (!trees.isArray() || trees.isEmpty()) {
                throw new IllegalArgumentException("XGBoost JSON model has no trees (learner.gradient_booster.model.trees)");
            }
            int nTrees = trees.size();
            int total = 0;
            for (JsonNode t : trees) total += t.path("left_children").size();
            int[] root = new int[nTrees];
            int[] group = new int[nTrees];
            int[] l = new int[total];
            int[] r = new int[total];
            int[] f = new int[total];
            float[] th = new float[total];
            boolean[] dl = new boolean[total];
            int base = 0;
            for (int t = 0; t < nTrees; t++) {
                JsonNode tree = trees.get(t);
                if (tree.path("categories_nodes").size() > 0) {
                    throw new IllegalArgumentException("tree " + t + " has categorical splits, which the evaluator does not support");
                }
                JsonNode lc = tree.path("left_children");
                JsonNode rc = tree.path("right_children");
                JsonNode si = tree.path("split_indices");
                JsonNode sc = tree.path("split_conditions");
                JsonNode dfl = tree.path("default_left");
                int nodes = lc.size();
                root[t] = base;
                group[t] = info.get(t).asInt();
                for (int k = 0; k < nodes; k++) {
                    int lk = lc.get(k).asInt();
                    l[base + k] = lk < 0 ? -1 : base + lk;
                    int rk = rc.get(k).asInt();
                    r[base + k] = rk < 0 ? -1 : base + rk;
                    f[base + k] = si.get(k).asInt();
                    th[base + k] = (float) sc.get(k).asDouble();
                    dl[base + k] = dfl.get(k).asInt() != 0;
                    if (lk >= 0 && (f[base + k] < 0 || f[base + k] >= numFeature)) {
                        throw new IllegalArgumentException("tree " + t + " node " + k + " splits on feature " + f[base + k]
                                + ", outside [0, " + numFeature + ")");
                    }
                }
                base += nodes;
            }
            return new TreeEnsemble(groups, numFeature, root, group, l, r, f, th, dl, new double[groups]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read XGBoost JSON model", e);
        }
    }

    /** The first {@code count} trees (early stopping keeps the best iteration's trees only). */
    TreeEnsemble firstTrees(int count) {
        if (count < 1 || count > treeRoot.length) {
            throw new IllegalArgumentException("cannot keep " + count + " of " + treeRoot.length + " trees");
        }
        int nodes = count == treeRoot.length ? left.length : treeRoot[count];
        return new TreeEnsemble(groups, features, Arrays.copyOf(treeRoot, count), Arrays.copyOf(treeGroup, count),
                Arrays.copyOf(left, nodes), Arrays.copyOf(right, nodes), Arrays.copyOf(feature, nodes),
                Arrays.copyOf(threshold, nodes), Arrays.copyOf(defaultLeft, nodes), bias);
    }

    /** The flattened arrays, for persistence. */
    TreeArrays arrays() {
        return new TreeArrays(groups, features, treeRoot, treeGroup, left, right, feature, threshold, defaultLeft, bias);
    }

    static TreeEnsemble of(TreeArrays a) {
        int n = a.left().length;
        if (a.right().length != n || a.feature().length != n || a.threshold().length != n || a.defaultLeft().length != n) {
            throw new IllegalArgumentException("tree arrays differ in length");
        }
        for (int i = 0; i < n; i++) {
            if (a.left()[i] >= n || a.right()[i] >= n || (a.left()[i] >= 0 && a.feature()[i] >= a.features())) {
                throw new IllegalArgumentException("tree node " + i + " points outside the model");
            }
        }
        return new TreeEnsemble(a.groups(), a.features(), a.treeRoot(), a.treeGroup(), a.left(), a.right(), a.feature(),
                a.threshold(), a.defaultLeft(), a.bias());
    }

    /** The persisted form of a {@link TreeEnsemble}. */
    record TreeArrays(int groups, int features, int[] treeRoot, int[] treeGroup, int[] left, int[] right, int[] feature,
                      float[] threshold, boolean[] defaultLeft, double[] bias) {
    }

    @Override
    public String toString() {
        return "TreeEnsemble[" + trees() + " trees, " + groups + " groups, " + features + " features, bias " + Arrays.toString(bias) + "]";
    }
}
