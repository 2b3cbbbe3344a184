package io.tradeloop.decide.adapt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tradeloop.core.random.Rng;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Tabular Q-learning over bounded trading parameters (q-learning-parameter-engine.md, made precise).
 * At each entry the adapter reads the {@link MarketState}, picks an {@link AdapterAction} ε-greedily
 * (ties broken by the lowest action index), applies it (clamped) and remembers (s, a). When that
 * trade closes, the reward
 * <pre>
 *   r = pnl% / pnlScale − (barsHeld &gt; maxBars ? durationPenalty : 0) − maxAdverse% / drawdownScale
 *       + sharpeWeight × (pnl% − mean) / (sd + 1e−6)      (mean, sd of the earlier trades' pnl%; 0 before two trades)
 * </pre>
 * updates Q(s, a) ← Q(s, a) + α (r + γ max_a' Q(s', a') − Q(s, a)), with s' the state at the close.
 * ε decays by {@code epsilonDecay} per action down to {@code epsilonMin}.
 *
 * <p>State persists as JSON, written to a temporary file and moved into place atomically; the
 * previous good file is kept as {@code .bak}. On start a missing file gives the defaults; a corrupt or
 * out-of-bounds one gives the backup when that is good, else the defaults, with a warning either way.
 */
public final class QLearningParameterAdapter {
    private static final Logger log = LoggerFactory.getLogger(QLearningParameterAdapter.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int ACTIONS = AdapterAction.values().length;

    /** Where the state came from at start. */
    public enum Origin { FILE, BACKUP, DEFAULTS_MISSING, DEFAULTS_CORRUPT, FRESH }

    private final AdapterConfig config;
    private final Rng rng;
    private final double[][] q;
    private AdaptedParameters params;
    private double epsilon;
    private long trades;
    private long wins;
    private double totalPnlPct;
    private double pnlMean;
    private double pnlM2;
    private int pendingState = -1;
    private int pendingAction = -1;
    private Origin origin = Origin.FRESH;

    /** A fresh adapter at the default parameters. */
    public QLearningParameterAdapter(AdapterConfig config, Rng rng) {
        this.config = config;
        this.rng = rng;
        this.q = new double[MarketState.COUNT][ACTIONS];
        this.params = config.bounds().defaults();
        this.epsilon = config.epsilonStart();
    }

    public AdaptedParameters parameters() {
        return params;
    }

    public double epsilon() {
        return epsilon;
    }

    public long trades() {
        return trades;
    }

    public Origin origin() {
        return origin;
    }

    public double q(int state, AdapterAction a) {
        return q[state][a.ordinal()];
    }

    /** Picks and applies an action for a new trade in {@code state}; returns the parameters that trade uses. */
    public AdaptedParameters act(MarketState state) {
        int s = state.index();
        int a = rng.nextDouble() < epsilon ? rng.nextInt(ACTIONS) : greedy(s);
        params = AdapterAction.values()[a].apply(params, config.bounds());
        pendingState = s;
        pendingAction = a;
        epsilon = Math.max(config.epsilonMin(), epsilon * config.epsilonDecay());
        return params;
    }

    /** The action {@link #act} took last, or null before the first. */
    public AdapterAction lastAction() {
        return pendingAction < 0 ? null : AdapterAction.values()[pendingAction];
    }

    private int greedy(int s) {
        int best = 0;
        for (int a = 1; a < ACTIONS; a++) if (q[s][a] > q[s][best]) best = a;
        return best;
    }

    /** The reward of a closed trade (see the class comment); uses the statistics of the earlier trades. */
    public double reward(ClosedTrade t) {
        double r = t.pnlPct() / config.pnlScale();
        if (t.barsHeld() > config.maxBars()) r -= config.durationPenalty();
        r -= Math.max(0, t.maxAdversePct()) / config.drawdownScale();
        if (trades >= 2) {
            double sd = Math.sqrt(pnlM2 / (trades - 1));
            r += config.sharpeWeight() * (t.pnlPct() - pnlMean) / (sd + 1e-6);
        }
        return r;
    }

    /** Learns from the trade opened by the last {@link #act}; {@code next} is the state at the close. Returns the reward. */
    public double onTradeClosed(ClosedTrade t, MarketState next) {
        if (pendingState < 0) {
            throw new IllegalStateException("a trade closed but the adapter never acted (call act() at entry)");
        }
        double r = reward(t);
        int s2 = next.index();
        double target = r + config.discount() * q[s2][greedy(s2)];
        q[pendingState][pendingAction] += config.learningRate() * (target - q[pendingState][pendingAction]);
        trades++;
        if (t.pnlPct() > 0) wins++;
        totalPnlPct += t.pnlPct();
        double delta = t.pnlPct() - pnlMean;
        pnlMean += delta / trades;
        pnlM2 += delta * (t.pnlPct() - pnlMean);
        pendingState = -1;
        pendingAction = -1;
        return r;
    }

    /**
     * The candidate the last {@link #act} sized was not traded (a gate blocked it, or risk refused it):
     * the action earns reward 0 against the bootstrapped value of the next state. Trade statistics are untouched.
     */
    public void onNoTrade(MarketState next) {
        if (pendingState < 0) {
            return;
        }
        int s2 = next.index();
        double target = config.discount() * q[s2][greedy(s2)];
        q[pendingState][pendingAction] += config.learningRate() * (target - q[pendingState][pendingAction]);
        pendingState = -1;
        pendingAction = -1;
    }

    /** True while an action waits for its trade's outcome. */
    public boolean awaitingOutcome() {
        return pendingState >= 0;
    }

    public AdapterState state() {
        double[][] copy = new double[q.length][];
        for (int i = 0; i < q.length; i++) copy[i] = q[i].clone();
        return new AdapterState(1, params, copy, epsilon, trades, wins, totalPnlPct, pnlMean, pnlM2, rng.state());
    }

    /** Writes the state atomically; the previous file becomes {@code <file>.bak}. */
    public void save(Path file) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(state());
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try {
                Files.write(tmp, bytes);
                if (Files.exists(file) && readValid(file) != null) {
                    Files.copy(file, backup(file), StandardCopyOption.REPLACE_EXISTING);
                }
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save adapter state to " + file, e);
        }
    }

    /** An adapter restored from {@code file} (see the class comment for the fallbacks); {@link #origin()} says which. */
    public static QLearningParameterAdapter load(Path file, AdapterConfig config, Rng rng) {
        var a = new QLearningParameterAdapter(config, rng);
        if (!Files.exists(file)) {
            log.warn("adapter state missing file={} action=defaults", file);
            a.origin = Origin.DEFAULTS_MISSING;
            return a;
        }
        AdapterState s = a.readValid(file);
        if (s != null) {
            a.restore(s);
            a.origin = Origin.FILE;
            return a;
        }
        Path bak = backup(file);
        AdapterState b = Files.exists(bak) ? a.readValid(bak) : null;
        if (b != null) {
            log.warn("adapter state corrupt file={} action=backup backup={}", file, bak);
            a.restore(b);
            a.origin = Origin.BACKUP;
            return a;
        }
        log.warn("adapter state corrupt file={} action=defaults", file);
        a.origin = Origin.DEFAULTS_CORRUPT;
        return a;
    }

    private static Path backup(Path file) {
        return file.resolveSibling(file.getFileName() + ".bak");
    }

    /** The state in {@code file} when it parses and is within bounds and shape; null (with a warning naming the problem) otherwise. */
    private AdapterState readValid(Path file) {
        AdapterState s;
        try {
            s = JSON.readValue(Files.readAllBytes(file), AdapterState.class);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            log.warn("adapter state unreadable file={} error={}", file, e.getMessage().lines().findFirst().orElse(""));
            return null;
        }
        String problem = null;
        if (s == null || s.version() != 1) problem = "version " + (s == null ? "none" : s.version()) + " (expected 1)";
        else if (!config.bounds().contains(s.parameters())) problem = "parameters " + s.parameters() + " outside their bounds";
        else if (s.q() == null || s.q().length != MarketState.COUNT) problem = "Q-table has " + (s.q() == null ? 0 : s.q().length) + " states, expected " + MarketState.COUNT;
        else if (!(s.epsilon() >= 0 && s.epsilon() <= 1)) problem = "epsilon " + s.epsilon() + " outside [0, 1]";
        else if (s.rng() == null || s.rng().length != 5) problem = "random state has " + (s.rng() == null ? 0 : s.rng().length) + " words, expected 5";
        else {
            for (int i = 0; i < s.q().length && problem == null; i++) {
                if (s.q()[i] == null || s.q()[i].length != ACTIONS) problem = "Q-table row " + i + " does not have " + ACTIONS + " actions";
                else for (double v : s.q()[i]) if (!Double.isFinite(v)) problem = "Q-table row " + i + " holds " + v;
            }
        }
        if (problem != null) {
            log.warn("adapter state invalid file={} problem={}", file, problem);
            return null;
        }
        return s;
    }

    private void restore(AdapterState s) {
        for (int i = 0; i < q.length; i++) System.arraycopy(s.q()[i], 0, q[i], 0, ACTIONS);
        params = s.parameters();
        epsilon = s.epsilon();
        trades = s.trades();
        wins = s.wins();
        totalPnlPct = s.totalPnlPct();
        pnlMean = s.pnlMean();
        pnlM2 = s.pnlM2();
        rng.restore(s.rng());
    }
}
