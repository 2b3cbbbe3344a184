package io.tradeloop.cli.train;

import io.tradeloop.rl.checkpoint.CheckpointStore;
import io.tradeloop.rl.checkpoint.TrainingCheckpoint;
import io.tradeloop.rl.classic.CartPoleTraining;
import io.tradeloop.rl.ppo.MaskedPpo;
import io.tradeloop.rl.ppo.PpoConfig;
import io.tradeloop.rl.ppo.PpoConfigJson;
import io.tradeloop.rl.ppo.TrainingRun;
import io.tradeloop.rl.ppo.UpdateMetrics;
import io.tradeloop.cli.progress.Progress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code tradeloop train cartpole}: masked PPO on CartPole-v1, the algorithm's correctness check (solved =
 * mean return of the last 100 episodes &gt;= 475). Prints one metrics line per update and a summary.
 */
@Command(name = "cartpole", mixinStandardHelpOptions = true,
        description = "Train masked PPO on CartPole-v1 (correctness check: 100-episode mean return >= 475).")
public final class TrainCartPoleCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of every random draw (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--steps", defaultValue = "500000", description = "Environment steps (default ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--ppo-config", description = "JSON file of PPO overrides on the CartPole preset (e.g. {\"epochs\": 4}).")
    Path ppoConfig;

    @Option(names = "--checkpoint-dir", description = "Folder for checkpoints (none when absent).")
    Path checkpointDir;

    @Option(names = "--checkpoint-every", defaultValue = "10", description = "Updates between checkpoints (default ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--resume", description = "Continue from the newest good checkpoint in --checkpoint-dir.")
    boolean resume;

    @Option(names = "--eval-episodes", defaultValue = "100", description = "Episodes of the final evaluation (default ${DEFAULT-VALUE}).")
    int evalEpisodes;

    @Option(names = "--quiet", description = "Print only the summary.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (resume && checkpointDir == null) {
            throw new IllegalArgumentException("--resume needs --checkpoint-dir");
        }
        CheckpointStore store = checkpointDir == null ? null : new CheckpointStore(checkpointDir, 3);
        PpoConfig config = CartPoleTraining.config(steps);
        if (ppoConfig != null) {
            config = PpoConfigJson.read(Files.readString(ppoConfig), config);
        }
        Optional<TrainingCheckpoint> saved = Optional.empty();
        if (resume) {
            saved = new TrainingRun(CartPoleTraining.trainer(config, seed), store, 1, () -> "", Map.of()).latest()
                    .map(CheckpointStore.Loaded::checkpoint);
            if (saved.isPresent()) {
                // the run continues with the configuration it was started with; only its length may change
                config = PpoConfigJson.read(saved.get().configJson()).toBuilder().totalSteps(steps).build();
            }
        }
        MaskedPpo ppo = CartPoleTraining.trainer(config, seed);
        TrainingRun run = new TrainingRun(ppo, store, checkpointEvery, () -> "",
                Map.of("task", "cartpole", "seed", Long.toString(seed)));
        saved.ifPresent(ppo::restore);
        if (saved.isPresent()) {
            out.printf(Locale.ROOT, "resumed at update %d, step %d%n", ppo.updates(), ppo.globalStep());
        }
        out.printf(Locale.ROOT, "cartpole: seed=%d steps=%d network=mlp(%d params) config=%s%n", seed, steps,
                ppo.network().parameterCount(), PpoConfigJson.write(config));
        out.flush();
        List<String> actions = List.of("LEFT", "RIGHT");
        long[] solvedAt = {-1};
        long t0 = System.nanoTime();
        // --quiet shows a progress bar on stderr instead of one metrics line per update on stdout.
        Optional<Path> last;
        try (Progress progress = quiet ? Progress.start("train cartpole", steps, "steps", ppo.globalStep()) : null) {
            last = run.run((UpdateMetrics m) -> {
                if (solvedAt[0] < 0 && m.meanReturn100() >= 475) {
                    solvedAt[0] = m.globalStep();
                }
                if (progress != null) {
                    progress.stepTo(Math.min(m.globalStep(), steps));
                    progress.note(String.format(Locale.ROOT, "return(100) %.1f", m.meanReturn100()));
                } else {
                    out.println(m.logLine(actions));
                    out.flush();
                }
            });
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double sampled = CartPoleTraining.evaluate(ppo.network(), evalEpisodes, seed + 1_000_000, false);
        double greedy = CartPoleTraining.evaluate(ppo.network(), evalEpisodes, seed + 1_000_000, true);
        out.printf(Locale.ROOT, "summary: seed=%d steps=%d seconds=%.1f sps=%.0f solved_at_step=%s eval_return_sampled=%.1f"
                        + " eval_return_greedy=%.1f (%d episodes)%s%n", seed, ppo.globalStep(), seconds,
                (ppo.globalStep() - saved.map(TrainingCheckpoint::globalStep).orElse(0L)) / seconds,
                solvedAt[0] < 0 ? "not-in-this-run" : Long.toString(solvedAt[0]), sampled, greedy, evalEpisodes,
                last.map(p -> " checkpoint=" + p).orElse(""));
        out.flush();
        return 0;
    }
}
