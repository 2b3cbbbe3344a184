package io.tradeloop.rl.ppo;

import io.tradeloop.rl.checkpoint.CheckpointStore;
import io.tradeloop.rl.checkpoint.TrainingCheckpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A training run around a {@link MaskedPpo}: resume from the newest good checkpoint, train to the
 * configured number of steps, save a checkpoint every {@code checkpointEvery} updates and at the end.
 * Commands ({@code tradeloop train ...}) use it so that every task checkpoints and resumes the same way.
 */
public final class TrainingRun {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

    private final MaskedPpo ppo;
    private final CheckpointStore store;
    private final int checkpointEvery;
    private final Supplier<String> curriculumStage;
    private final Map<String, String> metadata;

    /**
     * @param store           where checkpoints go, or null for none
     * @param checkpointEvery updates between checkpoints (&gt;= 1)
     * @param curriculumStage asked at each save; what the environment wants restored with the weights
     * @param metadata        provenance written into every checkpoint (seed, data hash, ...)
     */
    public TrainingRun(MaskedPpo ppo, CheckpointStore store, int checkpointEvery, Supplier<String> curriculumStage,
                       Map<String, String> metadata) {
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpointEvery must be >= 1, got " + checkpointEvery);
        }
        this.ppo = ppo;
        this.store = store;
        this.checkpointEvery = checkpointEvery;
        this.curriculumStage = curriculumStage;
        this.metadata = Map.copyOf(metadata);
    }

    /** The newest good checkpoint of the store (refused files are logged), without applying it. */
    public Optional<CheckpointStore.Loaded> latest() {
        return store == null ? Optional.empty() : store.latestGood();
    }

    /** Restores the newest good checkpoint; returns it, or empty when there is none (a fresh start). */
    public Optional<TrainingCheckpoint> resume() {
        Optional<CheckpointStore.Loaded> loaded = latest();
        loaded.ifPresentOrElse(l -> {
            ppo.restore(l.checkpoint());
            LOG.info("resumed file={} update={} step={} stage={}", l.file(), l.checkpoint().updates(),
                    l.checkpoint().globalStep(), l.checkpoint().curriculumStage());
        }, () -> LOG.info("resume dir={} found=none effect=\"fresh start\"", store == null ? "-" : store.directory()));
        return loaded.map(CheckpointStore.Loaded::checkpoint);
    }

    /** Trains until the configured steps, checkpointing as configured; returns the last file saved (if any). */
    public Optional<Path> run(Consumer<UpdateMetrics> listener) {
        Path last = null;
        while (ppo.globalStep() < ppo.config().totalSteps()) {
            UpdateMetrics m = ppo.iterate();
            listener.accept(m);
            boolean end = ppo.globalStep() >= ppo.config().totalSteps();
            if (store != null && (m.update() % checkpointEvery == 0 || end)) {
                last = store.save(ppo.checkpoint(curriculumStage.get(), metadata));
            }
        }
        return Optional.ofNullable(last);
    }
}
