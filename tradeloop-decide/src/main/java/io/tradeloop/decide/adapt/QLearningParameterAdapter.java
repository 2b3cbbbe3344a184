package io.tradeloop.decide.adapt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tradeloop.core.random.Rng;
import io.tradeloop.learn.label.Barrier;
import io.tradeloop.learn.label.BarrierWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Tabular Q-learning over bounded trading parameters (q-learning-parameter-engine.md, made precise),
 * learning from counterfactual outcomes so that blocking a trade is scored like taking one.
 *
 * <p><b>Acting.</b> At each {@link Candidate} (an entry the stack would make, every gate but the
 * confidence gate passed) the adapter reads the {@link MarketState} s, picks an {@link AdapterAction}
 * ε-greedily (ties to the lowest index), applies the nudge (clamped) and returns the parameters the
 * candidate trades with: it is blocked when its confidence is below their threshold; otherwise it is
 * sized by their size multiplier (and capped at the risk budget × risk multiplier / stop) with the stop
 * and take-profit distances × their multipliers. ε decays by {@code epsilonDecay} per chosen action down
 * to {@code epsilonMin}. Outcomes arrive up to a label horizon after the decision, while candidates can
 * come on consecutive bars; so a new action is chosen only when a candidate has been scored since the
 * last choice, and meanwhile candidates trade (and are scored) as HOLD. Otherwise one stale Q row would
 * repeat its nudge bar after bar (a threshold rising 9 steps in 9 bars before any of them was judged).
 *
 * <p><b>Scoring (counterfactual).</b> Whether or not the candidate was traded, it becomes a shadow
 * trade: for every action a, the parameters p_a = a(p_before), and the stack's own base parameters p₀
 * (the bounds' defaults, i.e. the stack without the adapter), a triple-barrier walk from the entry close
 * with p's stop and take-profit follows the next bars ({@link BarrierWalk}, the labels' touch rule) up
 * to the time barrier. When all have closed, each parameter set p gets
 * <pre>
 *   U(p) = 0 if confidence &lt; p.threshold (blocked), else
 *          pnl%/pnlScale − (bars &gt; maxBars ? durationPenalty : 0) − adverse%/drawdownScale
 *          + sharpeWeight × clip((pnl% − mean) / sd, ±3)
 *   pnl% = 100 × f_p × (side × (exit/entry − 1) − roundTripCost),  adverse% = 100 × f_p × adverse excursion,
 *   f_p  = min(sizeFraction × p.size, riskBudget × p.risk / (stopPct × p.stop))
 * </pre>
 * (mean, sd over earlier candidates' base P&amp;L %; the term is 0 before two or while sd is 0), and every action is updated with its
 * advantage over the base parameters less a pull towards them, r_a = U(p_a) − U(p₀) − λ·steps(p_a)
 * (steps: Σ |p − p₀| / step over the parameters; λ = {@code deviationPenalty}):
 * Q(s, a) ← Q(s, a) + α (r_a + γ max_a' Q(s', a') − Q(s, a)), s' the state when the walks closed.
 * Blocking a winner the base stack takes costs its reward, blocking a loser pays it, taking a winner the
 * base stack would skip pays; the threshold can no longer drift to its cap unopposed (a blocked trade
 * scored 0, which beat an average loss, and nothing the adapter blocked was ever scored again).
 * Because the outcome of every action is known, all actions of s learn from each candidate. Where the
 * outcomes do not tell the actions apart (a threshold far above every candidate blocks them whatever
 * one nudge does), the λ term prefers the nudge back towards the base parameters, so no parameter
 * region is absorbing. All actions of s share s', so γ shifts a row's values alike and leaves the
 * greedy choice alone; it is kept for the plan's contract.
 *
 * <p>State persists as JSON (shadow trades in flight included), written to a temporary file and moved
 * into place atomically; the previous good file is kept as {@code .bak}. On start a missing file gives
 * the defaults; a corrupt, out-of-bounds or older-format one gives the backup when that is good, else
 * the defaults, with a warning either way.
 */
public final class QLearningParameterAdapter {
    private static final Logger log = LoggerFactory.getLogger(QLearningParameterAdapter.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int ACTIONS = AdapterAction.values().length;
    /** Index of the base parameters after the actions. */
    private static final int BASE = ACTIONS;
    private static final int VERSION = 2;
    /** The Sharpe term's z-score is clipped to ±3: with few or alike outcomes sd is tiny and the term would swamp the P&amp;L. */
    private static final double Z_CLIP = 3;

    /** Where the state came from at start. */
    public enum Origin { FILE, BACKUP, DEFAULTS_MISSING, DEFAULTS_CORRUPT, FRESH }

    /** A candidate whose shadow trades are open: one walk per action and one for the base parameters. */
    private static final class Pending {
        int state;
        int action;
        Candidate candidate;
        final boolean[] taken = new boolean[ACTIONS + 1];
        final double[] fraction = new double[ACTIONS + 1];
        final double[] steps = new double[ACTIONS + 1];
        final BarrierWalk[] walks = new BarrierWalk[ACTIONS + 1];

        Pending() {
            for (int k = 0; k <= ACTIONS; k++) walks[k] = new BarrierWalk();
        }

        boolean step(double open, double high, double low, double close) {
            boolean all = true;
            for (BarrierWalk w : walks) all &= w.step(open, high, low, close);
            return all;
        }
    }

    private final AdapterConfig config;
    private final Rng rng;
    private final double[][] q;
    private final List<Pending> pending = new ArrayList<>();
    private final ArrayDeque<Pending> spare = new ArrayDeque<>();
    private final double[] utility = new double[ACTIONS + 1];
    private AdaptedParameters params;
    private double epsilon;
    private long scored;
    private double baseMean;
    private double baseM2;
    private long taken;
    private long wins;
    private double takenPnlPct;
    private double basePnlPct;
    private double advantageSum;
    private AdapterAction lastAction;
    private long scoredAtLastChoice = -1;
    private double lastReward = Double.NaN;
    private Origin origin = Origin.FRESH;

    /** A fresh adapter at the default parameters. */
    public QLearningParameterAdapter(AdapterConfig config, Rng rng) {
        this(config, rng, config.bounds().defaults());
    }

    /** A fresh adapter (empty Q-table) starting from {@code start}, which must lie within the bounds. */
    public QLearningParameterAdapter(AdapterConfig config, Rng rng, AdaptedParameters start) {
        if (!config.bounds().contains(start)) {
            throw new IllegalArgumentException("start parameters " + start + " lie outside the bounds " + config.bounds());
        }
        this.config = config;
        this.rng = rng;
        this.q = new double[MarketState.COUNT][ACTIONS];
        this.params = start;
        this.epsilon = config.epsilonStart();
    }

    public AdapterConfig config() {
        return config;
    }

    public AdaptedParameters parameters() {
        return params;
    }

    /** The parameters of the stack without the adapter (the advantage's reference). */
    public AdaptedParameters baseParameters() {
        return config.bounds().defaults();
    }

    public double epsilon() {
        return epsilon;
    }

    /** Candidates scored (their shadow trades closed). */
    public long scored() {
        return scored;
    }

    /** Scored candidates the applied parameters let through, and how many of those were profitable. */
    public long taken() {
        return taken;
    }

    public long wins() {
        return wins;
    }

    /** Σ shadow P&amp;L % (net of the round trip) of the scored candidates the applied parameters let through. */
    public double takenPnlPct() {
        return takenPnlPct;
    }

    /** Σ shadow P&amp;L % of the scored candidates the base parameters let through: the reference for {@link #takenPnlPct()}. */
    public double basePnlPct() {
        return basePnlPct;
    }

    /** Σ reward of the applied actions: what the adapter added over the base parameters on the scored candidates. */
    public double advantageSum() {
        return advantageSum;
    }

    /** Candidates whose shadow trades are still open. */
    public int pendingCount() {
        return pending.size();
    }

    /** The reward the applied action of the last scored candidate received (NaN before the first). */
    public double lastReward() {
        return lastReward;
    }

    public Origin origin() {
        return origin;
    }

    public double q(int state, AdapterAction a) {
        return q[state][a.ordinal()];
    }

    /** The action {@link #act} took last, or null before the first. */
    public AdapterAction lastAction() {
        return lastAction;
    }

    /**
     * Picks and applies an action for a candidate in {@code state}; returns the parameters the candidate
     * trades with (it is blocked when its confidence is below their threshold). The candidate is scored
     * once the bars fed to {@link #onBar} close all its shadow trades.
     */
    public AdaptedParameters act(MarketState state, Candidate c) {
        int s = state.index();
        int a = AdapterAction.HOLD.ordinal();
        if (scored > scoredAtLastChoice) { // new evidence since the last choice
            a = rng.nextDouble() < epsilon ? rng.nextInt(ACTIONS) : greedy(s);
            epsilon = Math.max(config.epsilonMin(), epsilon * config.epsilonDecay());
            scoredAtLastChoice = scored;
        }
        AdaptedParameters before = params;
        AdapterAction[] all = AdapterAction.values();
        params = all[a].apply(before, config.bounds());
        lastAction = all[a];
        Pending p = spare.isEmpty() ? new Pending() : spare.pop();
        p.state = s;
        p.action = a;
        p.candidate = c;
        for (int k = 0; k <= ACTIONS; k++) {
            AdaptedParameters pk = k == BASE ? config.bounds().defaults() : all[k].apply(before, config.bounds());
            double stop = c.stopPct() * pk.stopMultiplier();
            double take = c.takePct() * pk.takeProfitMultiplier();
            p.taken[k] = c.confidence() >= pk.confidenceThreshold();
            p.fraction[k] = Math.min(c.sizeFraction() * pk.sizeMultiplier(), c.riskBudget() * pk.riskMultiplier() / stop);
            p.steps[k] = config.bounds().stepsFromDefaults(pk);
            double up = c.side() > 0 ? take : stop;
            double down = c.side() > 0 ? stop : take;
            p.walks[k].start(c.entryPrice(), c.entryPrice() * (1 + up), c.entryPrice() * (1 - Math.min(down, 0.999)), c.horizonBars());
        }
        pending.add(p);
        return params;
    }

    /**
     * Folds in a closed bar: every shadow trade decided before {@code timeMs} steps through it, and the
     * candidates whose walks have all closed are scored and learned from, oldest first;
     * {@code nextState} is the {@link MarketState#index()} now. Call once per bar, before deciding on it
     * (bars at or before a candidate's own time are ignored for it, so replaying history is harmless).
     * Allocates nothing.
     */
    public void onBar(long timeMs, double open, double high, double low, double close, int nextState) {
        for (int i = 0; i < pending.size(); ) {
            Pending p = pending.get(i);
            if (timeMs > p.candidate.timeMs() && p.step(open, high, low, close)) {
                learn(p, nextState);
                pending.remove(i);
                p.candidate = null;
                spare.push(p);
            } else {
                i++;
            }
        }
    }

    private void learn(Pending p, int nextState) {
        Candidate c = p.candidate;
        double basePnl = 0;
        for (int k = 0; k <= ACTIONS; k++) {
            BarrierWalk w = p.walks[k];
            double pnl = 100 * p.fraction[k] * (w.returnFor(c.side()) - config.roundTripCost());
            if (k == BASE) basePnl = pnl;
            utility[k] = p.taken[k] ? reward(pnl, w.bars(), 100 * p.fraction[k] * w.adverseExcursion(c.side())) : 0;
        }
        double next = config.discount() == 0 ? 0 : config.discount() * q[nextState][greedy(nextState)];
        double[] row = q[p.state];
        for (int a = 0; a < ACTIONS; a++) {
            double r = utility[a] - utility[BASE] - config.deviationPenalty() * p.steps[a];
            row[a] += config.learningRate() * (r + next - row[a]);
        }
        lastReward = utility[p.action] - utility[BASE] - config.deviationPenalty() * p.steps[p.action];
        advantageSum += lastReward;
        if (p.taken[p.action]) {
            BarrierWalk w = p.walks[p.action];
            double pnl = 100 * p.fraction[p.action] * (w.returnFor(c.side()) - config.roundTripCost());
            taken++;
            if (pnl > 0) wins++;
            takenPnlPct += pnl;
        }
        if (p.taken[BASE]) basePnlPct += basePnl;
        scored++;
        double delta = basePnl - baseMean;
        baseMean += delta / scored;
        baseM2 += delta * (basePnl - baseMean);
    }

    private int greedy(int s) {
        int best = 0;
        for (int a = 1; a < ACTIONS; a++) if (q[s][a] > q[s][best]) best = a;
        return best;
    }

    /** The reward of a (shadow) trade that was taken (see the class comment); uses the earlier candidates' base P&amp;L statistics. */
    public double reward(ClosedTrade t) {
        return reward(t.pnlPct(), t.barsHeld(), t.maxAdversePct());
    }

    private double reward(double pnlPct, int bars, double adversePct) {
        double r = pnlPct / config.pnlScale();
        if (bars > config.maxBars()) r -= config.durationPenalty();
        r -= Math.max(0, adversePct) / config.drawdownScale();
        if (scored >= 2 && config.sharpeWeight() > 0) {
            double sd = Math.sqrt(baseM2 / (scored - 1));
            if (sd > 1e-9) r += config.sharpeWeight() * Math.max(-Z_CLIP, Math.min(Z_CLIP, (pnlPct - baseMean) / sd));
        }
        return r;
    }

    public AdapterState state() {
        double[][] copy = new double[q.length][];
        for (int i = 0; i < q.length; i++) copy[i] = q[i].clone();
        List<AdapterState.PendingState> open = new ArrayList<>();
        for (Pending p : pending) {
            double[][] walks = new double[ACTIONS + 1][];
            for (int k = 0; k <= ACTIONS; k++) {
                BarrierWalk w = p.walks[k];
                walks[k] = new double[] {w.entry(), w.upper(), w.lower(), w.horizon(), w.bars(), w.barrier().ordinal(), w.touchPrice(),
                        w.lowHeld(), w.highHeld(), w.exitBarLow(), w.exitBarHigh()};
            }
            open.add(new AdapterState.PendingState(p.state, p.action, p.candidate, p.taken.clone(), p.fraction.clone(), p.steps.clone(), walks));
        }
        return new AdapterState(VERSION, params, copy, epsilon, scored, scoredAtLastChoice, baseMean, baseM2, taken, wins, takenPnlPct, basePnlPct,
                advantageSum, open, rng.state());
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
        if (s == null || s.version() != VERSION) problem = "version " + (s == null ? "none" : s.version()) + " (expected " + VERSION + ")";
        else if (!config.bounds().contains(s.parameters())) problem = "parameters " + s.parameters() + " outside their bounds";
        else if (s.q() == null || s.q().length != MarketState.COUNT) problem = "Q-table has " + (s.q() == null ? 0 : s.q().length) + " states, expected " + MarketState.COUNT;
        else if (!(s.epsilon() >= 0 && s.epsilon() <= 1)) problem = "epsilon " + s.epsilon() + " outside [0, 1]";
        else if (s.rng() == null || s.rng().length != 5) problem = "random state has " + (s.rng() == null ? 0 : s.rng().length) + " words, expected 5";
        else if (s.pending() == null) problem = "no pending list";
        else {
            for (var p : s.pending()) {
                if (p.candidate() == null || p.taken() == null || p.taken().length != ACTIONS + 1 || p.fraction() == null
                        || p.fraction().length != ACTIONS + 1 || p.steps() == null || p.steps().length != ACTIONS + 1 || p.walks() == null || p.walks().length != ACTIONS + 1
                        || p.state() < 0 || p.state() >= MarketState.COUNT || p.action() < 0 || p.action() >= ACTIONS) {
                    problem = "a pending candidate has the wrong shape";
                    break;
                }
                for (double[] w : p.walks()) {
                    if (w == null || w.length != 11 || w[5] < 0 || w[5] >= Barrier.values().length) {
                        problem = "a pending walk has the wrong shape";
                        break;
                    }
                }
            }
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
        scored = s.scored();
        scoredAtLastChoice = s.scoredAtLastChoice();
        baseMean = s.baseMean();
        baseM2 = s.baseM2();
        taken = s.taken();
        wins = s.wins();
        takenPnlPct = s.takenPnlPct();
        basePnlPct = s.basePnlPct();
        advantageSum = s.advantageSum();
        pending.clear();
        for (var ps : s.pending()) {
            Pending p = new Pending();
            p.state = ps.state();
            p.action = ps.action();
            p.candidate = ps.candidate();
            System.arraycopy(ps.taken(), 0, p.taken, 0, ACTIONS + 1);
            System.arraycopy(ps.fraction(), 0, p.fraction, 0, ACTIONS + 1);
            System.arraycopy(ps.steps(), 0, p.steps, 0, ACTIONS + 1);
            for (int k = 0; k <= ACTIONS; k++) {
                double[] w = ps.walks()[k];
                p.walks[k].restore(w[0], w[1], w[2], (int) w[3], (int) w[4], Barrier.values()[(int) w[5]], w[6], w[7], w[8], w[9], w[10]);
            }
            pending.add(p);
        }
        rng.restore(s.rng());
    }
}
