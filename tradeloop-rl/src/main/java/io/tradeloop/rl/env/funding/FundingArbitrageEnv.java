package io.tradeloop.rl.env.funding;

import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.portfolio.Portfolio;
import io.tradeloop.core.random.Rng;
import io.tradeloop.rl.env.EnvSpec;
import io.tradeloop.rl.env.Masks;
import io.tradeloop.rl.env.ResumableEnv;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The funding-rate arbitrage environment of DESIGN.md ("The funding-rate arbitrage agent"): 275 floats, 36
 * actions with a mask, positions of two legs booked in the core {@link Portfolio} and entries checked by
 * the risk engine, funding settled at each venue's own times, liquidation and stop-loss, and the contract's
 * reward. The step path allocates nothing.
 *
 * <p>One step at time t: the action is checked against the mask and applied at t's marks (entries and
 * exits pay the fee and half the bid-ask per leg); the clock moves to t + 1; each position is liquidated
 * leg by leg when the step's low (long) or high (short) touched the liquidation price, otherwise marked and
 * paid the funding its venues settled in (t, t + 1]; positions whose net P&amp;L fell below the stop-loss are
 * closed; then
 * <pre>
 *   reward = 3 × (equity_{t+1} − equity_t) / initial_capital × 100
 *          − 3 × entry_fees / size × 100          (on an entry: 0.1% per side × 2 sides → −0.6)
 *          − 20 × (0.15 − min_liquidation_distance) (when below 0.15)
 *          − 2                                     (when a position breached its stop-loss)
 * </pre>
 * The episode terminates when equity is 25% below its peak and is truncated after its sampled length
 * (72–168 h).
 *
 * <p>Checkpoints ({@link ResumableEnv}) hold the generator and market state at the start of the episode in
 * progress and the actions taken since; restoring replays them, which rebuilds the account exactly because
 * the environment is deterministic.
 */
public final class FundingArbitrageEnv implements ResumableEnv {
    /** The environment's name in specs, the CLI and checkpoints. */
    public static final String NAME = "funding-arb";

    private final EnvConfig env;
    private final EnvLayout layout;
    private final EnvSpec spec;
    private final MarketSource source;
    private final Rng rng;
    private final FundingState state;
    private final boolean[] mask;
    private final TradeStats stats = new TradeStats();
    private TradeListener tradeListener;
    private EpisodeSampler sampler;

    private MarketTape tape;
    private MarketSeries series;
    private int t;
    private int startStep;
    private int episodeSteps;
    private boolean terminated;
    private boolean truncated;
    private double lastReward;
    private double unitLeverage = Double.NaN;
    private MarketTape unitTape;
    private final int[] oppCandidate;
    // what a checkpoint needs to replay the episode in progress
    private long[] rngAtEpisodeStart;
    private EpisodeSampler samplerAtEpisodeStart;
    private final ByteArrayOutputStream sourceAtEpisodeStart = new ByteArrayOutputStream();
    private final DataOutputStream sourceOut = new DataOutputStream(sourceAtEpisodeStart);
    private int[] actions = new int[0];
    private int actionCount;
    private boolean replayable;

    public FundingArbitrageEnv(EnvConfig env, MarketSource source, EpisodeSampler sampler, Rng rng) {
        this.env = env;
        this.layout = env.layout();
        this.spec = new EnvSpec(NAME, layout.observationSize(), layout.actionNames());
        this.source = source;
        this.sampler = sampler;
        this.rng = rng;
        this.state = new FundingState(env);
        this.mask = new boolean[layout.actionCount()];
        this.oppCandidate = new int[layout.opportunitySlots()];
        if (source.maxEpisodeSteps() < env.stepsIn(sampler.maxHours())) {
            throw new IllegalArgumentException("the market source serves episodes of at most " + source.maxEpisodeSteps()
                    + " steps, shorter than max episode hours " + sampler.maxHours());
        }
    }

    @Override
    public EnvSpec spec() {
        return spec;
    }

    public EnvConfig config() {
        return env;
    }

    /** Used by the curriculum: the next reset samples configs and lengths from {@code next}. */
    public void setEpisodeSampler(EpisodeSampler next) {
        if (source.maxEpisodeSteps() < env.stepsIn(next.maxHours())) {
            throw new IllegalArgumentException("episodes of " + next.maxHours() + " h do not fit the market source");
        }
        this.sampler = next;
    }

    public EpisodeSampler episodeSampler() {
        return sampler;
    }

    @Override
    public void reset(float[] obs, int obsOffset, boolean[] maskOut, int maskOffset) {
        rngAtEpisodeStart = rng.state();
        samplerAtEpisodeStart = sampler;
        sourceAtEpisodeStart.reset();
        try {
            source.saveState(sourceOut);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TradingConfig cfg = sampler.sampleConfig(rng);
        int hours = sampler.sampleHours(rng, env.stepHours());
        episodeSteps = hours / env.stepHours();
        MarketSource.Episode e = source.next(rng, episodeSteps);
        startEpisode(e.tape(), e.startStep(), cfg, hours);
        replayable = true;
        if (actions.length < episodeSteps) {
            actions = new int[episodeSteps];
        }
        write(obs, obsOffset, maskOut, maskOffset);
    }

    /**
     * Starts an episode at a chosen place with a chosen config (evaluation walks the hold-out this way).
     * Writes the first observation and mask.
     */
    public void resetAt(MarketTape at, int step, TradingConfig cfg, int hours, float[] obs, int obsOffset, boolean[] maskOut, int maskOffset) {
        if (step < at.warmupSteps() || step + hours / env.stepHours() >= at.steps()) {
            throw new IllegalArgumentException("an episode of " + hours + " h from step " + step + " does not fit the tape ("
                    + at.steps() + " steps, warm-up " + at.warmupSteps() + ")");
        }
        episodeSteps = hours / env.stepHours();
        startEpisode(at, step, cfg, hours);
        replayable = false;
        write(obs, obsOffset, maskOut, maskOffset);
    }

    /**
     * Continues on the same tape and account with a fresh episode clock (evaluation over a long hold-out):
     * open positions stay, equity at this moment becomes the episode's initial capital and peak.
     */
    public void continueEpisode(int hours, float[] obs, int obsOffset, boolean[] maskOut, int maskOffset) {
        if (t + hours / env.stepHours() >= tape.steps()) {
            throw new IllegalArgumentException("continuing for " + hours + " h runs past the tape at step " + t);
        }
        double eq = state.portfolio.equityUsd();
        double[] heldSince = new double[state.execSlots];
        for (int k = 0; k < state.execSlots; k++) {
            heldSince[k] = state.entryHour[k] - state.hoursElapsed;
        }
        startStep = t;
        episodeSteps = hours / env.stepHours();
        state.initialCapital = eq;
        state.peakEquity = eq;
        state.maxDrawdown = 0;
        state.hoursElapsed = 0;
        state.episodeHours = hours;
        for (int k = 0; k < state.execSlots; k++) {
            state.entryHour[k] = heldSince[k];
        }
        terminated = false;
        truncated = false;
        replayable = false;
        write(obs, obsOffset, maskOut, maskOffset);
    }

    private void startEpisode(MarketTape at, int step, TradingConfig cfg, int hours) {
        if (at.config().layout().opportunitySlots() != layout.opportunitySlots()
                || at.config().feeRatePerSide() != env.feeRatePerSide() || at.config().stepHours() != env.stepHours()) {
            throw new IllegalArgumentException("the market tape was built for another environment config");
        }
        tape = at;
        series = at.series();
        actionCount = 0;
        t = step;
        startStep = step;
        terminated = false;
        truncated = false;
        lastReward = 0;
        state.beginEpisode(cfg, series.timeMs(t), hours);
        if (unitTape != at || state.leverage != unitLeverage) {
            buildUnitProposals();
        }
        loadOpportunities();
    }

    /** One one-dollar proposal per risk class (candidates whose legs share kinds and fees), at the episode's leverage. */
    private void buildUnitProposals() {
        state.setRiskClasses(tape.riskClasses());
        for (int c = 0; c < tape.candidateCount(); c++) {
            int k = tape.riskClass(c);
            if (state.classUnit[k] == null) {
                state.classUnit[k] = FundingState.unitProposal(tape.instrument(tape.candidateLong(c)),
                        tape.instrument(tape.candidateShort(c)), state.leverage, series.timeMs(t));
            }
        }
        unitTape = tape;
        unitLeverage = state.leverage;
    }

    private void loadOpportunities() {
        state.oppSource = tape.blocks();
        state.oppSourceOffset = tape.blockOffset(t);
        for (int i = 0; i < state.oppSlots; i++) {
            int c = tape.candidateAt(t, i);
            oppCandidate[i] = c;
            state.oppValid[i] = c >= 0;
            state.oppClass[i] = c >= 0 ? tape.riskClass(c) : 0;
        }
        for (int k = 0; k < state.execSlots; k++) {
            if (state.active[k]) {
                state.longRate8h[k] = tape.knownRate8h(state.longLeg[k], t);
                state.shortRate8h[k] = tape.knownRate8h(state.shortLeg[k], t);
            }
        }
    }

    private void write(float[] obs, int obsOffset, boolean[] maskOut, int maskOffset) {
        state.writeObservation(obs, obsOffset);
        state.writeMask(mask, 0);
        System.arraycopy(mask, 0, maskOut, maskOffset, mask.length);
    }

    @Override
    public double step(int action, float[] obs, int obsOffset, boolean[] maskOut, int maskOffset) {
        if (tape == null) {
            throw new IllegalStateException(NAME + ": step before reset");
        }
        if (terminated || truncated) {
            throw new IllegalStateException(NAME + ": the episode has ended; call reset");
        }
        Masks.requireAllowed(spec, mask, 0, action);
        if (actionCount < actions.length) {
            actions[actionCount] = action;
        }
        actionCount++;
        double equityBefore = state.lastEquity; // nothing touched the account since the last observation measured it
        double entryFeePct = 0;
        boolean entered = false;
        if (layout.isEnter(action)) {
            entryFeePct = open(layout.enterSlot(action), state.entrySizeUsd(action));
            entered = true;
        } else if (layout.isExit(action)) {
            close(layout.exitSlot(action), ExitReason.AGENT);
        }

        t++;
        state.hoursElapsed += env.stepHours();
        state.timeMs = series.timeMs(t);
        boolean stopHit = false;
        for (int k = 0; k < state.execSlots; k++) {
            if (state.active[k] && !liquidateIfTouched(k)) {
                settle(2 * k, state.longLeg[k]);
                settle(2 * k + 1, state.shortLeg[k]);
            }
        }
        for (int k = 0; k < state.execSlots; k++) {
            if (state.active[k] && state.netPnlUsd(k) / state.sizeUsd[k] < state.config.stopLossThreshold()) {
                stopHit = true;
                close(k, ExitReason.STOP_LOSS);
            }
        }
        double equity = state.updateDrawdown();
        // the observation first: it measures the minimum liquidation distance the reward needs
        loadOpportunities();
        state.writeObservation(obs, obsOffset, equity);
        state.writeMask(mask, 0);
        System.arraycopy(mask, 0, maskOut, maskOffset, mask.length);
        RewardSpec r = env.reward();
        double reward = r.pnlScale() * (equity - equityBefore) / state.initialCapital * 100;
        if (entered) {
            reward -= r.entryFeeScale() * entryFeePct;
        }
        reward += r.liquidationPenalty(state.lastMinLiquidationDistance);
        if (stopHit) {
            reward -= r.stopLossPenalty();
        }
        stats.steps++;
        stats.utilizationSum += state.lastCapitalUtilization;
        terminated = equity <= state.peakEquity * (1 - env.maxDrawdown());
        truncated = !terminated && t - startStep >= episodeSteps;
        lastReward = reward;
        return reward;
    }

    /** Opens opportunity slot {@code slot} with {@code sizeUsd} per leg at t's marks; returns entry fees in % of size. */
    private double open(int slot, double sizeUsd) {
        int c = oppCandidate[slot];
        int k = 0;
        while (state.active[k]) {
            k++;
        }
        int lo = tape.candidateLong(c);
        int sh = tape.candidateShort(c);
        Instrument li = tape.instrument(lo);
        Instrument si = tape.instrument(sh);
        double ml = tape.mark(lo, t);
        double ms = tape.mark(sh, t);
        double pl = ml * (1 + tape.halfSpread(lo, t));
        double ps = ms * (1 - tape.halfSpread(sh, t));
        double feeL = sizeUsd * li.takerFeeRate();
        double feeS = sizeUsd * si.takerFeeRate();
        Portfolio p = state.portfolio;
        int bl = 2 * k;
        int bs = bl + 1;
        p.resetBookHistory(bl);
        p.resetBookHistory(bs);
        p.fill(bl, li, sizeUsd / pl, pl, feeL, state.leverage);
        p.fill(bs, si, -sizeUsd / ps, ps, feeS, state.leverage);
        p.mark(bl, ml);
        p.mark(bs, ms);
        state.positionOpened(k);
        state.active[k] = true;
        state.sizeUsd[k] = sizeUsd;
        state.entryFeesUsd[k] = feeL + feeS;
        state.entrySpreadPct[k] = FundingState.spreadPct(ml, ms);
        state.entryHour[k] = state.hoursElapsed;
        state.longLeg[k] = lo;
        state.shortLeg[k] = sh;
        state.longRate8h[k] = tape.knownRate8h(lo, t);
        state.shortRate8h[k] = tape.knownRate8h(sh, t);
        stats.entries++;
        return (feeL + feeS) / sizeUsd * 100;
    }

    /** Why a position was closed. */
    public enum ExitReason {
        AGENT, STOP_LOSS, LIQUIDATION, END
    }

    /** Told about every closed position (evaluation keeps a ledger; training leaves it unset). */
    @FunctionalInterface
    public interface TradeListener {
        void closed(long timeMs, double sizeUsd, double netPnlUsd, double holdHours, ExitReason reason);
    }

    public void setTradeListener(TradeListener listener) {
        this.tradeListener = listener;
    }

    /** Closes both legs of slot k at t's marks less half the bid-ask, paying the fee. */
    private void close(int k, ExitReason reason) {
        closeLeg(2 * k, state.longLeg[k]);
        closeLeg(2 * k + 1, state.shortLeg[k]);
        finish(k, reason);
    }

    private void closeLeg(int book, int leg) {
        Portfolio p = state.portfolio;
        double q = p.qty(book);
        if (q == 0) {
            return;
        }
        double h = tape.halfSpread(leg, t);
        double price = tape.mark(leg, t) * (q > 0 ? 1 - h : 1 + h);
        Instrument inst = p.instrument(book);
        p.fill(book, inst, -q, price, Math.abs(q) * price * inst.takerFeeRate(), p.leverage(book));
    }

    private void finish(int k, ExitReason reason) {
        double net = state.netPnlUsd(k);
        Portfolio p = state.portfolio;
        stats.closed++;
        if (net > 0) {
            stats.wins++;
        }
        stats.netPnlUsd += net;
        stats.feesUsd += p.feesUsd(2 * k) + p.feesUsd(2 * k + 1);
        stats.fundingUsd += p.fundingUsd(2 * k) + p.fundingUsd(2 * k + 1);
        stats.holdHours += state.hoursElapsed - state.entryHour[k];
        if (tradeListener != null) {
            tradeListener.closed(series.timeMs(t), state.sizeUsd[k], net, state.hoursElapsed - state.entryHour[k], reason);
        }
        switch (reason) {
            case AGENT -> stats.agentExits++;
            case STOP_LOSS -> stats.stopLosses++;
            case LIQUIDATION -> stats.liquidations++;
            case END -> stats.episodeEnds++;
        }
        state.active[k] = false;
    }

    /**
     * Liquidates the legs of slot k whose step range touched their liquidation price: the leg closes at that
     * price and loses its whole margin (the last 10% goes as the liquidation fee); the surviving leg is closed
     * at the mark. Returns true when the position was liquidated.
     */
    private boolean liquidateIfTouched(int k) {
        Portfolio p = state.portfolio;
        int bl = 2 * k;
        int bs = bl + 1;
        boolean longHit = tape.low(state.longLeg[k], t) <= state.longLiquidationPrice[k];
        boolean shortHit = tape.high(state.shortLeg[k], t) >= state.shortLiquidationPrice[k];
        if (!longHit && !shortHit) {
            return false;
        }
        if (longHit) {
            liquidateLeg(bl);
        }
        if (shortHit) {
            liquidateLeg(bs);
        }
        closeLeg(bl, state.longLeg[k]);
        closeLeg(bs, state.shortLeg[k]);
        finish(k, ExitReason.LIQUIDATION);
        return true;
    }

    private void liquidateLeg(int book) {
        Portfolio p = state.portfolio;
        double q = p.qty(book);
        double liq = p.liquidationPrice(book);
        double realised = q * (liq - p.entryPrice(book));
        double fee = Math.max(0, p.marginUsd(book) + realised);
        p.fill(book, p.instrument(book), -q, liq, fee, p.leverage(book));
    }

    private void settle(int book, int leg) {
        Portfolio p = state.portfolio;
        double m = tape.mark(leg, t);
        if (tape.settled(leg, t)) {
            p.settleFunding(book, tape.settledRateSum(leg, t), m);
        } else {
            p.mark(book, m);
        }
    }

    /**
     * Writes the generator, sampler and market state at the start of the episode in progress and the actions
     * taken since (episodes started by {@link #resetAt} or continued cannot be saved).
     */
    @Override
    public void saveState(DataOutput out) throws IOException {
        writeSampler(out, sampler);
        out.writeBoolean(tape != null);
        if (tape == null) {
            for (long w : rng.state()) {
                out.writeLong(w);
            }
            return;
        }
        if (!replayable) {
            throw new IllegalStateException(NAME + ": an episode started with resetAt or continueEpisode cannot be checkpointed");
        }
        for (long w : rngAtEpisodeStart) {
            out.writeLong(w);
        }
        writeSampler(out, samplerAtEpisodeStart);
        out.writeInt(sourceAtEpisodeStart.size());
        out.write(sourceAtEpisodeStart.toByteArray());
        out.writeInt(actionCount);
        for (int i = 0; i < actionCount; i++) {
            out.writeShort(actions[i]);
        }
    }

    /** Restores what {@link #saveState} wrote by replaying the episode from its start. */
    @Override
    public void restoreState(DataInput in) throws IOException {
        EpisodeSampler current = readSampler(in);
        if (!in.readBoolean()) {
            rng.restore(readRng(in));
            tape = null;
            sampler = current;
            return;
        }
        rng.restore(readRng(in));
        sampler = readSampler(in);
        byte[] src = new byte[in.readInt()];
        in.readFully(src);
        source.restoreState(new DataInputStream(new java.io.ByteArrayInputStream(src)));
        float[] obs = new float[spec.observationSize()];
        boolean[] m = new boolean[spec.actionCount()];
        reset(obs, 0, m, 0);
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            step(in.readShort(), obs, 0, m, 0);
        }
        sampler = current;
    }

    private static long[] readRng(DataInput in) throws IOException {
        long[] s = new long[5];
        for (int i = 0; i < s.length; i++) {
            s[i] = in.readLong();
        }
        return s;
    }

    private static void writeSampler(DataOutput out, EpisodeSampler s) throws IOException {
        out.writeInt(s.mode().ordinal());
        TradingConfig c = s.fixed();
        out.writeDouble(c.maxLeverage());
        out.writeDouble(c.targetUtilization());
        out.writeInt(c.maxPositions());
        out.writeDouble(c.stopLossThreshold());
        out.writeDouble(c.liquidationBuffer());
        out.writeInt(s.minHours());
        out.writeInt(s.maxHours());
    }

    private static EpisodeSampler readSampler(DataInput in) throws IOException {
        EpisodeSampler.Mode mode = EpisodeSampler.Mode.values()[in.readInt()];
        TradingConfig c = new TradingConfig(in.readDouble(), in.readDouble(), in.readInt(), in.readDouble(), in.readDouble());
        return new EpisodeSampler(mode, c, in.readInt(), in.readInt());
    }

    /** Closes every position at the current marks (the end of an evaluation run). */
    public void closeAll() {
        for (int k = 0; k < state.execSlots; k++) {
            if (state.active[k]) {
                close(k, ExitReason.END);
            }
        }
        state.updateDrawdown();
    }

    @Override
    public boolean terminated() {
        return terminated;
    }

    @Override
    public boolean truncated() {
        return truncated;
    }

    /** Episode P&amp;L in % of its initial capital (marked to market). */
    @Override
    public double episodeScore() {
        return (state.portfolio.equityUsd() - state.initialCapital) / state.initialCapital * 100;
    }

    /** The state the observation and mask are written from (read-only use: tests, evaluation, reports). */
    public FundingState state() {
        return state;
    }

    public TradeStats stats() {
        return stats;
    }

    public MarketTape tape() {
        return tape;
    }

    /** The current step on the tape. */
    public int step() {
        return t;
    }

    public long timeMs() {
        return series.timeMs(t);
    }

    public double lastReward() {
        return lastReward;
    }

    /** The leg market of the long leg of execution slot k (meaningful while it is active). */
    public int positionLongLeg(int k) {
        return state.longLeg[k];
    }

    /** The leg market of the short leg of execution slot k. */
    public int positionShortLeg(int k) {
        return state.shortLeg[k];
    }

    /** The candidate in opportunity slot i now (−1 when empty). */
    public int opportunityCandidate(int slot) {
        return oppCandidate[slot];
    }

    /** Whether the current mask allows {@code action}. */
    public boolean allowed(int action) {
        return action >= 0 && action < mask.length && mask[action];
    }
}
