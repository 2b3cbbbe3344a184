package io.tradeloop.cli.train;

import io.tradeloop.cli.env.EnvCalibrateCommand;
import io.tradeloop.cli.report.SvgPlot;
import io.tradeloop.rl.checkpoint.CheckpointStore;
import io.tradeloop.rl.checkpoint.TrainingCheckpoint;
import io.tradeloop.rl.env.funding.FundingArbitrageEnv;
import io.tradeloop.rl.funding.FundingData;
import io.tradeloop.rl.funding.FundingTrainConfig;
import io.tradeloop.rl.funding.FundingTraining;
import io.tradeloop.rl.ppo.MaskedPpo;
import io.tradeloop.rl.ppo.UpdateMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.tradeloop.cli.progress.Progress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code tradeloop train funding-arb}: masked PPO with the modular network on the funding-arbitrage environment,
 * episodes from the real training months and the calibrated generator, the plan's curriculum. Prints one line
 * per update (SPS, episodic return and P&amp;L %, losses, KL, clip fraction, entropy, HOLD/ENTER/EXIT shares),
 * checkpoints every few updates, resumes from the newest good checkpoint, and writes a report (metrics CSV,
 * training curves as SVG, a Markdown summary).
 */
@Command(name = "funding-arb", mixinStandardHelpOptions = true,
        description = "Train the funding-rate arbitrage agent (masked PPO, modular network, curriculum).")
public final class TrainFundingArbCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(TrainFundingArbCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", description = "JSON file of settings over the defaults (see FundingTrainConfig).")
    Path configFile;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of every random draw (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--steps", defaultValue = "2000000", description = "Environment steps of the run (default ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--max-minutes", description = "Stop (with a checkpoint) after this many minutes even if steps remain.")
    Double maxMinutes;

    @Option(names = "--checkpoint-dir", description = "Folder for checkpoints (none when absent).")
    Path checkpointDir;

    @Option(names = "--resume", description = "Continue from the newest good checkpoint in --checkpoint-dir.")
    boolean resume;

    @Option(names = "--report-dir", description = "Folder for metrics.csv, training-curve.svg and report.md.")
    Path reportDir;

    @Option(names = "--data", description = "The shared data folder (default: ../shared/data).")
    Path data;

    @Option(names = "--quiet", description = "Print only the summary.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (resume && checkpointDir == null) {
            throw new IllegalArgumentException("--resume needs --checkpoint-dir");
        }
        CheckpointStore store = checkpointDir == null ? null : new CheckpointStore(checkpointDir, 3);
        FundingTrainConfig config = configFile == null ? FundingTrainConfig.defaults() : FundingTrainConfig.read(Files.readString(configFile));
        Optional<CheckpointStore.Loaded> saved = resume ? store.latestGood() : Optional.empty();
        if (saved.isPresent()) {
            String echoed = saved.get().checkpoint().metadata().get("fundingConfig");
            if (echoed == null) {
                throw new IllegalArgumentException(saved.get().file() + " is not a funding-arb checkpoint (no fundingConfig in its metadata)");
            }
            config = FundingTrainConfig.read(echoed); // a run continues with the settings it started with; only its length may change
            seed = Long.parseLong(saved.get().checkpoint().metadata().getOrDefault("seed", Long.toString(seed)));
        }
        config = config.withTotalSteps(steps);
        Path dir = EnvCalibrateCommand.dataDir(data);
        long t0 = System.nanoTime();
        FundingData fd = FundingData.load(dir, config.envConfig(), config.split(), seed);
        FundingTraining training = new FundingTraining(config, fd, seed);
        MaskedPpo ppo = training.ppo();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("task", FundingArbitrageEnv.NAME);
        meta.put("seed", Long.toString(seed));
        meta.put("dataHash", fd.real().dataHash());
        meta.put("fundingConfig", config.toJson());
        meta.put("split", config.split().toString());
        if (saved.isPresent()) {
            TrainingCheckpoint ck = saved.get().checkpoint();
            ppo.restore(ck);
            training.restoreStage(ck.curriculumStage());
            out.printf(Locale.ROOT, "resumed from %s at update %d, step %d, stage %s%n", saved.get().file(), ppo.updates(),
                    ppo.globalStep(), ck.curriculumStage());
        }
        List<String> actionNames = training.envs().spec().actionNames();
        out.printf(Locale.ROOT, "funding-arb: seed=%d steps=%d network=%s(%d params) data=%s split=[%s] loaded_in=%.1fs%nconfig=%s%n",
                seed, steps, ppo.network().getClass().getSimpleName(), ppo.network().parameterCount(), fd.real().dataHash(),
                config.split(), (System.nanoTime() - t0) / 1e9, config.toJson());
        out.flush();
        Path csv = null;
        if (reportDir != null) {
            Files.createDirectories(reportDir);
            csv = reportDir.resolve("metrics.csv");
            if (!saved.isPresent() || !Files.exists(csv)) {
                Files.writeString(csv, "update,step,sps,rollout_s,update_s,lr,episodes,return,return100,pnl_pct,length,policy_loss,"
                        + "value_loss,entropy,approx_kl,clip_fraction,explained_variance,hold,enter,exit,stage\n");
            }
        }
        long start = System.nanoTime();
        long startStep = ppo.globalStep();
        Path last = null;
        boolean outOfTime = false;
        // --quiet shows a progress bar on stderr instead of one metrics line per update on stdout.
        Progress progress = quiet ? Progress.start("train funding-arb", config.ppo().totalSteps(), "steps", startStep) : null;
        while (ppo.globalStep() < config.ppo().totalSteps()) {
            UpdateMetrics m = ppo.iterate();
            Map<String, Double> groups = m.actionGroups(actionNames);
            String stage = training.stageName();
            if (progress != null) {
                progress.stepTo(Math.min(m.globalStep(), config.ppo().totalSteps()));
                progress.note(String.format(Locale.ROOT, "return %.3f, P&L %.3f%%, %s", m.meanReturn100(), m.meanScore(), stage));
            }
            if (!quiet) {
                out.printf(Locale.ROOT, "%s pnl_pct=%.3f stage=%s%n", m.logLine(actionNames), m.meanScore(), stage);
                out.flush();
            }
            if (csv != null) {
                Files.writeString(csv, String.format(Locale.ROOT, "%d,%d,%.1f,%.3f,%.3f,%.3g,%d,%.5f,%.5f,%.5f,%.1f,%.6f,%.6f,%.5f,%.6f,%.5f,%.5f,%.5f,%.5f,%.5f,%s%n",
                        m.update(), m.globalStep(), m.stepsPerSecond(), m.rolloutSeconds(), m.updateSeconds(), m.learningRate(), m.episodes(),
                        m.meanReturn(), m.meanReturn100(), m.meanScore(), m.meanLength(), m.policyLoss(), m.valueLoss(), m.entropy(),
                        m.approxKl(), m.clipFraction(), m.explainedVariance(), groups.getOrDefault("HOLD", 0.0),
                        groups.getOrDefault("ENTER", 0.0), groups.getOrDefault("EXIT", 0.0), stage), StandardOpenOption.APPEND);
            }
            training.advanceCurriculum();
            outOfTime = maxMinutes != null && (System.nanoTime() - start) / 60e9 >= maxMinutes;
            boolean end = ppo.globalStep() >= config.ppo().totalSteps() || outOfTime;
            if (store != null && (m.update() % config.checkpointEvery() == 0 || end)) {
                last = store.save(ppo.checkpoint(training.stageName(), meta));
            }
            if (outOfTime) {
                break;
            }
        }
        if (progress != null) {
            progress.close();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (reportDir != null) {
            writeReport(reportDir, csv, config, fd, ppo, seconds);
        }
        out.printf(Locale.ROOT, "summary: seed=%d steps=%d (this run %d) seconds=%.1f sps=%.0f stage=%s%s%s%n", seed, ppo.globalStep(),
                ppo.globalStep() - startStep, seconds, (ppo.globalStep() - startStep) / seconds, training.stageName(),
                outOfTime ? " stopped=max-minutes" : "", last == null ? "" : " checkpoint=" + last);
        out.flush();
        return 0;
    }

    private static void writeReport(Path dir, Path csv, FundingTrainConfig config, FundingData fd, MaskedPpo ppo, double seconds)
            throws IOException {
        List<String> lines = Files.readAllLines(csv);
        int n = lines.size() - 1;
        double[] step = new double[n];
        double[] ret = new double[n];
        double[] pnl = new double[n];
        double[] hold = new double[n];
        double[] enter = new double[n];
        double[] exit = new double[n];
        double[] entropy = new double[n];
        for (int i = 0; i < n; i++) {
            String[] c = lines.get(i + 1).split(",");
            step[i] = Double.parseDouble(c[1]);
            ret[i] = Double.parseDouble(c[8]);
            pnl[i] = Double.parseDouble(c[9]);
            entropy[i] = Double.parseDouble(c[13]);
            hold[i] = Double.parseDouble(c[17]);
            enter[i] = Double.parseDouble(c[18]);
            exit[i] = Double.parseDouble(c[19]);
        }
        Files.writeString(dir.resolve("training-curve.svg"), new SvgPlot("Episodic return (mean of last 100) and P&L % per update", "environment steps")
                .add("return (100 episodes)", step, ret).add("episode P&L %", step, pnl).render());
        Files.writeString(dir.resolve("actions.svg"), new SvgPlot("Action shares per rollout", "environment steps")
                .add("HOLD", step, hold).add("ENTER", step, enter).add("EXIT", step, exit).add("entropy", step, entropy).render());
        String md = "# funding-arb training run\n\n"
                + String.format(Locale.ROOT, "- steps: %d, updates: %d, wall time this run: %.1f min%n", ppo.globalStep(), ppo.updates(), seconds / 60)
                + "- network: " + ppo.network().getClass().getSimpleName() + " (" + ppo.network().parameterCount() + " parameters)\n"
                + "- data: " + fd.real().dataHash() + ", " + config.split() + "\n"
                + "- config: `" + config.toJson() + "`\n\n"
                + "![training curve](training-curve.svg)\n\n![actions](actions.svg)\n\nPer-update numbers: `metrics.csv`.\n";
        Files.writeString(dir.resolve("report.md"), md);
        LOG.info("report dir={} updates={}", dir, n);
    }
}
