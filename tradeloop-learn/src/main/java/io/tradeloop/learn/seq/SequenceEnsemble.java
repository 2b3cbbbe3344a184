package io.tradeloop.learn.seq;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.tradeloop.core.random.Rng;
import io.tradeloop.learn.dataset.DesignMatrix;
import io.tradeloop.learn.metrics.ClassificationMetrics;
import io.tradeloop.learn.model.DataFingerprint;
import io.tradeloop.learn.model.EnsembleOutput;
import io.tradeloop.learn.model.ModelFiles;
import io.tradeloop.learn.model.ModelProvenance;
import io.tradeloop.learn.model.TrainingRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deep ensemble of {@link SequenceNet}s over windows of feature rows: the window ending at row r is
 * rows [r − window + 1, r] of a bar-ordered {@link DesignMatrix}. Each member is trained from its own
 * seed with Adam on cross-entropy, stopped early on validation loss (its best epoch's weights are kept).
 * The ensemble's mean probabilities are the prediction; member disagreement is the uncertainty.
 */
public final class SequenceEnsemble implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SequenceEnsemble.class);
    private static final int EVAL_BATCH = 512;

    private final SequenceModelConfig config;
    private final int features;
    private final int classes;
    private final List<Model> members;
    private final ModelProvenance provenance;

    private SequenceEnsemble(SequenceModelConfig config, int features, int classes, List<Model> members, ModelProvenance provenance) {
        this.config = config;
        this.features = features;
        this.classes = classes;
        this.members = members;
        this.provenance = provenance;
    }

    public SequenceModelConfig config() {
        return config;
    }

    public int features() {
        return features;
    }

    public int classes() {
        return classes;
    }

    public ModelProvenance provenance() {
        return provenance;
    }

    /** Training statistics of one member. */
    public record MemberStats(int member, int epochs, int bestEpoch, double bestValidLoss, double samplesPerSecond) {
    }

    /**
     * Trains the ensemble.
     *
     * @param bars      feature rows in bar order (NaN-free: sanitise first)
     * @param trainRows rows whose windows are training samples (each ≥ window − 1)
     * @param trainY    class labels of those rows, in [0, classes)
     * @param validRows rows for early stopping and the provenance metrics
     * @param validY    their labels
     */
    public static SequenceEnsemble train(DesignMatrix bars, int[] trainRows, int[] trainY, int[] validRows, int[] validY, int classes,
                                         SequenceModelConfig config, TrainingRun run) {
        checkRows("train", bars, trainRows, trainY, config.window(), classes);
        checkRows("validation", bars, validRows, validY, config.window(), classes);
        var engine = DjlRuntime.engine(config.threads());
        Rng rng = new Rng(run.seed());
        List<Model> members = new ArrayList<>();
        List<MemberStats> stats = new ArrayList<>();
        for (int m = 0; m < config.ensembleSize(); m++) {
            int memberSeed = (int) (rng.nextLong() >>> 33);
            engine.setRandomSeed(memberSeed);
            Model model = Model.newInstance("seq-member-" + m, Device.cpu(), "PyTorch");
            model.setBlock(new SequenceNet(config, classes));
            stats.add(trainMember(model, m, bars, trainRows, trainY, validRows, validY, config, rng.split()));
            members.add(model);
        }
        var ens = new SequenceEnsemble(config, bars.cols(), classes, members, null);
        var metrics = new LinkedHashMap<String, Double>(ClassificationMetrics.of(ens.meanProbabilities(bars, validRows), validY)
                .asMap("validation"));
        double sps = stats.stream().mapToDouble(MemberStats::samplesPerSecond).average().orElse(Double.NaN);
        metrics.put("train.samples_per_second", sps);
        for (MemberStats s : stats) metrics.put("member" + s.member() + ".best_epoch", (double) s.bestEpoch());
        var fp = new DataFingerprint().add(bars.values()).add(trainRows).add(trainY);
        var cfg = new LinkedHashMap<String, Object>(config.asMap());
        cfg.put("classes", classes);
        var prov = new ModelProvenance(run.name(), "sequence-ensemble", Instant.now().toString(), run.dataSource(), run.dataFromMs(),
                run.dataToMs(), fp.hex(), run.featureSetVersion(), bars.names(), cfg, run.seed(), metrics,
                ModelProvenance.currentCodeVersion());
        log.info("sequence ensemble trained name={} members={} train_rows={} valid_accuracy={} valid_log_loss={} samples_per_s={}",
                run.name(), members.size(), trainRows.length, metrics.get("validation.accuracy"), metrics.get("validation.log_loss"), sps);
        return new SequenceEnsemble(config, bars.cols(), classes, members, prov);
    }

    private static MemberStats trainMember(Model model, int member, DesignMatrix bars, int[] trainRows, int[] trainY, int[] validRows,
                                           int[] validY, SequenceModelConfig c, Rng rng) {
        int w = c.window();
        int f = bars.cols();
        int b = c.batchSize();
        var tc = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) c.learningRate())).optClipGrad(1f).build())
                .optDevices(new Device[] {Device.cpu()});
        float[] xBuf = new float[b * w * f];
        float[] yBuf = new float[b];
        int[] order = trainRows.clone();
        int[] labelOf = new int[order.length];
        byte[] best = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = -1;
        int epochs = 0;
        long samples = 0;
        long nanos = 0;
        try (Trainer trainer = model.newTrainer(tc)) {
            trainer.initialize(new Shape(b, w, f));
            int[] perm = new int[order.length];
            for (int i = 0; i < perm.length; i++) perm[i] = i;
            for (int epoch = 0; epoch < c.epochs(); epoch++) {
                shuffle(perm, rng);
                long t0 = System.nanoTime();
                for (int start = 0; start + b <= perm.length; start += b) { // drop the ragged last batch: fixed shapes
                    for (int k = 0; k < b; k++) {
                        int i = perm[start + k];
                        System.arraycopy(bars.values(), (order[i] - w + 1) * f, xBuf, k * w * f, w * f);
                        yBuf[k] = trainY[i];
                    }
                    try (NDManager sub = model.getNDManager().newSubManager()) {
                        NDArray x = sub.create(xBuf, new Shape(b, w, f));
                        NDArray y = sub.create(yBuf, new Shape(b));
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
                            NDArray loss = trainer.getLoss().evaluate(new NDList(y), new NDList(logits));
                            gc.backward(loss);
                        }
                        trainer.step();
                    }
                    samples += b;
                }
                nanos += System.nanoTime() - t0;
                epochs++;
                double vl = ClassificationMetrics.of(memberProbabilities(model, bars, validRows, w), validY).logLoss();
                log.debug("seq member={} epoch={} valid_log_loss={}", member, epoch, vl);
                if (vl < bestLoss - 1e-5) {
                    bestLoss = vl;
                    bestEpoch = epoch;
                    best = snapshot(model);
                } else if (epoch - bestEpoch >= c.patience()) {
                    break;
                }
            }
        }
        restore(model, best);
        double sps = samples / (nanos / 1e9);
        log.info("seq member trained member={} epochs={} best_epoch={} best_valid_log_loss={} samples_per_s={}", member, epochs, bestEpoch,
                bestLoss, Math.round(sps));
        return new MemberStats(member, epochs, bestEpoch, bestLoss, sps);
    }

    private static void shuffle(int[] a, Rng rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static byte[] snapshot(Model model) {
        try {
            var bos = new ByteArrayOutputStream();
            model.getBlock().saveParameters(new DataOutputStream(bos));
            return bos.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot snapshot sequence-model parameters", e);
        }
    }

    private static void restore(Model model, byte[] params) {
        try {
            model.getBlock().loadParameters(model.getNDManager(), new DataInputStream(new ByteArrayInputStream(params)));
        } catch (IOException | ai.djl.MalformedModelException e) {
            throw new IllegalStateException("cannot restore sequence-model parameters", e);
        }
    }

    /** Soft-max probabilities of one member for the windows ending at {@code rows}, evaluated in batches (dropout off). */
    private static double[][] memberProbabilities(Model model, DesignMatrix bars, int[] rows, int w) {
        int f = bars.cols();
        double[][] out = new double[rows.length][];
        for (int start = 0; start < rows.length; start += EVAL_BATCH) {
            int n = Math.min(EVAL_BATCH, rows.length - start);
            float[] x = new float[n * w * f];
            for (int k = 0; k < n; k++) System.arraycopy(bars.values(), (rows[start + k] - w + 1) * f, x, k * w * f, w * f);
            try (NDManager sub = model.getNDManager().newSubManager()) {
                NDArray in = sub.create(x, new Shape(n, w, f));
                NDArray p = model.getBlock().forward(new ParameterStore(sub, false), new NDList(in), false).singletonOrThrow().softmax(-1);
                float[] flat = p.toFloatArray();
                int k2 = (int) p.getShape().get(1);
                for (int k = 0; k < n; k++) {
                    double[] row = new double[k2];
                    for (int c = 0; c < k2; c++) row[c] = flat[k * k2 + c];
                    out[start + k] = row;
                }
            }
        }
        return out;
    }

    /** Ensemble-mean probabilities for the windows ending at {@code rows}. */
    public double[][] meanProbabilities(DesignMatrix bars, int[] rows) {
        checkRows("prediction", bars, rows, null, config.window(), classes);
        double[][] mean = new double[rows.length][classes];
        for (Model m : members) {
            double[][] p = memberProbabilities(m, bars, rows, config.window());
            for (int i = 0; i < rows.length; i++) for (int c = 0; c < classes; c++) mean[i][c] += p[i][c] / members.size();
        }
        return mean;
    }

    /** Member probabilities and their combination for the windows ending at {@code rows} (evaluation). */
    public EnsembleOutput[] predictAll(DesignMatrix bars, int[] rows) {
        checkRows("prediction", bars, rows, null, config.window(), classes);
        double[][][] per = new double[members.size()][][];
        for (int m = 0; m < members.size(); m++) per[m] = memberProbabilities(members.get(m), bars, rows, config.window());
        EnsembleOutput[] out = new EnsembleOutput[rows.length];
        double[][] p = new double[members.size()][];
        for (int i = 0; i < rows.length; i++) {
            for (int m = 0; m < members.size(); m++) p[m] = per[m][i];
            out[i] = EnsembleOutput.of(p);
        }
        return out;
    }

    /**
     * One window (window × features floats, oldest row first) through every member: the serving call.
     * Writes member probabilities into {@code memberProbs[member][class]}.
     */
    public void predictWindow(float[] window, double[][] memberProbs) {
        int w = config.window();
        if (window.length != w * features) {
            throw new IllegalArgumentException("a window needs " + w + " x " + features + " = " + w * features + " values, got " + window.length);
        }
        for (int m = 0; m < members.size(); m++) {
            Model model = members.get(m);
            try (NDManager sub = model.getNDManager().newSubManager()) {
                NDArray in = sub.create(window, new Shape(1, w, features));
                float[] p = model.getBlock().forward(new ParameterStore(sub, false), new NDList(in), false).singletonOrThrow()
                        .softmax(-1).toFloatArray();
                for (int c = 0; c < classes; c++) memberProbs[m][c] = p[c];
            }
        }
    }

    public int size() {
        return members.size();
    }

    /** Writes {@code sequence.json} (provenance, config) and one parameter file per member into {@code dir}. */
    public void save(Path dir) {
        try {
            Files.createDirectories(dir);
            for (int m = 0; m < members.size(); m++) {
                ModelFiles.writeAtomically(dir.resolve("member-" + m + ".params"), snapshot(members.get(m)));
            }
            ModelFiles.writeJson(dir.resolve("sequence.json"), new Header(provenance, config, features, classes, members.size()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save sequence ensemble to " + dir, e);
        }
    }

    record Header(ModelProvenance provenance, SequenceModelConfig config, int features, int classes, int members) {
    }

    public static SequenceEnsemble load(Path dir) {
        Header h = ModelFiles.readJson(dir.resolve("sequence.json"), Header.class);
        DjlRuntime.engine(h.config().threads());
        List<Model> members = new ArrayList<>();
        for (int m = 0; m < h.members(); m++) {
            Model model = Model.newInstance("seq-member-" + m, Device.cpu(), "PyTorch");
            var net = new SequenceNet(h.config(), h.classes());
            model.setBlock(net);
            net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, h.config().window(), h.features()));
            try {
                restore(model, Files.readAllBytes(dir.resolve("member-" + m + ".params")));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + dir.resolve("member-" + m + ".params"), e);
            }
            members.add(model);
        }
        return new SequenceEnsemble(h.config(), h.features(), h.classes(), members, h.provenance());
    }

    @Override
    public void close() {
        for (Model m : members) m.close();
    }

    private static void checkRows(String what, DesignMatrix bars, int[] rows, int[] y, int window, int classes) {
        if (y != null && y.length != rows.length) {
            throw new IllegalArgumentException(what + ": " + rows.length + " rows but " + y.length + " labels");
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < window - 1 || rows[i] >= bars.rows()) {
                throw new IllegalArgumentException(what + " row " + rows[i] + " has no full window of " + window
                        + " bars (allowed [" + (window - 1) + ", " + (bars.rows() - 1) + "])");
            }
            if (y != null && (y[i] < 0 || y[i] >= classes)) {
                throw new IllegalArgumentException(what + " label at row " + rows[i] + " is " + y[i] + ", allowed [0, " + (classes - 1) + "]");
            }
        }
    }

    /** Provenance metrics as a plain map (for reports). */
    public Map<String, Double> metrics() {
        return provenance == null ? Map.of() : provenance.metrics();
    }
}
