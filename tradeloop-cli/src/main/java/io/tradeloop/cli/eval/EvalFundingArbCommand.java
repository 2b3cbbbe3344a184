package io.tradeloop.cli.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tradeloop.cli.env.EnvCalibrateCommand;
import io.tradeloop.cli.report.SvgPlot;
import io.tradeloop.core.funding.CarryRule;
import io.tradeloop.core.random.Rng;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.rl.checkpoint.CheckpointStore;
import io.tradeloop.rl.checkpoint.TrainingCheckpoint;
import io.tradeloop.rl.env.funding.TradingConfig;
import io.tradeloop.rl.funding.FundingData;
import io.tradeloop.rl.funding.FundingEvaluation;
import io.tradeloop.rl.funding.FundingPolicy;
import io.tradeloop.rl.funding.FundingTrainConfig;
import io.tradeloop.rl.funding.FundingTraining;
import io.tradeloop.rl.nn.PolicyNetwork;
import io.tradeloop.rl.ppo.PpoConfigJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code tradeloop eval funding-arb}: walks the trained policy and three baselines (always HOLD, the greedy carry
 * rule the backtester uses, a random valid-action policy) through the hold-out months of the real data as one
 * continuous account each, with fees, and prints the table side by side (return, monthly returns, Sharpe,
 * drawdown, win rate, trades per day, holding time, utilisation, liquidations).
 */
@Command(name = "funding-arb", mixinStandardHelpOptions = true,
        description = "Evaluate the funding-arbitrage agent on the hold-out months against baselines.")
public final class EvalFundingArbCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--checkpoint-dir", description = "Use the newest good checkpoint of this folder.")
    Path checkpointDir;

    @Option(names = "--checkpoint", description = "Use this checkpoint file.")
    Path checkpoint;

    @Option(names = "--data", description = "The shared data folder (default: ../shared/data).")
    Path data;

    @Option(names = "--trading-config", defaultValue = "1,0.5,3,-0.02,0.15",
            description = "max_leverage,target_utilization,max_positions,stop_loss_threshold,liquidation_buffer for the walk (default ${DEFAULT-VALUE}).")
    String tradingConfig;

    @Option(names = "--segment-hours", defaultValue = "168", description = "Episode length the walk is chained from (default ${DEFAULT-VALUE}).")
    int segmentHours;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the random baseline (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--sample", description = "Sample the policy's actions instead of taking the most probable one.")
    boolean sample;

    @Option(names = "--json", description = "Write the table as JSON here.")
    Path json;

    @Option(names = "--report-dir", description = "Write eval.md and equity.svg here.")
    Path reportDir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        TrainingCheckpoint ck = load();
        String echoed = ck.metadata().get("fundingConfig");
        if (echoed == null) {
            throw new IllegalArgumentException("the checkpoint is not a funding-arb checkpoint (no fundingConfig in its metadata)");
        }
        FundingTrainConfig config = FundingTrainConfig.read(echoed);
        long dataSeed = Long.parseLong(ck.metadata().getOrDefault("seed", "1"));
        FundingData fd = FundingData.load(EnvCalibrateCommand.dataDir(data), config.envConfig(), config.split(), dataSeed);
        if (ck.metadata().containsKey("dataHash") && !ck.metadata().get("dataHash").equals(fd.real().dataHash())) {
            out.println("warning: the data differ from the training run's (" + ck.metadata().get("dataHash") + " vs " + fd.real().dataHash() + ")");
        }
        PolicyNetwork net = FundingTraining.network(config.envConfig(), new Rng(0));
        net.load(ck.network());
        double clip = PpoConfigJson.read(ck.configJson()).observationClip();
        TradingConfig walk = parse(tradingConfig);
        List<FundingPolicy> policies = List.of(
                new FundingPolicy.Trained("PPO (step " + ck.globalStep() + ")", net, ck.normalizerMean(), ck.normalizerVar(), clip, !sample, new Rng(seed)),
                new FundingPolicy.AlwaysHold(),
                new FundingPolicy.GreedyCarry(CarryRule.defaults()),
                new FundingPolicy.RandomValid(new Rng(seed)));
        List<FundingEvalMetrics> rows = new ArrayList<>();
        List<FundingEvaluation.Run> runs = new ArrayList<>();
        for (FundingPolicy p : policies) {
            FundingEvaluation.Run run = FundingEvaluation.run(p, fd, fd.testReplay(), walk, segmentHours);
            runs.add(run);
            rows.add(FundingEvalMetrics.of(run));
        }
        String header = String.format(Locale.ROOT, "Hold-out %s .. %s (%s), trading config %s, fee %.2f%% per side + half the modelled bid-ask,"
                        + " %d h episodes chained; checkpoint step %d (%s)",
                TimeFormat.iso(config.split().testFromMs()), TimeFormat.iso(config.split().testToMs()), fd.real().dataHash(), walk,
                100 * config.feeRatePerSide(), segmentHours, ck.globalStep(), ck.curriculumStage());
        String table = markdown(rows);
        out.println(header);
        out.println();
        out.print(table);
        if (json != null) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("header", header);
            root.put("rows", rows);
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), root);
        }
        if (reportDir != null) {
            Files.createDirectories(reportDir);
            SvgPlot plot = new SvgPlot("Equity on the hold-out (USD)", "days from the start");
            for (FundingEvaluation.Run r : runs) {
                double[] x = new double[r.timeMs().length];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (r.timeMs()[i] - r.timeMs()[0]) / 86_400_000.0;
                }
                plot.add(r.policy(), x, r.equityUsd());
            }
            Files.writeString(reportDir.resolve("equity.svg"), plot.render());
            Files.writeString(reportDir.resolve("eval.md"), "# funding-arb evaluation\n\n" + header + "\n\n" + table + "\n![equity](equity.svg)\n");
        }
        out.flush();
        return 0;
    }

    private TrainingCheckpoint load() {
        if (checkpoint != null) {
            return CheckpointStore.load(checkpoint);
        }
        if (checkpointDir == null) {
            throw new IllegalArgumentException("give --checkpoint-dir or --checkpoint");
        }
        return new CheckpointStore(checkpointDir, 3).latestGood().map(CheckpointStore.Loaded::checkpoint)
                .orElseThrow(() -> new IllegalArgumentException("no good checkpoint in " + checkpointDir));
    }

    static TradingConfig parse(String text) {
        String[] p = text.split(",");
        if (p.length != 5) {
            throw new IllegalArgumentException("--trading-config '" + text + "' needs 5 comma-separated values: "
                    + "max_leverage,target_utilization,max_positions,stop_loss_threshold,liquidation_buffer");
        }
        return new TradingConfig(Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim()), Integer.parseInt(p[2].trim()),
                Double.parseDouble(p[3].trim()), Double.parseDouble(p[4].trim()));
    }

    static String markdown(List<FundingEvalMetrics> rows) {
        StringBuilder sb = new StringBuilder("| metric |");
        for (var r : rows) sb.append(' ').append(r.policy()).append(" |");
        sb.append("\n|---|");
        sb.append("---:|".repeat(rows.size()));
        sb.append('\n');
        line(sb, "total return %", rows, r -> fmt(r.totalReturnPct()));
        for (String month : rows.getFirst().monthlyReturnPct().keySet()) {
            line(sb, "return " + month + " %", rows, r -> fmt(r.monthlyReturnPct().getOrDefault(month, Double.NaN)));
        }
        line(sb, "Sharpe (daily, annualised)", rows, r -> fmt(r.sharpe()));
        line(sb, "max drawdown %", rows, r -> fmt(r.maxDrawdownPct()));
        line(sb, "win rate %", rows, r -> fmt(r.winRatePct()));
        line(sb, "trades per day", rows, r -> fmt(r.tradesPerDay()));
        line(sb, "average hold (h)", rows, r -> fmt(r.avgHoldHours()));
        line(sb, "capital utilisation %", rows, r -> fmt(r.utilizationPct()));
        line(sb, "liquidations", rows, r -> Long.toString(r.liquidations()));
        line(sb, "stop-losses", rows, r -> Long.toString(r.stopLosses()));
        line(sb, "actions HOLD/ENTER/EXIT", rows, r -> String.format(Locale.ROOT, "%.2f/%.2f/%.2f", r.holdShare(), r.enterShare(), r.exitShare()));
        line(sb, "stopped at 25% drawdown", rows, r -> r.stoppedByDrawdown() ? "yes" : "no");
        return sb.toString();
    }

    private static void line(StringBuilder sb, String name, List<FundingEvalMetrics> rows, java.util.function.Function<FundingEvalMetrics, String> f) {
        sb.append("| ").append(name).append(" |");
        for (var r : rows) sb.append(' ').append(f.apply(r)).append(" |");
        sb.append('\n');
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.3f", v);
    }
}
