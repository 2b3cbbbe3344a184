package io.tradeloop.learn.gbm;

import io.tradeloop.core.config.Checks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gradient-boosting hyperparameters (XGBoost names in brackets).
 *
 * @param maxRounds           boosting rounds before early stopping, in [1, 10 000] (default 400)
 * @param earlyStoppingRounds stop when the validation loss has not improved for this many rounds, in [1, 1000] (default 30)
 * @param learningRate        shrinkage [eta], in [0.001, 1] (default 0.03)
 * @param maxDepth            tree depth [max_depth], in [1, 12] (default 3)
 * @param subsample           row fraction per tree [subsample], in [0.1, 1] (default 0.8)
 * @param colsampleByTree     column fraction per tree [colsample_bytree], in [0.1, 1] (default 0.8)
 * @param minChildWeight      minimum hessian in a leaf [min_child_weight], in [0, 1000] (default 20)
 * @param l2                  L2 on leaf weights [lambda], in [0, 1000] (default 5)
 * @param threads             native threads [nthread], in [1, 256] (default 2)
 */
public record GbmConfig(int maxRounds, int earlyStoppingRounds, double learningRate, int maxDepth, double subsample,
                        double colsampleByTree, double minChildWeight, double l2, int threads) {
    public GbmConfig {
        Checks.inRange("max_rounds", maxRounds, 1, 10_000);
        Checks.inRange("early_stopping_rounds", earlyStoppingRounds, 1, 1000);
        Checks.inRange("learning_rate", learningRate, 0.001, 1);
        Checks.inRange("max_depth", maxDepth, 1, 12);
        Checks.inRange("subsample", subsample, 0.1, 1);
        Checks.inRange("colsample_bytree", colsampleByTree, 0.1, 1);
        Checks.inRange("min_child_weight", minChildWeight, 0, 1000);
        Checks.inRange("lambda", l2, 0, 1000);
        Checks.inRange("threads", threads, 1, 256);
    }

    public static GbmConfig defaults() {
        return new GbmConfig(400, 30, 0.03, 3, 0.8, 0.8, 20, 5, 2);
    }

    public GbmConfig withMaxRounds(int rounds) {
        return new GbmConfig(rounds, earlyStoppingRounds, learningRate, maxDepth, subsample, colsampleByTree, minChildWeight, l2, threads);
    }

    /** The XGBoost parameter map (objective-independent part). */
    Map<String, Object> xgbParams(long seed) {
        var p = new LinkedHashMap<String, Object>();
        p.put("eta", learningRate);
        p.put("max_depth", maxDepth);
        p.put("subsample", subsample);
        p.put("colsample_bytree", colsampleByTree);
        p.put("min_child_weight", minChildWeight);
        p.put("lambda", l2);
        p.put("nthread", threads);
        p.put("tree_method", "hist");
        p.put("seed", (int) (seed ^ (seed >>> 32)));
        p.put("verbosity", 0);
        p.put("verbose_eval", "false"); // read by XGBoost4J itself: no per-round evaluation lines on stdout
        return p;
    }

    /** The configuration as key → value, for provenance. */
    public Map<String, Object> asMap() {
        var m = new LinkedHashMap<String, Object>();
        m.put("max_rounds", maxRounds);
        m.put("early_stopping_rounds", earlyStoppingRounds);
        m.put("learning_rate", learningRate);
        m.put("max_depth", maxDepth);
        m.put("subsample", subsample);
        m.put("colsample_bytree", colsampleByTree);
        m.put("min_child_weight", minChildWeight);
        m.put("lambda", l2);
        m.put("threads", threads);
        return m;
    }
}
