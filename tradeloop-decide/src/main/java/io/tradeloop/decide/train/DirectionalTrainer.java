package io.tradeloop.decide.train;

import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.decide.pipeline.DirectionalModels;
import io.tradeloop.decide.vote.ModelVote;
import io.tradeloop.decide.vote.VoteResult;
import io.tradeloop.decide.vote.WeightedVote;
import io.tradeloop.features.scaling.FittedScaler;
import io.tradeloop.learn.cv.ChronologicalSplit;
import io.tradeloop.learn.cv.CvFold;
import io.tradeloop.learn.cv.PurgedWalkForward;
import io.tradeloop.learn.dataset.DesignMatrix;
import io.tradeloop.learn.dynamics.DynamicsEnsemble;
import io.tradeloop.learn.gbm.GbmClassifier;
import io.tradeloop.learn.gbm.GbmConfig;
import io.tradeloop.learn.gbm.GbmTrainer;
import io.tradeloop.learn.label.Barrier;
import io.tradeloop.learn.label.BarrierLabels;
import io.tradeloop.learn.label.TripleBarrierLabeler;
import io.tradeloop.learn.metrics.ClassificationMetrics;
import io.tradeloop.learn.model.EnsembleOutput;
import io.tradeloop.learn.model.TrainingRun;
import io.tradeloop.learn.seq.SequenceEnsemble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Trains the directional stack on one or more assets pooled (training code: it reads labels, which
 * look ahead). Periods: training rows whose label windows end before the validation start (minus an
 * embargo of one label horizon), validation rows up to the test start, test rows after it. Steps:
 * <ol>
 *   <li>triple-barrier labels per asset (long- and short-side barriers);</li>
 *   <li>the primary 3-class GBM, early-stopped and calibrated on validation;</li>
 *   <li>purged walk-forward out-of-fold primary predictions on the training period, so the meta model
 *       learns from predictions made on data the primary had not seen (in-sample predictions would be
 *       over-confident); the meta GBM learns take/skip from them, its threshold is chosen on validation
 *       by net trade return;</li>
 *   <li>the sequence ensemble and the dynamics ensemble;</li>
 *   <li>family voting weights from each family's validation log-loss gain over the class prior, and the
 *       fuzzy signal scale (90th percentile of |vote signal| on validation).</li>
 * </ol>
 * The test period is only scored, for the report; nothing is chosen on it.
 */
public final class DirectionalTrainer {
    private static final Logger log = LoggerFactory.getLogger(DirectionalTrainer.class);

    private final TrainConfig config;

    public DirectionalTrainer(TrainConfig config) {
        this.config = config;
    }

    /** The trained bundle, the scalers it needs per asset, and the report. */
    public record Result(DirectionalModels models, Map<String, FittedScaler> scalers, Map<String, Double> report, Samples samples) {
    }

    /** The pooled samples, kept for evaluation: pooled design matrix, and per period the sample rows. */
    public record Samples(DesignMatrix x, int[] asset, int[] bar, int[] y, int[] train, int[] validation, int[] test,
                          double[] longReturn, double[] shortReturn, boolean[] longProfitFirst, boolean[] shortProfitFirst,
                          int[] seqOk) {
    }

    public Result train(List<AssetFeatures> assets) {
        long t0 = System.nanoTime();
        var lc = config.labels();
        int h = lc.horizonBars();
        List<String> names = assets.get(0).columns();
        for (AssetFeatures a : assets) {
            if (!a.columns().equals(names)) {
                throw new IllegalArgumentException("asset " + a.name() + " has columns " + a.columns() + ", expected " + names
                        + " (scalers dropped different features; use a collapse policy that keeps columns)");
            }
        }
        int f = names.size();
        int window = config.sequence() == null ? 1 : config.sequence().window();
        long tf = assets.get(0).bars().timeframe().millis();

        // Pooled rows: every asset's ready rows, one after the other.
        int total = 0;
        int[] base = new int[assets.size()];
        for (int a = 0; a < assets.size(); a++) {
            base[a] = total - assets.get(a).firstReady();
            total += assets.get(a).rows() - assets.get(a).firstReady();
        }
        float[] xs = new float[total * f];
        for (int a = 0; a < assets.size(); a++) {
            var af = assets.get(a);
            System.arraycopy(af.scaled(), af.firstReady() * f, xs, (base[a] + af.firstReady()) * f, (af.rows() - af.firstReady()) * f);
        }
        DesignMatrix x = new DesignMatrix(xs, total, f, names);

        // Samples per period, with their label windows on the common bar grid for purging.
        List<int[]> tr = new ArrayList<>();
        List<int[]> va = new ArrayList<>();
        List<int[]> te = new ArrayList<>();
        int[] sAsset = new int[total];
        int[] sBar = new int[total];
        int[] sY = new int[total];
        double[] lRet = new double[total];
        double[] sRet = new double[total];
        boolean[] lWin = new boolean[total];
        boolean[] sWin = new boolean[total];
        int[] seqOk = new int[total];
        double[] fwd = new double[total];
        double[] tau = new double[total];
        Arrays.fill(fwd, Double.NaN);
        var labeler = new TripleBarrierLabeler(lc);
        for (int a = 0; a < assets.size(); a++) {
            var af = assets.get(a);
            var b = af.bars();
            int n = b.size();
            BarrierLabels up = labeler.label(b.opens(), b.highs(), b.lows(), b.closes(), n, 1);
            BarrierLabels down = labeler.label(b.opens(), b.highs(), b.lows(), b.closes(), n, -1);
            int from = af.firstReady();
            int[] start = new int[n - from];
            int[] end = new int[n - from];
            for (int i = from; i < n; i++) {
                start[i - from] = i;
                end[i - from] = up.isLabelled(i) ? up.endIndex()[i] : i;
            }
            int vs = af.rowAtOrAfterClose(config.validationStartMs());
            int ts = af.rowAtOrAfterClose(config.testStartMs());
            int es = af.rowAtOrAfterClose(config.endMs());
            var split = ChronologicalSplit.of(start, end, vs, ts, es, h);
            for (int i = from; i < n; i++) {
                int p = base[a] + i;
                sAsset[p] = a;
                sBar[p] = i;
                sY[p] = up.isLabelled(i) ? up.classIndex(i) : -1;
                lRet[p] = up.returnAtTouch()[i];
                sRet[p] = -down.returnAtTouch()[i];
                lWin[p] = up.barrier()[i] == Barrier.UPPER;
                sWin[p] = down.barrier()[i] == Barrier.LOWER;
                seqOk[p] = i - window + 1 >= from ? 1 : 0;
                tau[p] = up.targetReturn()[i];
                if (i + h < n) fwd[p] = b.close(i + h) / b.close(i) - 1;
            }
            addLabelled(tr, split.train(), from, base[a], sY, a);
            addLabelled(va, split.validation(), from, base[a], sY, a);
            addLabelled(te, split.test(), from, base[a], sY, a);
        }
        int[] train = byTime(tr, assets, tf);
        int[] valid = byTime(va, assets, tf);
        int[] test = byTime(te, assets, tf);
        var samples = new Samples(x, sAsset, sBar, sY, train, valid, test, lRet, sRet, lWin, sWin, seqOk);
        log.info("directional samples train={} validation={} test={} features={} assets={}", train.length, valid.length, test.length, f,
                assets.stream().map(AssetFeatures::name).toList());
        Map<String, Double> report = new LinkedHashMap<>();
        report.put("samples.train", (double) train.length);
        report.put("samples.validation", (double) valid.length);
        report.put("samples.test", (double) test.length);
        putShares(report, "validation", pick(sY, valid));
        putShares(report, "test", pick(sY, test));

        // Primary.
        long seed = config.seed();
        var trainer = new GbmTrainer(config.gbm());
        var run = run("gbm-direction", assets, seed);
        GbmClassifier primary = trainer.trainClassifier(x.select(train), pick(sY, train), x.select(valid), pick(sY, valid), 3, run);
        int best = primary.provenance().metrics().get("best_iteration").intValue();
        scoreInto(report, "gbm", primary.predictAll(x.select(valid)), pick(sY, valid), primary.predictAll(x.select(test)), pick(sY, test));

        // Out-of-fold primary predictions on the training period → meta-label training set.
        double[][] oof = new double[total][];
        int[] startGrid = new int[train.length];
        int[] endGrid = new int[train.length];
        for (int k = 0; k < train.length; k++) {
            int p = train[k];
            var b = assets.get(sAsset[p]).bars();
            startGrid[k] = (int) (b.openTimeMs(sBar[p]) / tf);
            endGrid[k] = (int) (b.openTimeMs(Math.min(b.size() - 1, sBar[p] + h)) / tf);
        }
        var folds = PurgedWalkForward.anchored(config.walkForwardFolds(), h).split(startGrid, endGrid);
        GbmConfig foldCfg = new GbmConfig(best + 1, best + 1, config.gbm().learningRate(), config.gbm().maxDepth(), config.gbm().subsample(),
                config.gbm().colsampleByTree(), config.gbm().minChildWeight(), config.gbm().l2(), config.gbm().threads());
        int oofCorrect = 0;
        int oofCount = 0;
        for (CvFold fold : folds) {
            int[] ftr = mapRows(train, fold.train());
            int[] fte = mapRows(train, fold.test());
            if (ftr.length < 200) continue;
            int cut = (int) (ftr.length * 0.9);
            int[] fit = Arrays.copyOf(ftr, cut);
            int[] cal = Arrays.copyOfRange(ftr, cut, ftr.length);
            var m = new GbmTrainer(foldCfg).trainClassifier(x.select(fit), pick(sY, fit), x.select(cal), pick(sY, cal), 3,
                    run("gbm-direction-fold" + fold.index(), assets, seed + 1 + fold.index()));
            double[][] p = m.predictAll(x.select(fte));
            for (int k = 0; k < fte.length; k++) {
                oof[fte[k]] = p[k];
                if (argmax(p[k]) == sY[fte[k]]) oofCorrect++;
                oofCount++;
            }
        }
        report.put("gbm.walk_forward_oof.accuracy", oofCount == 0 ? Double.NaN : (double) oofCorrect / oofCount);
        report.put("gbm.walk_forward_oof.samples", (double) oofCount);

        // Meta-labels on the primary's out-of-sample sides.
        double[][] validP = primary.predictAll(x.select(valid));
        var metaTrain = metaSet(x, samples, train, oof);
        double[][] validByRow = new double[total][];
        for (int k = 0; k < valid.length; k++) validByRow[valid[k]] = validP[k];
        var metaValid = metaSet(x, samples, valid, validByRow);
        GbmClassifier meta = trainer.trainClassifier(metaTrain.x(), metaTrain.y(), metaValid.x(), metaValid.y(), 2, run("gbm-meta", assets, seed + 100));
        double[][] pm = meta.predictAll(metaValid.x());
        double threshold = chooseMetaThreshold(pm, metaValid, report);
        report.put("meta.train_samples", (double) metaTrain.y().length);
        report.put("meta.validation_samples", (double) metaValid.y().length);
        report.put("meta.validation.accuracy", ClassificationMetrics.of(pm, metaValid.y()).accuracy());
        report.put("meta.validation.take_rate_of_profitable", share(metaValid.y()));
        double[][] testP = primary.predictAll(x.select(test));
        double[][] testByRow = new double[total][];
        for (int k = 0; k < test.length; k++) testByRow[test[k]] = testP[k];
        var metaTest = metaSet(x, samples, test, testByRow);
        if (metaTest.y().length > 0) report.put("meta.test.accuracy", ClassificationMetrics.of(meta.predictAll(metaTest.x()), metaTest.y()).accuracy());

        // Sequence ensemble.
        SequenceEnsemble seq = null;
        if (config.sequence() != null) {
            int[] st = filter(train, seqOk);
            int[] sv = filter(valid, seqOk);
            int[] stest = filter(test, seqOk);
            seq = SequenceEnsemble.train(x, st, pick(sY, st), sv, pick(sY, sv), 3, config.sequence(), run("sequence", assets, seed + 200));
            report.put("seq.train.samples_per_second", seq.provenance().metrics().get("train.samples_per_second"));
            scoreInto(report, "seq", seq.meanProbabilities(x, sv), pick(sY, sv), seq.meanProbabilities(x, stest), pick(sY, stest));
        }

        // Dynamics ensemble on the forward return over the label horizon.
        DynamicsEnsemble dyn = null;
        if (config.dynamics() != null) {
            int[] dt = Arrays.stream(train).filter(p -> !Double.isNaN(fwd[p])).toArray();
            int[] dv = Arrays.stream(valid).filter(p -> !Double.isNaN(fwd[p])).toArray();
            double[] taus = Arrays.stream(dt).mapToDouble(p -> tau[p]).sorted().toArray();
            double deadBand = 0.5 * lc.profitTakeMult() * taus[taus.length / 2];
            var dc = config.dynamics();
            dyn = DynamicsEnsemble.train(x, fwd, dt, dv, new DynamicsEnsemble.Config(dc.ridgeMembers(), dc.featureFraction(), dc.ridgeLambda(),
                    dc.gbmMember(), deadBand), config.gbm(), run("dynamics", assets, seed + 300));
            report.put("dyn.dead_band", deadBand);
            scoreInto(report, "dyn", dynamicsProbs(dyn, x, valid), pick(sY, valid), dynamicsProbs(dyn, x, test), pick(sY, test));
        }

        // Family weights from validation log-loss gain over the class prior, then the signal scale.
        double prior = entropy(pick(sY, valid));
        report.put("validation.prior_log_loss", prior);
        Map<String, Double> w = new LinkedHashMap<>();
        w.put("gbm", Math.max(0.01, prior - report.get("gbm.validation.log_loss")));
        if (seq != null) w.put("seq", Math.max(0.01, prior - report.get("seq.validation.log_loss")));
        if (dyn != null) w.put("dyn", Math.max(0.01, prior - report.get("dyn.validation.log_loss")));
        double sum = w.values().stream().mapToDouble(Double::doubleValue).sum();
        w.replaceAll((k, v) -> v / sum);
        w.forEach((k, v) -> report.put("weight." + k, v));

        var partial = new DirectionalModels(primary, meta, seq, dyn, w, threshold, 1.0, lc, config.features().id(), names, Map.of());
        double[] validSignal = voteSignals(partial, x, valid, seqOk, window, report, "validation", pick(sY, valid));
        voteSignals(partial, x, test, seqOk, window, report, "test", pick(sY, test));
        double[] abs = Arrays.stream(validSignal).map(Math::abs).sorted().toArray();
        double scale = Math.max(1e-3, abs[(int) Math.min(abs.length - 1, Math.floor(0.9 * abs.length))]);
        report.put("signal_scale", scale);
        report.put("train.seconds", (System.nanoTime() - t0) / 1e9);
        var models = new DirectionalModels(primary, meta, seq, dyn, w, threshold, scale, lc, config.features().id(), names, report);
        Map<String, FittedScaler> scalers = new LinkedHashMap<>();
        for (AssetFeatures a : assets) scalers.put(a.name(), a.scaler());
        log.info("directional stack trained seconds={} weights={} meta_threshold={} signal_scale={}", report.get("train.seconds"), w, threshold, scale);
        return new Result(models, scalers, report, samples);
    }

    private TrainingRun run(String name, List<AssetFeatures> assets, long seed) {
        long from = assets.stream().mapToLong(a -> a.bars().openTimeMs(a.firstReady())).min().orElse(0);
        String src = String.join(",", assets.stream().map(AssetFeatures::name).toList());
        return new TrainingRun(name, src, from, config.validationStartMs(), config.features().id(), seed);
    }

    private static void addLabelled(List<int[]> out, int[] rows, int from, int base, int[] y, int asset) {
        for (int r : rows) {
            int p = base + from + r;
            if (y[p] >= 0) out.add(new int[] {p, asset});
        }
    }

    /** Pooled rows in decision-time order (ties: asset order), so walk-forward folds cut across assets at one time. */
    private static int[] byTime(List<int[]> rows, List<AssetFeatures> assets, long tf) {
        return rows.stream().sorted((a, b) -> {
            int c = Long.compare(timeOf(a, assets), timeOf(b, assets));
            return c != 0 ? c : Integer.compare(a[1], b[1]);
        }).mapToInt(r -> r[0]).toArray();
    }

    private static long timeOf(int[] r, List<AssetFeatures> assets) {
        var af = assets.get(r[1]);
        int p = r[0];
        // pooled index → bar index: base[a] + i = p, with base = offset - firstReady; recover via search on the asset's bars
        return af.bars().openTimeMs(barOf(p, assets, r[1]));
    }

    private static int barOf(int pooled, List<AssetFeatures> assets, int asset) {
        int offset = 0;
        for (int a = 0; a < asset; a++) offset += assets.get(a).rows() - assets.get(a).firstReady();
        return pooled - offset + assets.get(asset).firstReady();
    }

    private static int[] mapRows(int[] rows, int[] idx) {
        int[] o = new int[idx.length];
        for (int k = 0; k < idx.length; k++) o[k] = rows[idx[k]];
        return o;
    }

    private static int[] filter(int[] rows, int[] ok) {
        return Arrays.stream(rows).filter(p -> ok[p] == 1).toArray();
    }

    static int[] pick(int[] y, int[] rows) {
        int[] o = new int[rows.length];
        for (int i = 0; i < rows.length; i++) o[i] = y[rows[i]];
        return o;
    }

    private static int argmax(double[] p) {
        int a = 0;
        for (int k = 1; k < p.length; k++) if (p[k] > p[a]) a = k;
        return a;
    }

    /** The meta-label set: rows where the given primary probabilities point long or short. */
    record MetaSet(DesignMatrix x, int[] y, int[] rows, int[] side, double[] tradeReturn) {
    }

    private static MetaSet metaSet(DesignMatrix x, Samples s, int[] rows, double[][] primaryByRow) {
        int f = x.cols();
        List<Integer> keep = new ArrayList<>();
        for (int p : rows) {
            if (primaryByRow[p] != null && argmax(primaryByRow[p]) != 1) keep.add(p);
        }
        int n = keep.size();
        float[] v = new float[n * (f + DirectionalModels.META_EXTRA)];
        int[] y = new int[n];
        int[] side = new int[n];
        int[] rr = new int[n];
        double[] ret = new double[n];
        for (int k = 0; k < n; k++) {
            int p = keep.get(k);
            double[] pr = primaryByRow[p];
            int sd = argmax(pr) == 2 ? 1 : -1;
            int o = k * (f + DirectionalModels.META_EXTRA);
            System.arraycopy(x.values(), x.offset(p), v, o, f);
            v[o + f] = sd;
            v[o + f + 1] = (float) (pr[2] - pr[0]);
            v[o + f + 2] = (float) Math.max(pr[0], Math.max(pr[1], pr[2]));
            y[k] = sd > 0 ? (s.longProfitFirst()[p] ? 1 : 0) : (s.shortProfitFirst()[p] ? 1 : 0);
            side[k] = sd;
            rr[k] = p;
            ret[k] = sd > 0 ? s.longReturn()[p] : s.shortReturn()[p];
        }
        var names = new ArrayList<>(x.names());
        names.add("meta_side");
        names.add("meta_primary_signal");
        names.add("meta_primary_confidence");
        return new MetaSet(new DesignMatrix(v, n, f + DirectionalModels.META_EXTRA, names), y, rr, side, ret);
    }

    /** The P(take) threshold that maximises the validation trades' summed net return (at least 10 trades), 0.5 when none is positive. */
    private double chooseMetaThreshold(double[][] pm, MetaSet valid, Map<String, Double> report) {
        double bestT = 0.5;
        double bestScore = 0;
        int bestN = 0;
        for (double t = 0.30; t <= 0.701; t += 0.025) {
            double score = 0;
            int n = 0;
            for (int k = 0; k < pm.length; k++) {
                if (pm[k][1] >= t) {
                    score += valid.tradeReturn()[k] - config.roundTripCost();
                    n++;
                }
            }
            if (n >= 10 && score > bestScore) {
                bestScore = score;
                bestT = t;
                bestN = n;
            }
        }
        double all = 0;
        for (int k = 0; k < pm.length; k++) all += valid.tradeReturn()[k] - config.roundTripCost();
        report.put("meta.threshold", bestT);
        report.put("meta.validation.net_return_taken", bestScore);
        report.put("meta.validation.trades_taken", (double) bestN);
        report.put("meta.validation.net_return_all_primary", all);
        report.put("meta.validation.trades_all_primary", (double) pm.length);
        return bestT;
    }

    static double[][] dynamicsProbs(DynamicsEnsemble dyn, DesignMatrix x, int[] rows) {
        double[][] out = new double[rows.length][3];
        double[] ms = new double[2];
        double[] p = new double[3];
        for (int k = 0; k < rows.length; k++) {
            for (int m = 0; m < dyn.size(); m++) {
                dyn.memberVote(m, x.values(), x.offset(rows[k]), ms, p);
                for (int c = 0; c < 3; c++) out[k][c] += dyn.weights()[m] * p[c];
            }
        }
        return out;
    }

    /** The ensemble vote on every row (as the pipeline would cast it): its signals, and its direction accuracy into the report. */
    private double[] voteSignals(DirectionalModels m, DesignMatrix x, int[] rows, int[] seqOk, int window, Map<String, Double> report,
                                 String period, int[] y) {
        var vote = new WeightedVote(config.stack().supportThreshold());
        double[][] g = m.primary().predictAll(x.select(rows));
        EnsembleOutput[] s = null;
        int[] sr = filter(rows, seqOk);
        if (m.sequence() != null && sr.length > 0) s = m.sequence().predictAll(x, sr);
        double[] signal = new double[rows.length];
        double[] ms = new double[2];
        double[] p = new double[3];
        int correct = 0;
        int sIdx = 0;
        int flat = 0;
        for (int k = 0; k < rows.length; k++) {
            List<ModelVote> votes = new ArrayList<>();
            votes.add(ModelVote.of("gbm", m.weight("gbm"), g[k], 0));
            if (s != null && seqOk[rows[k]] == 1) {
                var e = s[sIdx++];
                votes.add(ModelVote.of("seq", m.weight("seq"), e.mean(), e.mutualInformation()));
            }
            if (m.dynamics() != null) {
                for (int j = 0; j < m.dynamics().size(); j++) {
                    m.dynamics().memberVote(j, x.values(), x.offset(rows[k]), ms, p);
                    votes.add(ModelVote.of("dyn", m.weight("dyn") * m.dynamics().weights()[j], p, 0));
                }
            }
            VoteResult v = vote.combine(votes);
            signal[k] = v.signal();
            if (v.direction().classIndex() == y[k]) correct++;
            if (v.direction().classIndex() == 1) flat++;
        }
        report.put("vote." + period + ".accuracy", rows.length == 0 ? Double.NaN : (double) correct / rows.length);
        report.put("vote." + period + ".flat_share", rows.length == 0 ? Double.NaN : (double) flat / rows.length);
        return signal;
    }

    private static void scoreInto(Map<String, Double> report, String name, double[][] pv, int[] yv, double[][] pt, int[] yt) {
        var v = ClassificationMetrics.of(pv, yv);
        report.put(name + ".validation.accuracy", v.accuracy());
        report.put(name + ".validation.log_loss", v.logLoss());
        if (yt.length > 0) {
            var t = ClassificationMetrics.of(pt, yt);
            report.put(name + ".test.accuracy", t.accuracy());
            report.put(name + ".test.log_loss", t.logLoss());
        }
    }

    private static void putShares(Map<String, Double> report, String period, int[] y) {
        double[] s = new double[3];
        for (int c : y) s[c] += 1.0 / Math.max(1, y.length);
        report.put(period + ".share.down", s[0]);
        report.put(period + ".share.flat", s[1]);
        report.put(period + ".share.up", s[2]);
    }

    private static double entropy(int[] y) {
        double[] s = new double[3];
        for (int c : y) s[c] += 1.0 / y.length;
        double h = 0;
        for (double v : s) if (v > 0) h -= v * Math.log(v);
        return h;
    }

    private static double share(int[] y) {
        return y.length == 0 ? Double.NaN : IntStream.of(y).sum() / (double) y.length;
    }

    /** For logs: a period's span. */
    static String span(long from, long to) {
        return TimeFormat.iso(from) + ".." + TimeFormat.iso(to);
    }
}
