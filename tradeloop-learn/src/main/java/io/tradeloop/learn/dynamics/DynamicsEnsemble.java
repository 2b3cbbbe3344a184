package io.tradeloop.learn.dynamics;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.tradeloop.core.config.Checks;
import io.tradeloop.core.random.Rng;
import io.tradeloop.learn.dataset.DesignMatrix;
import io.tradeloop.learn.gbm.GbmConfig;
import io.tradeloop.learn.gbm.GbmRegressor;
import io.tradeloop.learn.gbm.GbmTrainer;
import io.tradeloop.learn.model.ModelProvenance;
import io.tradeloop.learn.model.TrainingRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Several dynamics models of the next-horizon return, each with a voting weight proportional to its
 * inverse validation mean squared error (normalised to sum to 1). The members' directional
 * probabilities are the votes a weighted vote with a support threshold combines.
 *
 * @param members  the learners
 * @param weights  their weights, summing to 1
 * @param deadBand θ, the return below which a move counts as flat
 */
public record DynamicsEnsemble(List<DynamicsModel> members, double[] weights, double deadBand) {
    private static final Logger log = LoggerFactory.getLogger(DynamicsEnsemble.class);

    public DynamicsEnsemble {
        members = List.copyOf(members);
        if (members.isEmpty() || weights.length != members.size()) {
            throw new IllegalArgumentException("a dynamics ensemble needs one weight per member, got " + weights.length + " for " + members.size());
        }
        Checks.inRange("dead_band", deadBand, 0, 1);
    }

    @JsonIgnore
    public int size() {
        return members.size();
    }

    /** Member m's (down, flat, up) probabilities for the row; {@code meanStd} is a 2-slot scratch buffer. */
    public void memberVote(int m, float[] x, int offset, double[] meanStd, double[] out) {
        members.get(m).predict(x, offset, meanStd);
        DynamicsModel.directional(meanStd[0], meanStd[1], deadBand, out);
    }

    /**
     * Configuration of {@link #train}.
     *
     * @param ridgeMembers   bootstrap ridge members, in [0, 32] (default 3)
     * @param featureFraction share of the columns each ridge member sees, in (0, 1] (default 0.7)
     * @param ridgeLambda    ridge penalty on standardised coefficients, in [0, 1e6] (default 10)
     * @param gbmMember      whether to add the gradient-boosted member (default true)
     * @param deadBand       θ in return units, in [0, 1] (e.g. the labels' typical barrier width)
     */
    public record Config(int ridgeMembers, double featureFraction, double ridgeLambda, boolean gbmMember, double deadBand) {
        public Config {
            Checks.inRange("ridge_members", ridgeMembers, 0, 32);
            Checks.inRange("feature_fraction", featureFraction, 0.01, 1);
            Checks.inRange("ridge_lambda", ridgeLambda, 0, 1e6);
            Checks.inRange("dead_band", deadBand, 0, 1);
            if (ridgeMembers == 0 && !gbmMember) {
                throw new io.tradeloop.core.config.ConfigException("ridge_members", "an ensemble needs at least one member");
            }
        }
    }

    /**
     * Trains the members on {@code trainRows} of {@code x} to predict {@code y} (the forward return): each
     * ridge member on a bootstrap sample of the rows and a random subset of the columns, the boosted
     * member on all of them; weights from the validation rows.
     */
    public static DynamicsEnsemble train(DesignMatrix x, double[] y, int[] trainRows, int[] validRows, Config c, GbmConfig gbm,
                                         TrainingRun run) {
        Rng rng = new Rng(run.seed());
        List<DynamicsModel> members = new ArrayList<>();
        int cols = x.cols();
        int take = Math.max(1, (int) Math.round(c.featureFraction() * cols));
        for (int m = 0; m < c.ridgeMembers(); m++) {
            int[] boot = new int[trainRows.length];
            boolean[] seen = new boolean[trainRows.length];
            for (int i = 0; i < boot.length; i++) {
                int k = rng.nextInt(trainRows.length);
                boot[i] = trainRows[k];
                seen[k] = true;
            }
            int oob = 0;
            for (boolean s : seen) if (!s) oob++;
            int[] outOfBag = new int[oob];
            for (int i = 0, k = 0; i < seen.length; i++) if (!seen[i]) outOfBag[k++] = trainRows[i];
            int[] perm = java.util.stream.IntStream.range(0, cols).toArray();
            for (int i = cols - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            int[] feats = Arrays.copyOf(perm, take);
            Arrays.sort(feats);
            members.add(RidgeDynamics.fit("ridge-" + m, x, y, boot, outOfBag, feats, c.ridgeLambda()));
        }
        if (c.gbmMember()) {
            var trainer = new GbmTrainer(gbm);
            DesignMatrix xt = x.select(trainRows);
            DesignMatrix xv = x.select(validRows);
            double[] yt = pick(y, trainRows);
            double[] yv = pick(y, validRows);
            GbmRegressor mean = trainer.trainRegressor(xt, yt, xv, yv, withName(run, "-mean"));
            double[] at = new double[yt.length];
            for (int i = 0; i < at.length; i++) at[i] = Math.abs(yt[i] - mean.predict(xt.values(), xt.offset(i)));
            double[] av = new double[yv.length];
            for (int i = 0; i < av.length; i++) av[i] = Math.abs(yv[i] - mean.predict(xv.values(), xv.offset(i)));
            GbmRegressor abs = trainer.trainRegressor(xt, at, xv, av, withName(run, "-abs-error"));
            double minSigma = 0.1 * Math.sqrt(variance(yt));
            members.add(new GbmDynamics("gbm", mean, abs, Math.max(1e-6, minSigma)));
        }
        double[] w = new double[members.size()];
        double[] ms = new double[2];
        double total = 0;
        for (int m = 0; m < members.size(); m++) {
            double sse = 0;
            for (int r : validRows) {
                members.get(m).predict(x.values(), x.offset(r), ms);
                double e = y[r] - ms[0];
                sse += e * e;
            }
            double mse = validRows.length == 0 ? 1 : sse / validRows.length;
            w[m] = 1 / Math.max(1e-18, mse);
            total += w[m];
        }
        for (int m = 0; m < w.length; m++) w[m] /= total;
        log.info("dynamics ensemble trained name={} members={} weights={}", run.name(), members.stream().map(DynamicsModel::name).toList(),
                Arrays.toString(w));
        return new DynamicsEnsemble(members, w, c.deadBand());
    }

    private static TrainingRun withName(TrainingRun r, String suffix) {
        return new TrainingRun(r.name() + suffix, r.dataSource(), r.dataFromMs(), r.dataToMs(), r.featureSetVersion(), r.seed());
    }

    private static double[] pick(double[] y, int[] rows) {
        double[] o = new double[rows.length];
        for (int i = 0; i < rows.length; i++) o[i] = y[rows[i]];
        return o;
    }

    private static double variance(double[] v) {
        double m = 0;
        for (double d : v) m += d / v.length;
        double s = 0;
        for (double d : v) s += (d - m) * (d - m);
        return v.length < 2 ? 0 : s / (v.length - 1);
    }

    /** Saves into {@code dir}: {@code dynamics.json} with the ridge members and weights, {@code gbm-*.json} for a boosted member. */
    public void save(Path dir, ModelProvenance provenance) {
        List<RidgeDynamics> ridges = new ArrayList<>();
        for (DynamicsModel m : members) {
            switch (m) {
                case RidgeDynamics r -> ridges.add(r);
                case GbmDynamics g -> {
                    g.mean().save(dir.resolve("gbm-mean.json"));
                    g.absError().save(dir.resolve("gbm-abs-error.json"));
                }
            }
        }
        List<String> order = members.stream().map(DynamicsModel::name).toList();
        Double minSigma = members.stream().filter(m -> m instanceof GbmDynamics).map(m -> ((GbmDynamics) m).minSigma()).findFirst().orElse(null);
        io.tradeloop.learn.model.ModelFiles.writeJson(dir.resolve("dynamics.json"), new File(provenance, order, ridges, weights, deadBand, minSigma));
    }

    record File(ModelProvenance provenance, List<String> order, List<RidgeDynamics> ridges, double[] weights, double deadBand, Double gbmMinSigma) {
    }

    public static DynamicsEnsemble load(Path dir) {
        File f = io.tradeloop.learn.model.ModelFiles.readJson(dir.resolve("dynamics.json"), File.class);
        List<DynamicsModel> members = new ArrayList<>();
        for (String name : f.order()) {
            if (name.equals("gbm")) {
                members.add(new GbmDynamics("gbm", GbmRegressor.load(dir.resolve("gbm-mean.json")),
                        GbmRegressor.load(dir.resolve("gbm-abs-error.json")), f.gbmMinSigma()));
            } else {
                members.add(f.ridges().stream().filter(r -> r.name().equals(name)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(dir.resolve("dynamics.json") + ": member '" + name + "' is listed but missing")));
            }
        }
        return new DynamicsEnsemble(members, f.weights(), f.deadBand());
    }
}
