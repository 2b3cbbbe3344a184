package io.tradeloop.decide.pipeline;

import io.tradeloop.decide.adapt.AdaptedParameters;
import io.tradeloop.decide.adapt.MarketState;
import io.tradeloop.decide.adapt.QLearningParameterAdapter;
import io.tradeloop.decide.fuzzy.MamdaniEngine;
import io.tradeloop.decide.fuzzy.RuleBase;
import io.tradeloop.decide.gate.ConfidenceGate;
import io.tradeloop.decide.gate.GateResult;
import io.tradeloop.decide.gate.UncertaintySizing;
import io.tradeloop.decide.record.Action;
import io.tradeloop.decide.record.Decision;
import io.tradeloop.decide.record.FuzzyOutcome;
import io.tradeloop.decide.record.MetaOutcome;
import io.tradeloop.decide.record.Sizing;
import io.tradeloop.decide.regime.RegimeDetector;
import io.tradeloop.decide.regime.RegimeGate;
import io.tradeloop.decide.regime.RegimeReading;
import io.tradeloop.decide.vote.Direction;
import io.tradeloop.decide.vote.ModelVote;
import io.tradeloop.decide.vote.VoteResult;
import io.tradeloop.decide.vote.WeightedVote;
import io.tradeloop.learn.dynamics.DynamicsEnsemble;
import io.tradeloop.learn.model.EnsembleOutput;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The directional decision stack for one instrument, layer by layer (DESIGN.md, "The directional
 * stack"): models vote → weighted vote with a support threshold → meta-label gate → confidence gate,
 * regime gate, fuzzy arbitration → uncertainty-weighted size (→ adapter) → an {@link Action} inside a
 * {@link Decision}. The risk layer runs after it, where the order is submitted, and is added to the
 * record with {@link Decision#withRisk}. Which layers run is the {@link StackLevel}.
 *
 * <p>Trade management is the same at every level so the ablation compares like with like: an entry
 * carries the label's barriers as stop and take-profit (τ × the label multipliers, × the adapter's
 * multipliers) and a time exit at the label horizon; an open position is closed when the stack turns
 * to the other side. Feed every bar in order (the regime detector keeps state).
 */
public final class DecisionPipeline {
    private final DirectionalModels models;
    private final StackLevel level;
    private final StackConfig config;
    private final String instrument;
    private final WeightedVote vote;
    private final WeightedVote single;
    private final RegimeDetector regime;
    private final RegimeGate regimeGate;
    private final ConfidenceGate confidenceGate;
    private final MamdaniEngine fuzzy;
    private final QLearningParameterAdapter adapter;
    // scratch (one pipeline per instrument and thread)
    private final double[] probs = new double[3];
    private final double[] meanStd = new double[2];
    private final double[][] seqMembers;
    private final float[] metaRow;
    private RegimeReading lastReading;

    /**
     * @param adapter the Q-learning adapter (required at {@link StackLevel#ADAPTER}, ignored below)
     */
    public DecisionPipeline(DirectionalModels models, StackLevel level, StackConfig config, String instrument, QLearningParameterAdapter adapter) {
        this.models = models;
        this.level = level;
        this.config = config;
        this.instrument = instrument;
        this.vote = new WeightedVote(config.supportThreshold());
        this.single = new WeightedVote(0.5);
        this.regime = new RegimeDetector(config.regime());
        this.regimeGate = RegimeGate.standard();
        this.confidenceGate = new ConfidenceGate("confidence", config.minConfidence());
        this.fuzzy = new MamdaniEngine(RuleBase.directional(), 401);
        if (level.has(StackLevel.ADAPTER) && adapter == null) {
            throw new IllegalArgumentException("stack level " + level + " needs a Q-learning adapter");
        }
        if (level.has(StackLevel.META) && models.meta() == null) {
            throw new IllegalArgumentException("stack level " + level + " needs a meta-label model");
        }
        this.adapter = level.has(StackLevel.ADAPTER) ? adapter : null;
        this.seqMembers = models.sequence() == null ? new double[0][] : new double[models.sequence().size()][3];
        this.metaRow = new float[models.primary().numFeatures() + DirectionalModels.META_EXTRA];
    }

    public StackLevel level() {
        return level;
    }

    public QLearningParameterAdapter adapter() {
        return adapter;
    }

    /**
     * Folds a bar into the stateful layers (the regime detector) without deciding: warm-up on history
     * before trading starts, so the first live decision sees the same state a continuous run would.
     */
    public void observe(BarInput in) {
        lastReading = regime.update(in.adx(), in.realisedVol(), in.baseSlope(), in.higherSlope());
    }

    /** The adapter's view of the market after the latest bar folded in (for rewards at a trade's close). */
    public MarketState marketState(BarInput in) {
        RegimeReading r = lastReading;
        return new MarketState(r == null ? 0 : r.volRank(), in.adx(), in.momentumZ(), r == null ? null : r.confirmed(), in.drawdown());
    }

    /** Decides on one closed bar (before risk). */
    public Decision decide(BarInput in) {
        RegimeReading reading = regime.update(in.adx(), in.realisedVol(), in.baseSlope(), in.higherSlope());
        lastReading = reading;

        // 1. Votes.
        List<ModelVote> votes = new ArrayList<>(8);
        models.primary().predictProba(in.features(), 0, probs);
        votes.add(ModelVote.of("gbm", level.has(StackLevel.ENSEMBLE) ? models.weight("gbm") : 1.0, probs, 0));
        double primarySignal = probs[2] - probs[0];
        double primaryConfidence = Math.max(probs[0], Math.max(probs[1], probs[2]));
        if (level.has(StackLevel.ENSEMBLE)) {
            if (models.sequence() != null && in.window() != null && models.weight("seq") > 0) {
                models.sequence().predictWindow(in.window(), seqMembers);
                EnsembleOutput e = EnsembleOutput.of(seqMembers);
                votes.add(ModelVote.of("seq", models.weight("seq"), e.mean(), e.mutualInformation()));
            }
            DynamicsEnsemble dyn = models.dynamics();
            if (dyn != null && models.weight("dyn") > 0) {
                for (int m = 0; m < dyn.size(); m++) {
                    dyn.memberVote(m, in.features(), 0, meanStd, probs);
                    votes.add(ModelVote.of("dyn:" + dyn.members().get(m).name(), models.weight("dyn") * dyn.weights()[m], probs, 0));
                }
            }
        }
        VoteResult v = (level.has(StackLevel.ENSEMBLE) ? vote : single).combine(votes);
        Direction side = v.direction();
        List<GateResult> gates = new ArrayList<>(5);

        // 2. An open position: close on the time limit or when the stack turns to the other side.
        if (in.positionSide() != 0) {
            Action a;
            if (in.barsHeld() >= models.labels().horizonBars()) {
                a = new Action.Exit("time exit after " + in.barsHeld() + " bars");
            } else if (side != Direction.FLAT && side.sign() == -in.positionSide()) {
                a = new Action.Exit("signal reversal to " + side);
            } else {
                a = new Action.Hold("position open");
            }
            return decision(in, votes, v, null, reading, null, gates, null, null, a);
        }
        if (side == Direction.FLAT) {
            return decision(in, votes, v, null, reading, null, gates, null, null, new Action.Hold("no side has support"));
        }

        // 3. Meta-label: does this side's trade hit its profit-take first?
        MetaOutcome meta = null;
        if (level.has(StackLevel.META)) {
            System.arraycopy(in.features(), 0, metaRow, 0, in.features().length);
            int k = in.features().length;
            metaRow[k] = side.sign();
            metaRow[k + 1] = (float) primarySignal;
            metaRow[k + 2] = (float) primaryConfidence;
            models.meta().predictProba(metaRow, 0, probs);
            meta = new MetaOutcome(probs[1], models.metaThreshold(), probs[1] >= models.metaThreshold());
            gates.add(meta.take() ? new GateResult.Passed("meta", meta.pTake(), meta.threshold(), "")
                    : new GateResult.Blocked("meta", meta.pTake(), meta.threshold(),
                    String.format(Locale.ROOT, "P(take) %.3f below %.3f", meta.pTake(), meta.threshold())));
        }

        // 4. Adapter: the parameters this candidate trades with (only for candidates the meta gate let through).
        AdaptedParameters params = null;
        if (adapter != null && gates.stream().allMatch(GateResult::passed)) {
            params = adapter.act(new MarketState(reading.volRank(), in.adx(), in.momentumZ(), reading.confirmed(), in.drawdown()));
        }

        // 5. Gates: confidence, regime, fuzzy arbitration.
        FuzzyOutcome fz = null;
        double confidenceWeight = 1;
        double fuzzyMultiplier = 1;
        if (level.has(StackLevel.GATES)) {
            double threshold = params != null ? params.confidenceThreshold() : config.minConfidence();
            gates.add(confidenceGate.check(v.confidence(), threshold));
            gates.add(regimeGate.check(reading));
            double s = Math.max(-1, Math.min(1, v.signal() / models.signalScale()));
            double act = fuzzy.evaluate(s, v.support(), reading.trendScore(), reading.volRank());
            List<Double> strengths = Arrays.stream(fuzzy.ruleStrengths()).boxed().toList();
            fz = new FuzzyOutcome(s, v.support(), reading.trendScore(), reading.volRank(), act, strengths);
            boolean agrees = !Double.isNaN(act) && Math.signum(act) == side.sign() && Math.abs(act) >= config.minFuzzyAction();
            gates.add(agrees ? new GateResult.Passed("fuzzy", act, config.minFuzzyAction(), "")
                    : new GateResult.Blocked("fuzzy", act, config.minFuzzyAction(),
                    String.format(Locale.ROOT, "fuzzy action %.3f does not confirm %s", act, side)));
            confidenceWeight = UncertaintySizing.weight(Math.max(0, Math.min(1, v.confidence())));
            fuzzyMultiplier = Double.isNaN(act) ? 0 : Math.min(1, Math.abs(act) / 0.6);
        }

        boolean blocked = gates.stream().anyMatch(g -> !g.passed());
        if (blocked) {
            if (params != null) {
                adapter.onNoTrade(new MarketState(reading.volRank(), in.adx(), in.momentumZ(), reading.confirmed(), in.drawdown()));
            }
            String which = gates.stream().filter(g -> !g.passed()).map(GateResult::gate).toList().toString();
            return decision(in, votes, v, meta, reading, fz, gates, params, null, new Action.Hold("blocked by " + which));
        }

        // 6. Size and barriers.
        double sizeMult = params != null ? params.sizeMultiplier() : 1;
        double tau = in.targetReturn();
        double stop = tau * models.labels().stopLossMult() * (params != null ? params.stopMultiplier() : 1);
        double take = tau * models.labels().profitTakeMult() * (params != null ? params.takeProfitMultiplier() : 1);
        double fraction = config.baseFraction() * confidenceWeight * sizeMult * fuzzyMultiplier;
        double cap = Double.POSITIVE_INFINITY;
        if (level.has(StackLevel.RISK) && stop > 0) {
            // per-trade risk budget: a stop-out at distance `stop` loses fraction × stop of equity
            cap = config.riskPerTrade() * (params != null ? params.riskMultiplier() : 1) / stop;
            fraction = Math.min(fraction, cap);
        }
        if (!(fraction > 0)) {
            if (adapter != null) {
                adapter.onNoTrade(new MarketState(reading.volRank(), in.adx(), in.momentumZ(), reading.confirmed(), in.drawdown()));
            }
            return decision(in, votes, v, meta, reading, fz, gates, params, null, new Action.Hold("size is zero"));
        }
        var sizing = new Sizing(config.baseFraction(), confidenceWeight, sizeMult, fuzzyMultiplier, cap, 1, fraction);
        var enter = new Action.Enter(side, fraction, Double.isFinite(stop) && stop > 0 ? stop : Double.NaN,
                Double.isFinite(take) && take > 0 ? take : Double.NaN, models.labels().horizonBars());
        return decision(in, votes, v, meta, reading, fz, gates, params, sizing, enter);
    }

    private Decision decision(BarInput in, List<ModelVote> votes, VoteResult v, MetaOutcome meta, RegimeReading reading, FuzzyOutcome fz,
                              List<GateResult> gates, AdaptedParameters params, Sizing sizing, Action action) {
        return new Decision(in.timeMs(), instrument, level.label(), models.featureSetVersion(), in.price(), votes, v, meta,
                level.has(StackLevel.GATES) ? reading : null, fz, gates, params, sizing, List.of(), action);
    }
}
