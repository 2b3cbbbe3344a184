package io.tradeloop.learn.gbm;

import io.tradeloop.learn.calibrate.Calibrator;
import io.tradeloop.learn.calibrate.Calibrators;
import io.tradeloop.learn.dataset.DesignMatrix;
import io.tradeloop.learn.metrics.ClassificationMetrics;
import io.tradeloop.learn.model.DataFingerprint;
import io.tradeloop.learn.model.ModelProvenance;
import io.tradeloop.learn.model.TrainingRun;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trains gradient-boosted trees with XGBoost4J (early stopping on the validation rows), converts them
 * to a {@link TreeEnsemble} for serving, checks that the Java evaluator reproduces XGBoost's margins,
 * and calibrates class probabilities on the validation rows (temperature scaling, or temperature and
 * per-class bias, for 3+ classes; Platt scaling for 2).
 */
public final class GbmTrainer {
    private static final Logger log = LoggerFactory.getLogger(GbmTrainer.class);
    /** Largest disagreement between XGBoost's margins and the Java evaluator's before training fails. */
    static final double EVALUATOR_TOLERANCE = 1e-4;

    /**
     * How a multi-class model is calibrated. TEMPERATURE keeps every arg-max the training produced
     * (it only sharpens or softens); VECTOR also re-weights the classes to the calibration period's
     * frequencies, which lowers log-loss under a prior shift but can make the majority class win
     * every arg-max (a weak signal is then never traded on).
     */
    public enum MultiClassCalibration { TEMPERATURE, VECTOR }

    private final GbmConfig config;
    private final MultiClassCalibration multiClass;

    public GbmTrainer(GbmConfig config) {
        this(config, MultiClassCalibration.TEMPERATURE);
    }

    public GbmTrainer(GbmConfig config, MultiClassCalibration multiClass) {
        this.config = config;
        this.multiClass = multiClass;
    }

    /**
     * A classifier for labels {@code y} in [0, classes). Validation rows drive early stopping and
     * calibration, and their metrics go into the provenance.
     */
    public GbmClassifier trainClassifier(DesignMatrix x, int[] y, DesignMatrix validX, int[] validY, int classes, TrainingRun run) {
        checkLabels("train", y, x.rows(), classes);
        checkLabels("validation", validY, validX.rows(), classes);
        var params = config.xgbParams(run.seed());
        if (classes == 2) {
            params.put("objective", "binary:logistic");
            params.put("eval_metric", "logloss");
        } else {
            params.put("objective", "multi:softprob");
            params.put("num_class", classes);
            params.put("eval_metric", "mlogloss");
        }
        Fitted f = fit(x, toFloat(y), validX, toFloat(validY), params);
        int groups = f.trees.groups();
        double[][] vm = margins(f.trees, validX);
        Calibrator cal = classes == 2 ? Calibrators.fitPlatt(column0(vm), validY)
                : multiClass == MultiClassCalibration.VECTOR ? Calibrators.fitVectorScaling(vm, validY, classes)
                : Calibrators.fitTemperature(vm, validY, classes);
        var uncal = new GbmClassifier(f.trees, classes, new Calibrator.Identity(), null);
        var model = new GbmClassifier(f.trees, classes, cal, null);
        var metrics = new LinkedHashMap<String, Double>();
        metrics.putAll(ClassificationMetrics.of(model.predictAll(validX), validY).asMap("validation"));
        metrics.put("validation.log_loss_uncalibrated", ClassificationMetrics.of(uncal.predictAll(validX), validY).logLoss());
        metrics.put("best_iteration", (double) f.bestIteration);
        metrics.put("trees", (double) f.trees.trees());
        log.info("gbm trained name={} classes={} rows={} valid_rows={} best_iteration={} calibrator={} valid_accuracy={} valid_log_loss={}",
                run.name(), classes, x.rows(), validX.rows(), f.bestIteration, cal, metrics.get("validation.accuracy"),
                metrics.get("validation.log_loss"));
        var prov = provenance(run, classes == 2 ? "gbm-binary-classifier" : "gbm-classifier", x, y, groups, metrics);
        return new GbmClassifier(f.trees, classes, cal, prov);
    }

    /** A squared-error regressor of {@code target} (e.g. the next-horizon return). */
    public GbmRegressor trainRegressor(DesignMatrix x, double[] target, DesignMatrix validX, double[] validTarget, TrainingRun run) {
        var params = config.xgbParams(run.seed());
        params.put("objective", "reg:squarederror");
        params.put("eval_metric", "rmse");
        Fitted f = fit(x, toFloat(target), validX, toFloat(validTarget), params);
        double sse = 0;
        for (int i = 0; i < validX.rows(); i++) {
            double e = f.trees.margin(validX.values(), validX.offset(i)) - validTarget[i];
            sse += e * e;
        }
        var metrics = new LinkedHashMap<String, Double>();
        metrics.put("validation.rmse", Math.sqrt(sse / Math.max(1, validX.rows())));
        metrics.put("best_iteration", (double) f.bestIteration);
        var fp = new DataFingerprint().add(x.values()).add(target);
        var prov = new ModelProvenance(run.name(), "gbm-regressor", Instant.now().toString(), run.dataSource(), run.dataFromMs(),
                run.dataToMs(), fp.hex(), run.featureSetVersion(), x.names(), config.asMap(), run.seed(), metrics,
                ModelProvenance.currentCodeVersion());
        return new GbmRegressor(f.trees, prov);
    }

    private record Fitted(TreeEnsemble trees, int bestIteration) {
    }

    private Fitted fit(DesignMatrix x, float[] y, DesignMatrix validX, float[] validY, Map<String, Object> params) {
        DMatrix train = null;
        DMatrix valid = null;
        Booster booster = null;
        try {
            train = new DMatrix(x.values(), x.rows(), x.cols(), Float.NaN);
            train.setLabel(y);
            valid = new DMatrix(validX.values(), validX.rows(), validX.cols(), Float.NaN);
            valid.setLabel(validY);
            var watches = new LinkedHashMap<String, DMatrix>();
            watches.put("train", train);
            watches.put("valid", valid); // early stopping watches the last entry
            float[][] history = new float[2][config.maxRounds()];
            booster = XGBoost.train(train, params, config.maxRounds(), watches, history, null, null, config.earlyStoppingRounds());
            String best = booster.getAttr("best_iteration");
            int bestIteration = best == null ? booster.getNumBoostedRound() - 1 : Integer.parseInt(best.trim());
            TreeEnsemble all = TreeEnsemble.fromXgboostJson(booster.toByteArray("json"));
            // XGBoost adds a base score whose encoding varies by objective and version: take the bias from
            // its own margins, and fail loudly if the evaluator disagrees with XGBoost on any checked row.
            float[][] xgbMargins = booster.predict(train, true);
            int groups = all.groups();
            double[] bias = new double[groups];
            double[] m = new double[groups];
            int check = Math.min(x.rows(), 64);
            all.margins(x.values(), 0, m);
            for (int g = 0; g < groups; g++) bias[g] = xgbMargins[0][g] - m[g];
            TreeEnsemble withBias = all.withBias(bias);
            for (int i = 0; i < check; i++) {
                withBias.margins(x.values(), x.offset(i), m);
                for (int g = 0; g < groups; g++) {
                    if (Math.abs(m[g] - xgbMargins[i][g]) > EVALUATOR_TOLERANCE * Math.max(1, Math.abs(xgbMargins[i][g]))) {
                        throw new IllegalStateException("tree evaluator disagrees with XGBoost at row " + i + " group " + g
                                + ": " + m[g] + " vs " + xgbMargins[i][g]);
                    }
                }
            }
            int keep = (bestIteration + 1) * groups;
            return new Fitted(keep < withBias.trees() ? withBias.firstTrees(keep) : withBias, bestIteration);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost training failed: " + e.getMessage(), e);
        } finally {
            if (booster != null) booster.dispose();
            if (train != null) train.dispose();
            if (valid != null) valid.dispose();
        }
    }

    private ModelProvenance provenance(TrainingRun run, String kind, DesignMatrix x, int[] y, int groups, Map<String, Double> metrics) {
        var fp = new DataFingerprint().add(x.values()).add(y);
        var cfg = new LinkedHashMap<>(config.asMap());
        cfg.put("groups", groups);
        return new ModelProvenance(run.name(), kind, Instant.now().toString(), run.dataSource(), run.dataFromMs(), run.dataToMs(),
                fp.hex(), run.featureSetVersion(), x.names(), cfg, run.seed(), metrics, ModelProvenance.currentCodeVersion());
    }

    static double[][] margins(TreeEnsemble t, DesignMatrix x) {
        double[][] out = new double[x.rows()][t.groups()];
        for (int i = 0; i < x.rows(); i++) t.margins(x.values(), x.offset(i), out[i]);
        return out;
    }

    private static double[] column0(double[][] m) {
        double[] c = new double[m.length];
        for (int i = 0; i < m.length; i++) c[i] = m[i][0];
        return c;
    }

    private static float[] toFloat(int[] y) {
        float[] f = new float[y.length];
        for (int i = 0; i < y.length; i++) f[i] = y[i];
        return f;
    }

    private static float[] toFloat(double[] y) {
        float[] f = new float[y.length];
        for (int i = 0; i < y.length; i++) f[i] = (float) y[i];
        return f;
    }

    private static void checkLabels(String what, int[] y, int rows, int classes) {
        if (rows == 0) {
            throw new IllegalArgumentException(what + " has no rows: early stopping and calibration need held-out rows");
        }
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
        }
        if (y.length != rows) {
            throw new IllegalArgumentException(what + " has " + rows + " rows but " + y.length + " labels");
        }
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0 || y[i] >= classes) {
                throw new IllegalArgumentException(what + " label at row " + i + " is " + y[i] + ", allowed [0, " + (classes - 1) + "]");
            }
        }
    }
}
